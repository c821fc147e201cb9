"""The queries that must not grow with the data are served by indexes (PostgreSQL's plans).

The test data is small, so sequential scans are priced out (`enable_seqscan = off`): a plan
that still scans a big table has no index to use, which at a million rows is the slow page.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from advisories.models import Advisory, Location
from articles.models import Article, Person
from publishing import freshness
from tests.factories import make_advisory, make_article, make_person

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's plans"),
]

BIG_TABLES = ["advisories_advisory", "articles_article", "articles_article_people"]


def plan_of(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def plan_of_queryset(queryset):
    sql, params = queryset.query.sql_with_params()
    return plan_of(sql, params)


def assert_no_full_scan(plan):
    for table in BIG_TABLES:
        assert f"Seq Scan on {table}" not in plan, plan


@pytest.fixture
def data():
    make_advisory(iso="IQ", level=4)
    make_advisory(iso="IQ", level=3, kind=Advisory.Kind.SECURITY_ALERT)
    iraq = Location.objects.get(iso_code="IQ")
    make_article(people=[make_person("Ian Lee", slug="ian-lee")], places=[iraq])


def test_the_content_state_is_read_by_index_lookups(data):
    with CaptureQueriesContext(connection) as queries:
        freshness.read_state()
    (query,) = queries.captured_queries
    plan = plan_of(query["sql"])
    assert_no_full_scan(plan)
    assert "advisory_status_issued_idx" in plan and "advisory_expires_idx" in plan
    assert "article_status_published_idx" in plan


def test_current_advice_is_each_issuers_latest_from_one_index_and_the_active_alerts(data):
    plan = plan_of_queryset(Advisory.objects.public().current_advice()[:25])
    assert_no_full_scan(plan)
    assert "advisory_latest_by_issuer_idx" in plan and "Unique" in plan  # DISTINCT ON


def test_each_countrys_level_is_chosen_among_each_governments_latest(data):
    plan = plan_of_queryset(Location.objects.countries().with_current_level())
    assert_no_full_scan(plan)
    assert "advisory_latest_by_source_idx" in plan


def test_search_ranks_only_the_latest_matches_found_by_its_index(data):
    found = Advisory.objects.public().search("iraq", among_latest=500)[:10]
    plan = plan_of_queryset(found)
    assert_no_full_scan(plan)
    assert "advisory_search_idx" in plan or "advisory_status_issued_idx" in plan


def test_the_country_pages_people_come_from_its_articles_by_key(data):
    iraq = Location.objects.get(iso_code="IQ")
    articles = list(Article.objects.public().naming(iraq.slug)[:10])
    plan = plan_of_queryset(Person.objects.public().of_country(iraq, articles)[:20])
    assert_no_full_scan(plan)
