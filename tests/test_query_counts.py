"""The number of queries a page makes does not grow with what it lists, and never passes 10."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from advisories.models import Location
from articles.models import Person
from publishing import freshness
from tests.factories import make_advisory, make_article, make_person, make_place

pytestmark = pytest.mark.django_db

# The country page: every government's advice and its regional levels, the history, the news and
# the people in it.
MAX_QUERIES = 10


def add_items(n):
    """n more travel advisories, alerts and articles, all naming Iraq, Baghdad and Ian Lee."""
    baghdad = Location.objects.get(slug="baghdad")
    person = Person.objects.get(slug="ian-lee")
    for i in range(n):
        travel = make_advisory(level=1 + i % 4, indicators=("T", "K"), places=[baghdad])
        alert = make_advisory(
            kind="security-alert", indicators=("U",), places=[baghdad, make_place(f"Site {i}")]
        )
        make_article(people=[person], places=[baghdad], advisories=[travel, alert])


PAGES = [
    "/",
    "/countries/",
    "/countries/iq/",
    "/advisories/",
    "/advisories/?level=1&level=2&level=3&level=4&indicator=T&country=IQ",
    "/advisories/first/",
    "/articles/",
    "/articles/?place=iraq&person=ian-lee",
    "/articles/first/",
    "/people/",
    "/people/ian-lee/",
    "/places/baghdad/",
    "/search/?q=summary",
    "/feeds/advisories.rss",
    "/countries/iq/feed.atom",
    "/feeds/articles.rss",
    "/people/ian-lee/feed.rss",
]


def count_queries(client, url):
    """The queries of rendering `url`: its kept copy forgotten, the content's state read apart
    (publishing.freshness reads it once every few seconds, not once a page)."""
    cache.clear()
    freshness.forget_state()
    freshness.state()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_query_counts_do_not_grow_with_the_items_listed(client):
    baghdad = make_place("Baghdad", slug="baghdad")
    first = make_advisory(slug="first", places=[baghdad], indicators=("T",))
    make_article(slug="first", advisories=[first], places=[baghdad])
    make_person("Ian Lee", slug="ian-lee")
    add_items(1)
    one = {url: count_queries(client, url) for url in PAGES}
    add_items(49)
    fifty = {url: count_queries(client, url) for url in PAGES}
    assert one == fifty
    assert max(fifty.values()) <= MAX_QUERIES, fifty
