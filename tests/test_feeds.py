"""RSS and Atom feeds, read the way a feed reader reads them (feedparser)."""

import re
from datetime import timedelta

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from advisories.filters import AdvisoryFilter
from advisories.models import Advisory, Location
from articles.models import Article
from tests.factories import country, make_advisory, make_article, make_person

pytestmark = pytest.mark.django_db

ADVISORY_FEEDS = ["/feeds/advisories.rss", "/feeds/advisories.atom"]
ALL_FEEDS = [
    *ADVISORY_FEEDS,
    "/countries/iq/feed.rss",
    "/countries/iq/feed.atom",
    "/feeds/articles.rss",
    "/feeds/articles.atom",
    "/people/ian-lee/feed.rss",
    "/people/ian-lee/feed.atom",
]


def read(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == 200, response.content[:300]
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.bozo_exception
    return feed


def slugs(feed):
    return [entry.link.rsplit("/", 2)[-2] for entry in feed.entries]


@pytest.mark.parametrize("url", ALL_FEEDS)
def test_every_feed_of_the_demo_is_well_formed_with_dated_entries(demo, client, url):
    feed = read(client, url)
    assert feed.feed.title.startswith("Advisory Atlas — ")
    assert feed.entries
    for entry in feed.entries:
        assert entry.id and entry.link.startswith("http://testserver/")
        assert entry.published_parsed
        if url.endswith(".atom"):  # RSS 2.0 has no update date
            assert "updated" in entry and entry["updated_parsed"] >= entry.published_parsed


@pytest.mark.parametrize("url", ADVISORY_FEEDS)
def test_advisory_entry_carries_headline_categories_author_and_point(demo, client, url):
    # The founding alert is past advice today (January 2020, no expiry): asked for.
    feed = read(client, url + "?country=iq&kind=security-alert&superseded=on")
    alert = feed.entries[0]
    assert alert.title == (
        "Iraq — Level 4: Do Not Travel — "
        "Security Alert: U.S. citizens should depart Iraq immediately"
    )
    terms = {tag.term for tag in alert.tags}
    assert {
        "Level 4: Do Not Travel",
        "Security alert",
        "Terrorism",
        "Kidnapping or hostage-taking",
    } <= terms
    assert alert.author == "U.S. Embassy Baghdad"
    assert alert.where["coordinates"] == pytest.approx((43.68, 33.22))  # GeoJSON: lon, lat
    assert "depart Iraq immediately" in alert.summary
    assert alert.published_parsed[:3] == (2020, 1, 3)


def test_alert_title_adds_the_kind_and_the_title(client):
    make_advisory(iso="IQ", level=4, kind=Advisory.Kind.SECURITY_ALERT, title="Embassy closed")
    assert read(client, "/feeds/advisories.atom").entries[0].title == (
        "Iraq — Level 4: Do Not Travel — Security alert: Embassy closed"
    )


@pytest.mark.parametrize("url", ADVISORY_FEEDS)
def test_country_coordinates_are_a_georss_point(client, url):
    Location.objects.filter(iso_code="IQ").update(latitude=33.3, longitude=44.4)
    make_advisory(iso="IQ")
    xml = client.get(url).content.decode()
    assert 'xmlns:georss="http://www.georss.org/georss"' in xml
    assert "<georss:point>33.3 44.4</georss:point>" in xml
    assert read(client, url).entries[0].where["coordinates"] == pytest.approx((44.4, 33.3))


def test_country_without_coordinates_has_no_point(client):
    Location.objects.filter(iso_code="SY").update(latitude=None, longitude=None)
    make_advisory(iso="SY")
    assert "<georss:point>" not in client.get("/feeds/advisories.rss").content.decode()


def test_travel_advisory_title_is_the_headline(client):
    make_advisory(iso="IQ", level=4, title="Iraq Travel Advisory")
    assert read(client, "/feeds/advisories.rss").entries[0].title == "Iraq — Level 4: Do Not Travel"


def test_entries_are_newest_first(client):
    now = timezone.now()
    old = make_advisory(issued_at=now - timedelta(days=9))
    new = make_advisory(issued_at=now - timedelta(days=1))
    middle = make_advisory(issued_at=now - timedelta(days=5))
    for url in ADVISORY_FEEDS:
        assert slugs(read(client, url)) == [new.slug, middle.slug, old.slug]


def test_feed_shows_the_latest_50(client):
    now = timezone.now()
    for day in range(60):
        make_advisory(issued_at=now - timedelta(days=day + 1))
    for url in ADVISORY_FEEDS:
        entries = read(client, url).entries
        assert len(entries) == 50
        assert entries[0].published_parsed > entries[-1].published_parsed


def test_entry_id_is_stable_across_an_edit(client, django_capture_on_commit_callbacks):
    advisory = make_advisory(level=3, title="Before")
    before = read(client, "/feeds/advisories.atom").entries[0]
    advisory.title, advisory.level, advisory.slug = "After", 4, "renamed"
    with django_capture_on_commit_callbacks(execute=True):  # the content's state moves on
        advisory.save()
    after = read(client, "/feeds/advisories.atom").entries[0]
    assert after.id == before.id
    assert after.link != before.link and after.title != before.title
    assert re.fullmatch(r"tag:testserver,\d{4}-\d\d-\d\d:advisory/\d+", after.id)


def test_country_feed_carries_only_that_country(client):
    make_advisory(iso="IQ")
    make_advisory(iso="SY")
    make_advisory(iso="IQ", kind=Advisory.Kind.SECURITY_ALERT)
    feed = read(client, "/countries/iq/feed.rss")
    assert len(feed.entries) == 2
    assert all(entry.title.startswith("Iraq — ") for entry in feed.entries)
    assert feed.feed.title == "Advisory Atlas — Iraq"


def test_unknown_country_feed_is_404(client):
    assert client.get("/countries/zz/feed.rss").status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        "level=4&indicator=T&region=middle-east",
        "country=iq&country=sy&ordering=level",
        "kind=security-alert&superseded=on",
        "issued_from=2019-12-01&issued_to=2020-01-31&superseded=on",
        "q=depart",
        "issuer=u.s.+embassy+baghdad&superseded=on",
    ],
)
def test_filtered_feed_equals_the_list_page(demo, client, query):
    from django.http import QueryDict

    expected = AdvisoryFilter(QueryDict(query), queryset=Advisory.objects.public()).qs[:50]
    feed = read(client, f"/feeds/advisories.rss?{query}")
    assert slugs(feed) == [advisory.slug for advisory in expected]
    assert feed.entries
    page = client.get(f"/advisories/?{query}").content.decode()
    first_on_page = re.findall(r'<a href="/advisories/([\w-]+)/">', page)[: len(feed.entries)]
    assert slugs(feed)[: len(first_on_page)] == first_on_page


