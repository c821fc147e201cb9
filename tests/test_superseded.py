"""Old advice never passes for current: a superseded travel advisory says so on its own page and
is not indexed; the current one is untouched."""

from datetime import timedelta

import pytest
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


@pytest.mark.parametrize("url", ["/advisories/?country=kw", "/search/?q=kuwait"])
def test_lists_and_search_mark_the_superseded_one(client, kuwait, url):
    old, new = kuwait
    html = client.get(url).content.decode()
    marked = html.split(old.get_absolute_url(), 1)[1].split("</li>", 1)[0]
    assert f'<span class="superseded-mark">Superseded {new.issued_at:%-d %b %Y}</span>' in marked
    current = html.split(new.get_absolute_url(), 1)[1].split("</li>", 1)[0]
    assert "superseded-mark" not in current
