"""Governments side by side: the headline issuer, each issuer's current level in its own words,
the disagreement flag, and the page (and feed) of the countries where the issuers disagree."""

import json
import re
from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone
from django.utils.html import escape

from advisories.issuers import ISSUERS, comparison_for, native_words
from advisories.models import Advisory, Location
from tests.factories import country, make_advisory
from tests.importing import DATA, run, sample

pytestmark = pytest.mark.django_db

Source = Advisory.Source
# Older than GOV.UK's Iraq document (3 January 2020), so that the newest is not the headline.
STATE_DEPT_IRAQ = """<rss version="2.0"><channel><title>Test</title><item>
  <title>Iraq - Level 2: Exercise Increased Caution</title>
  <link>https://travel.example.gov/advisories/iraq.html</link>
  <pubDate>Tue, 01 Oct 2019</pubDate>
  <description><![CDATA[<p>Exercise increased caution in Iraq.</p>]]></description>
  <category domain="Threat-Level">Level 2: Exercise Increased Caution</category>
  <category domain="Country-Tag">IZ</category>
</item></channel></rss>"""


def import_state_dept(tmp_path):
    path = tmp_path / "state-dept.rss.xml"
    path.write_text(STATE_DEPT_IRAQ)
    ok, summary = run("import_state_dept", path)
    assert ok, summary


def import_govuk():
    ok, summary = run("import_govuk", "iraq", "--from-dir", DATA)  # Level 4, 3 January 2020
    assert ok, summary


def badge(client, name):
    """The level the country list shows beside the country named `name`."""
    page = client.get("/countries/", {"name": name}).content.decode()
    return re.findall(rf">{name}</a> <span class=\"level-badge level-\d\">([^<]+)<", page)


@pytest.mark.parametrize("order", ["state-dept first", "govuk first"])
def test_the_headline_does_not_depend_on_import_order(client, tmp_path, order):
    imports = [lambda: import_state_dept(tmp_path), import_govuk]
    for do_import in imports if order == "state-dept first" else imports[::-1]:
        do_import()
    iraq = country("IQ")
    # GOV.UK's is the newer, but the State Department comes first in HEADLINE_ISSUERS.
    assert Advisory.objects.current_for(iraq).first().source == Source.STATE_DEPT
    assert badge(client, "Iraq") == ["Level 2: Exercise Increased Caution"]
    assert Advisory.objects.current().get(country=iraq).source == Source.STATE_DEPT
    assert comparison_for(iraq).headline.advisory.source == Source.STATE_DEPT


def test_staff_work_is_the_headline_by_default_and_the_setting_can_name_another(client):
    make_advisory("IQ", level=3, source=Source.GOVUK, issued_at=timezone.now() - timedelta(hours=1))
    make_advisory("IQ", level=1, issued_at=timezone.now() - timedelta(days=9))  # staff, older
    assert badge(client, "Iraq") == ["Level 1: Exercise Normal Precautions"]
    with override_settings(HEADLINE_ISSUERS=["govuk", "staff"]):
        countries = Location.objects.countries().with_current_level()
        assert countries.get(iso_code="IQ").current_level == 3
        assert comparison_for(country("IQ")).headline.advisory.level == 3
    assert comparison_for(country("IQ")).headline.advisory.level == 1


def test_each_issuer_shows_its_latest_public_advisory_only(client):
    now = timezone.now()
    make_advisory("IQ", level=4, source=Source.GOVUK, issued_at=now - timedelta(days=30))
    make_advisory("IQ", level=3, source=Source.GOVUK, issued_at=now - timedelta(days=2))
    make_advisory("IQ", level=1, source=Source.CANADA, issued_at=now - timedelta(days=5))
    # Never shown: a draft, a scheduled advisory, an alert, another country's advisory.
    make_advisory("IQ", level=1, source=Source.GOVUK, status=Advisory.Status.DRAFT, issued_at=now)
    make_advisory("IQ", level=2, source=Source.GOVUK, issued_at=now + timedelta(days=1))
    make_advisory("IQ", level=4, source=Source.CANADA, kind=Advisory.Kind.SECURITY_ALERT)
    make_advisory("SY", level=4, source=Source.CANADA)
    readings = comparison_for(country("IQ")).readings
    assert [(r.issuer.key, r.advisory.level) for r in readings] == [("govuk", 3), ("canada", 1)]
    page = client.get("/countries/iq/").content.decode()
    assert "What each government says" in page
    assert page.count('<th scope="row">') == 2


def test_the_native_words_fall_back_to_the_issuer_scale():
    advisory = make_advisory("IQ", level=3, source=Source.SMARTRAVELLER)
    assert native_words(advisory) == "Reconsider your need to travel"
    advisory.source_data = {"overall_advice_level": "Do not travel"}
    assert native_words(advisory) == "Do not travel"
    assert ISSUERS["canada"].words_for(4) == "Avoid all travel"
    assert ISSUERS["state-dept"].words_for(2) == "Exercise Increased Caution"


