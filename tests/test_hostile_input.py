"""Hostile input: control characters, broken percent-encoding, huge values, repeated keys.
Never a 5xx, never a feed broken by a stored character, never markup where a reader expects
text."""

import os
from urllib.parse import quote

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisories.models import Advisory
from tests.factories import make_advisory, make_article

pytestmark = pytest.mark.django_db

FEEDS = [
    "/feeds/advisories.rss",
    "/feeds/advisories.atom",
    "/countries/iq/feed.rss",
    "/feeds/articles.rss",
    "/feeds/articles.atom",
    "/people/ian-lee/feed.rss",
]
FILTERED = ["/", "/advisories/", "/articles/", "/people/", "/countries/", "/search/", *FEEDS]
KEYS = [
    *("q", "country", "region", "level", "indicator", "kind", "issuer", "ordering", "page"),
    *("issued_from", "issued_to", "place", "person", "outlet", "published_from", "published_to"),
]
HOSTILE_VALUES = st.one_of(
    st.text(max_size=30),  # any code point, control characters and NUL included
    st.sampled_from(["%", "%ff", "%zz", "%00", "%0b", "9" * 40, "-1", "x" * 10_000, "IQ", "4"]),
    st.from_regex(r"\A-?[0-9]{1,25}\Z"),
)


def query_strings():
    """Pairs of a known or unknown key and a hostile value, keys repeated at will; a lone `%`
    is left as it is, so that percent-encoding can arrive broken."""
    key = st.one_of(st.sampled_from(KEYS), st.text(max_size=8))
    pairs = st.lists(st.tuples(key, HOSTILE_VALUES), max_size=6)
    return pairs.map(lambda items: "&".join(f"{quote(k)}={quote(v, safe='%')}" for k, v in items))


# 60 query strings a URL in the suite; HYPOTHESIS_EXAMPLES=1000 for a longer hunt.
@pytest.mark.parametrize("path", FILTERED)
@settings(
    max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", 60)),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(query=query_strings())
def test_no_query_string_makes_a_server_error(demo, client, path, query):
    response = client.get(f"{path}?{query}")
    assert response.status_code < 500, (path, query)


@pytest.mark.parametrize(
    "url",
    [
        "/feeds/advisories.rss?q=a%01",
        "/feeds/advisories.rss?issuer=a%01b",
        "/feeds/articles.rss?q=a%1b",
        "/feeds/articles.atom?outlet=a%08",
    ],
)
def test_a_control_character_in_the_query_string_does_not_break_a_feed(client, url):
    response = client.get(url)
    assert response.status_code in (200, 400)
    assert "\x01" not in response.content.decode() and "\x1b" not in response.content.decode()


def test_a_stored_control_character_does_not_break_any_feed(client):
    advisory = make_advisory(title="Storm warning")
    article = make_article(title="Storm report")
    # Written around save(), as SQL or an old row would be.
    Advisory.objects.filter(pk=advisory.pk).update(summary="Heavy\x0brain", title="Storm\x0c!")
    type(article).objects.filter(pk=article.pk).update(summary="Wind\x0bspeed")
    for url in FEEDS[:5]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "\x0b" not in response.content.decode() and "\x0c" not in response.content.decode()
    assert "Heavyrain" in client.get("/feeds/advisories.rss").content.decode()


def test_text_is_stored_without_control_characters_however_it_comes(client):
    advisory = make_advisory(summary="Heavy\x0brain", body="Wind\x00 and \x1brain", title="A\x0cB")
    advisory.refresh_from_db()
    assert (advisory.summary, advisory.body, advisory.title) == ("Heavyrain", "Wind and rain", "AB")
    assert "\x00" not in advisory.body_html


def test_the_rss_channel_description_shows_a_typed_query_as_text(client):
    make_advisory(issued_at=timezone.now())
    rss = client.get("/feeds/advisories.rss?q=%3Cimg+src%3Dx+onerror%3Dalert(1)%3E").content
    description = rss.decode().split("<description>", 1)[1].split("</description>", 1)[0]
    assert "&amp;lt;img" in description and "&lt;img" not in description.replace("&amp;", "")
