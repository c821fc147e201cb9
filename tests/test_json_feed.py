"""JSON Feed 1.1 beside every RSS and Atom feed: the same items, read from the same classes, and
the rules of jsonfeed.org/version/1.1 for what a reader relies on."""

import json
from datetime import datetime

import feedparser
import pytest

from tests.factories import country, make_advisory
from tests.test_feeds import ALL_FEEDS

pytestmark = pytest.mark.django_db

RSS_FEEDS = [url for url in ALL_FEEDS if url.endswith(".rss")]


def json_feed(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/feed+json; charset=utf-8"
    return json.loads(response.content)


def assert_follows_the_spec(feed):
    """What JSON Feed 1.1 requires, and the optional fields this site promises to fill."""
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"] and feed["home_page_url"].startswith("http://testserver/")
    assert feed["feed_url"].startswith("http://testserver/") and ".json" in feed["feed_url"]
    for item in feed["items"]:
        assert isinstance(item["id"], str) and item["id"]
        assert item["url"].startswith("http://testserver/")
        assert item["title"] and item["content_html"]
        # RFC 3339, with a time zone.
        for moment in (item["date_published"], item["date_modified"]):
            assert datetime.fromisoformat(moment).tzinfo is not None
        assert all(author["name"] for author in item["authors"])
        assert all(isinstance(tag, str) for tag in item["tags"])
        unknown = set(item) - {
            "id",
            "url",
            "title",
            "content_html",
            "date_published",
            "date_modified",
            "authors",
            "tags",
        }
        assert all(key.startswith("_") for key in unknown)  # extensions only


@pytest.mark.parametrize("rss_url", RSS_FEEDS)
def test_every_json_feed_lists_what_its_rss_feed_lists(demo, client, rss_url):
    rss = feedparser.parse(client.get(rss_url).content)
    feed = json_feed(client, rss_url.replace(".rss", ".json"))
    assert_follows_the_spec(feed)
    assert feed["title"] == rss.feed.title and feed["items"]
    assert [(item["id"], item["url"], item["title"]) for item in feed["items"]] == [
        (entry.id, entry.link, entry.title) for entry in rss.entries
    ]
    assert [
        datetime.fromisoformat(item["date_published"]).timetuple()[:6] for item in feed["items"]
    ] == [tuple(entry.published_parsed)[:6] for entry in rss.entries]


def test_a_filtered_json_feed_takes_the_lists_query_string(demo, client):
    query = "level=4&indicator=T&region=middle-east"
    rss = feedparser.parse(client.get(f"/feeds/advisories.rss?{query}").content)
    feed = json_feed(client, f"/feeds/advisories.json?{query}")
    assert (
        feed["description"] == "Advisories on Advisory Atlas: Middle East, Level 4: Do Not "
        "Travel, Terrorism."
    )
    assert [item["id"] for item in feed["items"]] == [entry.id for entry in rss.entries]


def test_an_advisory_item_carries_its_level_indicators_issuer_and_point(client):
    make_advisory(iso="IQ", level=4, indicators=["T"], issuer="U.S. Department of State")
    iraq = country("IQ")
    (item,) = json_feed(client, "/feeds/advisories.json")["items"]
    assert item["tags"] == ["Level 4: Do Not Travel", "Travel advisory", "Terrorism"]
    assert item["authors"] == [{"name": "U.S. Department of State"}]
    assert item["_georss"]["point"] == f"{iraq.latitude} {iraq.longitude}"


def test_a_bad_filter_is_a_plain_400_and_a_repeat_is_304(client):
    make_advisory()
    bad = client.get("/feeds/advisories.json?level=9")
    assert bad.status_code == 400 and bad["Content-Type"] == "text/plain; charset=utf-8"
    first = client.get("/feeds/advisories.json")
    again = client.get("/feeds/advisories.json", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304 and again.content == b""
    assert first["ETag"] != client.get("/feeds/advisories.rss")["ETag"]


def test_pages_announce_their_json_feed(client):
    country("IQ")
    html = client.get("/countries/iq/").content.decode()
    assert (
        '<link rel="alternate" type="application/feed+json" title="JSON Feed: Iraq" '
        'href="/countries/iq/feed.json">' in html
    )
    assert '<a href="/countries/iq/feed.json" type="application/feed+json">JSON Feed</a>' in html
