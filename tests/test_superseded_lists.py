"""Every short list of advisories marks a superseded travel advisory, and the home page's latest
lists offer current advice only."""

from datetime import timedelta

import pytest
from django.utils import timezone

from advisories.models import Advisory
from tests.factories import make_advisory, make_article, make_place

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)
STATE = "U.S. Department of State"


@pytest.fixture
def basra():
    return make_place("Basra", slug="basra")


@pytest.fixture
def iraq(basra):
    """Iraq at Level 3, then at Level 4, both by the State Department; the older one names Basra
    and is cited by an article."""
    old = make_advisory(level=3, issuer=STATE, places=[basra], issued_at=timezone.now() - 900 * DAY)
    new = make_advisory(level=4, issuer=STATE, issued_at=timezone.now() - 600 * DAY)
    article = make_article(advisories=[old], places=[basra])
    return old, new, article


def item_of(html, advisory):
    """The list item that links the advisory."""
    return html.split(f'href="{advisory.get_absolute_url()}"', 1)[1].split("</li>", 1)[0]


def superseded_by(new):
    return f'<span class="superseded-mark">Superseded {new.issued_at:%-d %b %Y}</span>'


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_place_page_marks_the_superseded_advisory(client, iraq):
    old, new, _ = iraq
    html = html_of(client, "/places/basra/")
    assert superseded_by(new) in item_of(html, old)


def test_the_article_page_marks_the_superseded_advisory_it_cites(client, iraq):
    old, new, article = iraq
    html = html_of(client, article.get_absolute_url())
    assert superseded_by(new) in item_of(html, old)


def test_the_other_advisories_of_a_country_mark_the_superseded_one(client, iraq):
    old, new, _ = iraq
    on_the_new_page = html_of(client, new.get_absolute_url()).split('id="others-heading"', 1)[1]
    assert superseded_by(new) in item_of(on_the_new_page, old)
    on_the_old_page = html_of(client, old.get_absolute_url()).split('id="others-heading"', 1)[1]
    assert "superseded-mark" not in item_of(on_the_old_page, new)


def test_the_home_page_lists_only_the_current_travel_advisory(client, iraq):
    old, new, _ = iraq
    html = html_of(client, "/")
    assert new.get_absolute_url() in html
    assert old.get_absolute_url() not in html


def test_the_home_page_lists_active_alerts_never_past_ones(client):
    alert = Advisory.Kind.SECURITY_ALERT
    active = make_advisory(kind=alert, issued_at=timezone.now() - 2 * DAY)
    past = make_advisory(kind=alert, issued_at=timezone.now() - 400 * DAY)
    alerts = html_of(client, "/").split('id="alerts-heading"', 1)[1].split("</section>", 1)[0]
    assert active.get_absolute_url() in alerts
    assert past.get_absolute_url() not in alerts


def test_with_no_alert_active_the_home_page_says_so_and_shows_the_latest_past_ones(client):
    past = make_advisory(kind=Advisory.Kind.SECURITY_ALERT, issued_at=timezone.now() - 400 * DAY)
    alerts = html_of(client, "/").split('id="alerts-heading"', 1)[1].split("</section>", 1)[0]
    assert "No alert is active now." in alerts
    latest_past = alerts.split("The latest, now past", 1)[1]
    assert "Past alert" in item_of(latest_past, past)
