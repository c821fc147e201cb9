"""Old advice never passes for current: a superseded travel advisory and a lapsed alert say so on
their own page and are not indexed; the current one is untouched."""

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
    old = make_advisory(iso="KW", level=1, slug="kuwait-2019", issued_at=timezone.now() - 900 * DAY)
    new = make_advisory(iso="KW", level=3, slug="kuwait-2021", issued_at=timezone.now() - 600 * DAY)
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
    assert "Superseded" not in html and 'content="noindex"' not in html


def test_another_issuers_later_advisory_does_not_supersede(client, kuwait):
    old, _ = kuwait
    Advisory.objects.filter(pk=kuwait[1].pk).update(issuer="UK FCDO")
    assert "Superseded" not in client.get(old.get_absolute_url()).content.decode()


@override_settings(ALERT_ACTIVE_DAYS=30)
def test_an_alert_without_expiry_is_past_after_the_configured_days(client):
    old = make_advisory(kind=Advisory.Kind.SECURITY_ALERT, issued_at=timezone.now() - 31 * DAY)
    recent = make_advisory(kind=Advisory.Kind.SECURITY_ALERT, issued_at=timezone.now() - 29 * DAY)
    assert list(Advisory.objects.public().active_alerts()) == [recent]
    assert list(Advisory.objects.public().past_alerts()) == [old]
    html = client.get(old.get_absolute_url()).content.decode()
    assert "A past alert." in html and 'content="noindex"' in html
    assert "A past alert." not in client.get(recent.get_absolute_url()).content.decode()