def test_four_governments_side_by_side_and_flagged_two_levels_apart(client, tmp_path):
    import_state_dept(tmp_path)  # Level 2
    import_govuk()  # Level 4
    assert run("import_canada", sample("canada-travel-advisories-index.2014-03-02.json"))[0]
    assert run("import_smartraveller", sample("smartraveller-destinations-export.2026-04.json"))[0]
    page = client.get("/countries/iq/").content.decode()
    for issuer in ISSUERS.values():
        if issuer.key != Source.STAFF:
            assert f'<th scope="row">{escape(issuer.name)}' in page
    # Each in its own words: Canada's 2014 capitals quietened, GOV.UK's status, Australia's.
    assert "Avoid non-essential travel; see also regional advisories." in page
    assert "Avoid all travel to whole country" in page
    assert '<td data-label="In its own words">Do not travel</td>' in page
    assert '<td data-label="In its own words">Exercise Increased Caution</td>' in page
    assert "They disagree:" in page and "2 levels apart" in page
    assert (
        '<span class="flag">Highest</span>' in page and '<span class="flag">Lowest</span>' in page
    )
    assert "https://www.gov.uk/foreign-travel-advice/iraq" in page


def test_no_flag_when_the_issuers_are_one_level_apart(client):
    make_advisory("IQ", level=3, source=Source.GOVUK)
    make_advisory("IQ", level=4, source=Source.CANADA)
    page = client.get("/countries/iq/").content.decode()
    assert "What each government says" in page
    assert "They disagree:" not in page and 'class="flag"' not in page


def disagree(iso, *levels):
    """One current advisory per source for the country, at `levels` in registry order."""
    sources = [Source.STATE_DEPT, Source.GOVUK, Source.CANADA, Source.SMARTRAVELLER]
    for source, level in zip(sources, levels, strict=False):
        make_advisory(iso, level=level, source=source)


def test_the_disagreements_page_lists_the_widest_first(client):
    disagree("FR", 1, 2)
    disagree("OM", 3, 1, 3, 3)
    disagree("DE", 2, 2)  # agree
    disagree("JP", 4)  # only one issuer
    make_advisory("AT", level=4, source=Source.GOVUK, status=Advisory.Status.DRAFT)
    disagree("AT", 1)  # with the draft, two issuers; without it, one
    response = client.get("/countries/disagreements/")
    assert response.status_code == 200
    page = response.content.decode()
    assert page.index(">Oman</a>") < page.index(">France</a>")
    for absent in ("Germany", "Japan", "Austria"):
        assert f">{absent}</a>" not in page
    assert "<caption>2 countries where the issuers" in page
    assert '<span class="flag">Wide</span>' in page


def test_the_disagreements_page_filters_by_region(client):
    disagree("FR", 1, 2)
    disagree("OM", 3, 1)
    oman_region = country("OM").parent.slug
    page = client.get("/countries/disagreements/", {"region": oman_region}).content.decode()
    assert ">Oman</a>" in page and ">France</a>" not in page
    page = client.get("/countries/disagreements/", {"region": country("FR").parent.slug})
    assert ">France</a>" in page.content.decode()


def test_a_region_that_does_not_exist_is_a_400_in_plain_words(client):
    response = client.get("/countries/disagreements/", {"region": "atlantis"})
    assert response.status_code == 400
    assert "Region: Select a valid choice" in response.content.decode()
    feed = client.get("/countries/disagreements/feed.rss", {"region": "atlantis"})
    assert feed.status_code == 400 and "Region" in feed.content.decode()


def test_the_countries_page_links_to_the_disagreements():
    from django.test import Client

    assert 'href="/countries/disagreements/"' in Client().get("/countries/").content.decode()


def test_the_feeds_list_the_disagreements(client):
    disagree("OM", 3, 1, 3, 3)
    rss = client.get("/countries/disagreements/feed.rss")
    assert rss.status_code == 200
    assert "Oman: levels 2 apart (U.S. 3, UK 1, Canada 3, Australia 3)" in rss.content.decode()
    document = json.loads(client.get("/countries/disagreements/feed.json").content)
    [item] = document["items"]
    assert item["url"].endswith("/countries/om/")
    assert client.get("/countries/disagreements/feed.atom").status_code == 200


def test_the_disagreements_page_is_not_a_country_code():
    """The <iso> converter takes two letters: "disagreements" is no country and no 404."""
    from django.urls import resolve

    assert resolve("/countries/disagreements/").url_name == "disagreements"
    assert resolve("/countries/disagreements/feed.rss").url_name == "disagreements-feed-rss"


@pytest.mark.parametrize("how_many", [3, 30])
def test_the_disagreements_page_queries_do_not_grow(
    client, django_assert_max_num_queries, how_many
):
    codes = Location.objects.countries().order_by("iso_code").values_list("iso_code", flat=True)
    for iso in codes[:how_many]:
        disagree(iso, 1, 3, 2)
    with django_assert_max_num_queries(3):
        page = client.get("/countries/disagreements/").content.decode()
    assert f"<caption>{how_many} countries" in page


def test_advice_staff_entered_reads_as_the_issuer_they_named(client):
    make_advisory("IQ", level=4, issuer="U.S. Department of State")  # the site's desk
    page = client.get("/countries/iq/").content.decode()
    assert '<th scope="row">U.S. Department of State (entered by Advisory Atlas)' in page
