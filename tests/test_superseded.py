"""Old advice never passes for current: a superseded travel advisory says so on its own page and
is not indexed; the current one is untouched."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from advisories.models import Advisory
from tests.factories import make_advisory

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)


@pytest.fixture
def kuwait():
    """Kuwait at Level 1 in 2019, then at Level 3 from March 2021, both by the State Department."""
    state = {"iso": "KW", "issuer": "U.S. Department of State"}
    old = make_advisory(level=1, slug="kuwait-2019", issued_at=timezone.now() - 900 * DAY, **state)
    new = make_advisory(level=3, slug="kuwait-2021", issued_at=timezone.now() - 600 * DAY, **state)
    return old, new


def test_a_superseded_advisory_says_so_and_links_the_current_one(client, kuwait):
    old, new = kuwait
    html = client.get(old.get_absolute_url()).content.decode()
    assert f'Superseded on <time datetime="{new.issued_at:%Y-%m-%d}' in html
    assert (
        f'Kuwait is now <a href="{new.get_absolute_url()}">Level 3: Reconsider Travel</a>' in html
    )
    assert "level-banner level-1 historical" in html
    assert '<meta name="robots" content="noindex">' in html


def test_the_current_advisory_is_not_marked(client, kuwait):
    html = client.get(kuwait[1].get_absolute_url()).content.decode()
    # Not the page's banner; its list of the country's others marks the old one.
    assert 'class="out-of-date"' not in html and 'content="noindex"' not in html
    assert "historical" not in html.split('class="level-banner', 1)[1].split(">", 1)[0]


def test_another_issuers_later_advisory_does_not_supersede(client, kuwait):
    old, _ = kuwait
    Advisory.objects.filter(pk=kuwait[1].pk).update(issuer="UK FCDO")
    assert "Superseded" not in client.get(old.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    "url", ["/advisories/?country=kw&superseded=on", "/search/?q=kuwait&superseded=on"]
)
def test_lists_and_search_mark_the_superseded_one(client, kuwait, url):
    old, new = kuwait
    html = client.get(url).content.decode()
    marked = html.split(old.get_absolute_url(), 1)[1].split("</li>", 1)[0]
    assert f'<span class="superseded-mark">Superseded {new.issued_at:%-d %b %Y}</span>' in marked
    current = html.split(new.get_absolute_url(), 1)[1].split("</li>", 1)[0]
    assert "superseded-mark" not in current


@override_settings(ALERT_ACTIVE_DAYS=30)
def test_an_alert_without_expiry_is_past_after_the_configured_days(client):
    old = make_advisory(kind=Advisory.Kind.SECURITY_ALERT, issued_at=timezone.now() - 31 * DAY)
    recent = make_advisory(kind=Advisory.Kind.SECURITY_ALERT, issued_at=timezone.now() - 29 * DAY)
    assert (old.is_past_alert, recent.is_past_alert) == (True, False)
    assert list(Advisory.objects.filter(Advisory.objects.lapsed())) == [old]
    html = client.get(old.get_absolute_url()).content.decode()
    assert "A past alert." in html and 'content="noindex"' in html
    assert "A past alert." not in client.get(recent.get_absolute_url()).content.decode()


def test_the_country_page_lists_past_alerts_apart_never_as_active(client):
    old = make_advisory(kind=Advisory.Kind.SECURITY_ALERT, issued_at=timezone.now() - 400 * DAY)
    html = client.get("/countries/iq/").content.decode()
    assert "<strong>Active alerts:</strong> none." in html
    past = html.split('id="past-alerts-heading"', 1)[1]
    assert old.get_absolute_url() in past and "Past alert" in past


def test_lists_show_current_advice_by_default_and_say_how_to_see_the_rest(client, kuwait):
    old, new = kuwait
    alert = make_advisory(
        iso="KW",
        kind=Advisory.Kind.SECURITY_ALERT,
        slug="kw-old-alert",
        issued_at=timezone.now() - 400 * DAY,
    )
    for url in ["/advisories/?country=kw", "/search/?q=kuwait", "/feeds/advisories.rss?country=kw"]:
        html = client.get(url).content.decode()
        assert new.get_absolute_url() in html, url
        assert old.get_absolute_url() not in html and alert.get_absolute_url() not in html, url
    html = client.get("/advisories/?country=kw").content.decode()
    assert '<a href="?country=kw&amp;superseded=on">Include superseded and past advice</a>' in html
    everything = client.get("/advisories/?country=kw&superseded=on").content.decode()
    assert old.get_absolute_url() in everything and alert.get_absolute_url() in everything
    assert "Past alert" in everything
