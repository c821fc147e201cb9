"""The home page's map coloured by the headline issuer (the default), by the highest level any
issuer gives, or by one issuer: the map, its heading and the list beside it follow the choice;
an unknown choice is a 400 saying so; drafts never count; the queries do not grow."""

import re
from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone
from django.utils.html import escape

from advisories.issuers import ISSUERS
from advisories.models import Advisory, Location
from publishing import freshness
from tests.factories import make_advisory

pytestmark = pytest.mark.django_db

Source = Advisory.Source
ISSUER_KEYS = list(ISSUERS)


def travel(iso, level, source, days_ago=1, **fields):
    issued_at = timezone.now() - timedelta(days=days_ago)
    return make_advisory(iso, level=level, source=source, issued_at=issued_at, **fields)


@pytest.fixture
def governments():
    """Oman: the U.S. 3, the UK 1 (its older 4 superseded), Canada 3, Australia nothing. Iraq:
    the U.S. 2, Canada 4. Norway: the desk 1, the UK 2. Drafts, scheduled advice and alerts
    that would change every answer if they counted."""
    travel("OM", 3, Source.STATE_DEPT)
    travel("OM", 4, Source.GOVUK, days_ago=30)
    travel("OM", 1, Source.GOVUK, days_ago=2)
    travel("OM", 3, Source.CANADA, days_ago=9)
    travel("IQ", 2, Source.STATE_DEPT, days_ago=5)
    travel("IQ", 4, Source.CANADA)
    travel("NO", 1, Source.STAFF, days_ago=40)
    travel("NO", 2, Source.GOVUK)
    # Never counted: a draft (the newest of all, and the desk's), advice scheduled for
    # tomorrow, an alert.
    for iso in ("OM", "IQ", "NO"):
        travel(iso, 4, Source.STAFF, days_ago=0, status=Advisory.Status.DRAFT)
        travel(iso, 4, Source.SMARTRAVELLER, days_ago=0, status=Advisory.Status.DRAFT)
        travel(iso, 4, Source.GOVUK, days_ago=-1)
        travel(iso, 4, Source.STATE_DEPT, kind=Advisory.Kind.SECURITY_ALERT)


def page(client, query="", status=200):
    response = client.get(f"/{query}")
    assert response.status_code == status, response.content[:500]
    return response.content.decode()


def map_levels(html, name):
    """The levels the map colours the country `name` with, by its shape and by its marker."""
    return set(re.findall(rf'class="map-(?:country|marker) level-(\w+)"><title>{name} — ', html))


def dangerous(html):
    """The countries listed beside the map, with their level."""
    listed = html.split('id="dangerous-heading"')[1].split("</nav>")[0]
    return dict(re.findall(r'>(\w+)</a> <span class="level-badge level-(\d)"', listed))


EXPECTED = {
    # By settings.HEADLINE_ISSUERS: the desk, then the U.S., whichever is newer.
    "": {"Oman": "3", "Iraq": "2", "Norway": "1"},
    "?map=highest": {"Oman": "3", "Iraq": "4", "Norway": "2"},
    "?map=staff": {"Oman": "none", "Iraq": "none", "Norway": "1"},
    "?map=state-dept": {"Oman": "3", "Iraq": "2", "Norway": "none"},
    "?map=govuk": {"Oman": "1", "Iraq": "none", "Norway": "2"},
    "?map=canada": {"Oman": "3", "Iraq": "4", "Norway": "none"},
    "?map=smartraveller": {"Oman": "none", "Iraq": "none", "Norway": "none"},
}


@pytest.mark.parametrize(("query", "levels"), EXPECTED.items(), ids=lambda v: str(v) or "default")
def test_each_choice_colours_the_map_and_lists_the_dangerous_by_it(
    client, governments, query, levels
):
    html = page(client, query)
    for name, level in levels.items():
        assert map_levels(html, name) == {level}, name
    listed = {name: level for name, level in levels.items() if level in {"3", "4"}}
    assert dangerous(html) == listed
    if not listed:
        assert "No country is at Level 3 or 4." in html


def test_the_headline_follows_the_setting(client, governments):
    with override_settings(HEADLINE_ISSUERS=["govuk", "canada", "state-dept"]):
        html = page(client)
    assert {name: map_levels(html, name) for name in ("Oman", "Iraq", "Norway")} == {
        "Oman": {"1"},
        "Iraq": {"4"},
        "Norway": {"2"},
    }
    assert "headline level comes from the first of UK, Canada, U.S. to give one." in html