def test_filtered_feed_says_what_it_holds(demo, client):
    feed = read(client, "/feeds/advisories.rss?level=4&indicator=T&region=middle-east")
    assert feed.feed.title == (
        "Advisory Atlas — advisories: Middle East, Level 4: Do Not Travel, Terrorism"
    )
    assert feed.feed.link.endswith("/advisories/?level=4&indicator=T&region=middle-east")


@pytest.mark.parametrize(
    "query",
    ["level=9", "country=zz", "issued_from=2020-13-45", "q=a%00b", "indicator=Q", "page=x&kind=x"],
)
def test_invalid_filter_is_a_plain_400(client, query):
    make_advisory()
    response = client.get(f"/feeds/advisories.rss?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert b"could not be read" in response.content
    assert b"<rss" not in response.content


def test_invalid_article_filter_is_a_plain_400(client):
    response = client.get("/feeds/articles.atom?person=nobody")
    assert response.status_code == 400 and b"There is no person" in response.content


def test_drafts_archived_expired_and_future_items_are_absent(client):
    now = timezone.now()
    visible = make_advisory()
    make_advisory(status=Advisory.Status.DRAFT)
    make_advisory(status=Advisory.Status.ARCHIVED)
    make_advisory(issued_at=now - timedelta(days=5), expires_at=now - timedelta(days=1))
    make_advisory(issued_at=now + timedelta(days=1))
    make_article(status=Article.Status.DRAFT)
    for url in ADVISORY_FEEDS + ["/countries/iq/feed.rss"]:
        assert slugs(read(client, url)) == [visible.slug]
    assert read(client, "/feeds/articles.rss").entries == []


def test_articles_and_person_feeds(client):
    ian = make_person("Ian Lee", slug="ian-lee")
    naming = make_article(title="Naming Ian", people=[ian], byline="Ian Lee, CBS News")
    make_article(title="Not naming him")
    assert [e.title for e in read(client, "/people/ian-lee/feed.rss").entries] == ["Naming Ian"]
    entry = read(client, "/feeds/articles.atom?person=ian-lee").entries[0]
    assert entry.title == naming.title and entry.author == "Ian Lee, CBS News"
    assert {"CBS News", "Ian Lee"} <= {tag.term for tag in entry.tags}
    assert len(read(client, "/feeds/articles.rss").entries) == 2


def test_publishing_changes_the_etag_and_last_modified(client):
    draft = make_advisory(status=Advisory.Status.DRAFT)
    first = client.get("/feeds/advisories.rss")
    draft.status = Advisory.Status.PUBLISHED
    draft.save()
    again = client.get("/feeds/advisories.rss", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 200 and again["ETag"] != first["ETag"]
    assert len(feedparser.parse(again.content).entries) == 1


def test_unpublishing_changes_the_etag(client):
    advisory = make_advisory()
    first = client.get("/feeds/advisories.rss")
    advisory.status = Advisory.Status.DRAFT
    advisory.save()
    again = client.get("/feeds/advisories.rss", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 200 and feedparser.parse(again.content).entries == []


def test_editing_a_draft_leaves_the_feed_not_modified(client, django_capture_on_commit_callbacks):
    make_advisory()
    draft = make_advisory(status=Advisory.Status.DRAFT)
    first = client.get("/feeds/advisories.rss")
    draft = Advisory.objects.get(pk=draft.pk)  # as the admin reads it
    draft.summary = "Rewritten."
    with django_capture_on_commit_callbacks(execute=True):
        draft.save()
    again = client.get("/feeds/advisories.rss", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304


@pytest.mark.parametrize(
    "hidden",
    [
        {"status": Advisory.Status.DRAFT},
        {"status": Advisory.Status.ARCHIVED},
        {"issued_at": timezone.now() + timedelta(days=1)},
    ],
)
def test_hidden_advisory_matching_a_filter_shows_in_no_header(client, hidden):
    make_advisory(summary="Zanzibarcode", **hidden)
    response = client.get("/feeds/advisories.rss?q=Zanzibarcode")
    nothing = client.get("/feeds/advisories.rss?q=Nowordlikeit")
    # The validators name the whole site's state, never what a filter matched.
    assert response["Last-Modified"] == nothing["Last-Modified"]
    assert feedparser.parse(response.content).entries == []


def test_etags_differ_between_formats_and_filters(client):
    make_advisory()
    etags = {client.get(url)["ETag"] for url in [*ADVISORY_FEEDS, "/feeds/advisories.rss?level=4"]}
    assert len(etags) == 3


def test_feed_query_count_does_not_grow_with_items(client, django_assert_max_num_queries):
    url = "/feeds/advisories.rss?indicator=T"
    make_advisory(indicators=("T", "K"))
    with CaptureQueriesContext(connection) as one_item:
        client.get(url)
    for _ in range(49):
        make_advisory(indicators=("T", "K"))
    with django_assert_max_num_queries(len(one_item)):
        response = client.get(url)
    assert len(feedparser.parse(response.content).entries) == 50


def test_country_page_announces_its_feeds(client):
    country("IQ")
    html = client.get("/countries/iq/").content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in html
    assert 'href="/countries/iq/feed.atom"' in html
