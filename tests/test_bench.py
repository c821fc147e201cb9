"""The benchmark's tools: the generator's rows are valid rows of the site, and the report's table
says what was measured. Nothing here is timed."""

import pytest
from django.db import connection

from advisories.models import Advisory
from articles.models import Article, Person
from bench.generate import generate
from bench.load import Measurement
from bench.report import Row, format_table
from publishing import richtext
from tests.factories import make_advisory

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the generator loads by COPY: PostgreSQL"
)


@pytest.fixture
def generated(db):
    with connection.cursor() as cursor:
        generate(cursor, advisories=50, articles=200, people=20, seed=1, report=lambda line: None)


@postgresql_only
def test_generator_adds_the_rows_asked_for(generated):
    assert Advisory.objects.count() == 50
    assert Article.objects.count() == 200
    assert Person.objects.count() == 20


@postgresql_only
def test_generated_rows_pass_the_models_validation(generated):
    for row in [*Advisory.objects.all(), *Article.objects.all(), *Person.objects.all()]:
        row.full_clean()
    assert set(Advisory.objects.values_list("level", flat=True)) <= {1, 2, 3, 4}


@postgresql_only
def test_generated_bodies_are_rendered_as_save_would(generated):
    for article in Article.objects.all()[:20]:
        assert article.body_html == richtext.render(article.body)
    for person in Person.objects.all():
        assert person.bio_html == richtext.render(person.bio)


@postgresql_only
def test_generated_articles_link_people_places_and_advisories(generated):
    for article in Article.objects.prefetch_related("people", "places", "advisories"):
        assert 1 <= len(article.people.all()) <= 3
        assert 1 <= len(article.places.all()) <= 3
        assert len(article.advisories.all()) <= 2


@postgresql_only
def test_generated_advisories_are_public_mostly_and_answer_on_their_page(generated, client):
    public = Advisory.objects.public()
    assert public.count() > Advisory.objects.count() / 2
    advisory = public.first()
    response = client.get(advisory.get_absolute_url())
    assert response.status_code == 200
    assert advisory.title in response.text


@postgresql_only
def test_search_finds_terrorist_in_every_generated_advisory(generated):
    assert Advisory.objects.search("terrorist").count() == 50


@postgresql_only
def test_site_adds_rows_after_the_generated_ones(generated):
    last_generated = Advisory.objects.order_by("pk").last().pk
    assert make_advisory().pk > last_generated


def test_hello_world_answers_through_the_sites_middleware(client, settings):
    settings.ROOT_URLCONF = "bench.hello_urls"
    response = client.get("/")
    assert response.status_code == 200
    assert response.text == "Hello, world!"
    assert response["X-Frame-Options"] == "DENY"


def test_rounds_combine_into_one_measurement():
    first = Measurement([(200, 0.010), (200, 0.030)], elapsed=1.0)
    second = Measurement([(200, 0.020), (503, 0.040)], elapsed=1.0)
    both = Measurement.combined([first, second])
    assert both.requests == 4
    assert both.rate == 2.0
    assert both.percentile(50) == 25.0
    assert both.unexpected(200) == 1


def test_table_lists_each_page_beside_the_hello_world():
    rows = [
        Row("`/`", 50.0, 1000.0, 20.0, 35.54, 41.0, 4, 31.4, 310.4),
        Row("`/feeds/advisories.rss` (304)", 400.0, 800.0, 2.0, 3.0, 4.0, 1, 0.6, 9.6),
    ]
    assert format_table(rows).splitlines() == [
        "| page | req/s | share of hello-world | p50 ms | p95 ms | p99 ms | queries "
        "| uncached render ms | first render ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        "| `/` | 50.0 | 5.0% | 20.0 | 35.5 | 41.0 | 4 | 31 | 310 |",
        "| `/feeds/advisories.rss` (304) | 400.0 | 50.0% | 2.0 | 3.0 | 4.0 | 1 | 1 | 10 |",
    ]
