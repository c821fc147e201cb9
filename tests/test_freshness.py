"""Public pages answered by the content's state (publishing.freshness): a 304 to a repeat, a page
rendered once per state, headers a proxy may act on, and never a stale or a staff page."""

import time
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from advisories.models import Advisory
from publishing import freshness
from publishing.models import ContentState
from tests.factories import make_advisory, make_article, make_person

pytestmark = pytest.mark.django_db

# One of each kind of public page and feed, and the API, for the demo data.
PUBLIC_PAGES = [
    "/",
    "/countries/",
    "/countries/iq/",
    "/places/baghdad/",
    "/search/?q=embassy",
    "/advisories/",
    "/advisories/?level=4",
    "/articles/",
    "/people/",
    "/people/ian-lee/",
    "/feeds/advisories.rss",
    "/feeds/articles.atom",
    "/countries/iq/feed.json",
    "/people/ian-lee/feed.atom",
    "/api/v1/countries/",
    "/api/v1/advisories/?country=iq",
]


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_a_repeat_is_answered_304_without_a_query(demo, client, url):
    first = client.get(url)
    assert first.status_code == 200
    assert first["ETag"] and first["Last-Modified"]
    cache_control = first["Cache-Control"]
    assert "public" in cache_control and f"max-age={freshness.MAX_AGE}" in cache_control
    assert f"stale-while-revalidate={freshness.STALE_WHILE_REVALIDATE}" in cache_control
    assert "Cookie" not in first.get("Vary", "")
    for headers in [
        {"If-None-Match": first["ETag"]},
        {"If-Modified-Since": first["Last-Modified"]},
    ]:
        with CaptureQueriesContext(connection) as queries:
            again = client.get(url, headers=headers)
        assert again.status_code == 304 and again.content == b""
        # The validators again, so that a cache refreshes what it holds.
        for header in ["ETag", "Last-Modified", "Cache-Control"]:
            assert again[header] == first[header]
        assert len(queries) == 0


@pytest.mark.parametrize(
    "url", ["/", "/countries/iq/", "/advisories/", "/feeds/advisories.rss", "/api/v1/countries/"]
)
def test_a_page_is_rendered_once_in_a_state(demo, client, url):
    first = client.get(url)
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url)
    assert again.content == first.content
    assert dict(again.headers) == dict(first.headers)
    assert len(queries) == 0


def test_publishing_shows_at_once_and_changes_the_etag(demo, client, commits):
    first = client.get("/countries/kw/")
    with commits():
        make_advisory(iso="KW", level=3, title="Kuwait raises its level", summary="Raised.")
    again = client.get("/countries/kw/", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 200 and again["ETag"] != first["ETag"]
    assert "Kuwait raises its level" in again.content.decode()


def test_a_draft_saved_changes_no_etag(demo, client, commits):
    first = client.get("/advisories/")
    with commits():
        draft = make_advisory(status=Advisory.Status.DRAFT, title="Not yet")
        draft.summary = "Still not."
        draft.save()
    again = client.get("/advisories/", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304


def test_unpublishing_changes_the_etag_and_hides_the_page(client, commits):
    advisory = make_advisory(title="Soon withdrawn")
    first = client.get(advisory.get_absolute_url())
    assert first.status_code == 200
    with commits():
        advisory = Advisory.objects.get(pk=advisory.pk)
        advisory.status = Advisory.Status.DRAFT
        advisory.save()
    assert client.get(advisory.get_absolute_url()).status_code == 404
    assert "Soon withdrawn" not in client.get("/advisories/").content.decode()


def test_the_clock_changes_the_state_without_a_save(client):
    soon = timezone.now() + timedelta(seconds=1)
    make_advisory(title="Lapsing now", summary="Expiring.", expires_at=soon)
    first = client.get("/advisories/")
    assert "Lapsing now" in first.content.decode()
    time.sleep(1.1)
    freshness.forget_state()  # as every process does STATE_SECONDS later
    again = client.get("/advisories/", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 200 and "Lapsing now" not in again.content.decode()
    assert again["Last-Modified"] != first["Last-Modified"]


def test_a_scheduled_advisory_appears_when_its_time_comes(client):
    make_advisory(title="Issued in a moment", issued_at=timezone.now() + timedelta(seconds=1))
    first = client.get("/advisories/")
    assert "Issued in a moment" not in first.content.decode()
    time.sleep(1.1)
    freshness.forget_state()
    assert "Issued in a moment" in client.get("/advisories/").content.decode()


def test_another_process_sees_a_change_within_the_states_lifetime(client):
    make_advisory(title="Seen here first")
    first = client.get("/advisories/")
    # Another process's commit: the counter rises; this process trusts its state a little.
    ContentState.objects.filter(pk=1).update(changes=999)
    assert client.get("/advisories/", headers={"If-None-Match": first["ETag"]}).status_code == 304
    freshness.forget_state()  # STATE_SECONDS later
    assert client.get("/advisories/", headers={"If-None-Match": first["ETag"]}).status_code == 200


def test_staff_get_fresh_private_pages_and_their_previews_are_never_kept(client, publisher):
    draft = make_advisory(status=Advisory.Status.DRAFT, title="Draft for review")
    client.force_login(publisher)
    preview = client.get(draft.get_absolute_url())
    assert preview.status_code == 200 and "Draft for review" in preview.content.decode()
    assert "private" in preview["Cache-Control"] and "ETag" not in preview
    client.logout()
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_an_anonymous_page_is_not_served_to_staff_from_the_cache(client, publisher):
    make_advisory(title="Public one")
    anonymous = client.get("/advisories/")
    client.force_login(publisher)
    staff = client.get("/advisories/", headers={"If-None-Match": anonymous["ETag"]})
    assert staff.status_code == 200 and "private" in staff["Cache-Control"]


def test_a_bad_request_is_neither_kept_nor_offered_to_proxies(client):
    bad = client.get("/advisories/?level=9")
    assert bad.status_code == 400
    assert "public" not in bad.get("Cache-Control", "") and "ETag" not in bad


def test_each_address_has_its_own_etag_and_page(client, settings):
    settings.ALLOWED_HOSTS = ["testserver", "atlas.example"]
    make_article(people=[make_person("Ian Lee", slug="ian-lee")])
    assert client.get("/articles/")["ETag"] != client.get("/articles/?outlet=CBS")["ETag"]
    # The canonical link names the host and scheme the page was asked by, never another's.
    for secure, host in [(False, "testserver"), (True, "testserver"), (False, "atlas.example")]:
        page = client.get("/articles/", secure=secure, headers={"Host": host}).content.decode()
        scheme = "https" if secure else "http"
        assert f'rel="canonical" href="{scheme}://{host}/articles/"' in page