def choice_nav(html):
    return html.split('<nav class="map-choice"')[1].split("</nav>")[0]


def heading(html):
    return re.search(r'<h2 id="map-heading">([^<]*)</h2>', html).group(1)


@pytest.mark.parametrize("key", ISSUER_KEYS)
def test_the_heading_and_the_list_name_the_issuer_chosen(client, key):
    html = page(client, f"?map={key}")
    name = escape(ISSUERS[key].name)
    assert heading(html) == f"Current levels: {name}"
    assert f"Level 3 and 4 countries: {name}</h3>" in html
    assert f"No current advisory from {name}</li>" in html  # the legend's grey
    assert f'<a href="?map={key}" aria-current="true">{escape(ISSUERS[key].short_name)}</a>' in (
        html
    )
    assert choice_nav(html).count("aria-current") == 1


def test_the_default_and_the_highest_say_whose_levels_they_are(client):
    html = page(client)
    assert heading(html) == "Current levels: each country&#x27;s headline level"
    assert '<a href="/" aria-current="true">Headline level</a>' in html
    assert "comes from the first of Advisory Atlas, U.S., UK, Canada, Australia to give one." in (
        html
    )
    html = page(client, "?map=highest")
    assert heading(html) == "Current levels: the highest any government gives"
    assert '<a href="?map=highest" aria-current="true">Highest of all</a>' in html
    assert "headline level comes from" not in html


def test_every_choice_is_a_plain_link(client):
    """No script and no form: each choice is a link, whichever map is shown."""
    html = page(client, "?map=canada")
    hrefs = re.findall(r'<a href="([^"]+)"', choice_nav(html))
    assert hrefs == ["/", "?map=highest", *(f"?map={key}" for key in ISSUER_KEYS)]
    assert "<script" not in html


def test_a_choice_is_read_in_any_case(client, governments):
    assert map_levels(page(client, "?map=GovUK"), "Oman") == {"1"}
    assert map_levels(page(client, "?map="), "Oman") == {"3"}  # empty: the default


@pytest.mark.parametrize("value", ["nobody", "US", "level-4", "<b>x</b>", "highes"])
def test_an_unknown_choice_is_a_400_in_plain_words_with_the_default_map(client, governments, value):
    html = page(client, f"?map={value}", status=400)
    assert f"There is no map “{escape(value)}”: choose one of those above." in html
    assert "<b>x</b>" not in html
    assert map_levels(html, "Oman") == {"3"}  # the headline's
    assert "aria-current" not in choice_nav(html)


def test_an_unknown_choice_in_the_queryset_is_an_error():
    with pytest.raises(ValueError, match="No issuer 'nobody'"):
        Location.objects.countries().with_current_level(by="nobody")


@pytest.mark.parametrize("by", ["headline", "highest", *ISSUER_KEYS])
def test_every_choice_annotates_all_countries_in_one_query(
    governments, django_assert_num_queries, by
):
    with django_assert_num_queries(1):
        levels = {
            c.iso_code: c.current_level
            for c in Location.objects.countries().with_current_level(by=by)
        }
    assert len(levels) > 200
    expected = {
        iso: None if level == "none" else int(level)
        for iso, level in zip(
            ("OM", "IQ", "NO"),
            EXPECTED["" if by == "headline" else f"?map={by}"].values(),
            strict=True,
        )
    }
    assert {iso: levels[iso] for iso in expected} == expected


# The countries with their levels, the latest advisories, the alerts, the past ones, the articles.
HOME_QUERIES = 5


@pytest.mark.parametrize("how_many", [3, 30])
@pytest.mark.parametrize("query", ["", "?map=highest", "?map=govuk"])
def test_the_home_page_queries_do_not_grow_with_the_countries_advised(
    client, django_assert_max_num_queries, how_many, query
):
    for i, place in enumerate(Location.objects.countries().order_by("iso_code")[:how_many]):
        travel(place.iso_code, 1 + i % 4, Source.STATE_DEPT)
        travel(place.iso_code, 1 + (i + 2) % 4, Source.GOVUK)
        travel(place.iso_code, 2, Source.CANADA)
    freshness.state()  # read once every few seconds, not once a page
    with django_assert_max_num_queries(HOME_QUERIES):
        html = page(client, query)
    assert len(dangerous(html)) > 0
