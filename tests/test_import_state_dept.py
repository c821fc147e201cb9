"""import_state_dept: the real feed, fixtures of our own, and every way a feed can go wrong."""

import io
import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.management import call_command, load_command_class
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from advisories.importers.countries import country_by_name
from advisories.importers.reading import cut_at_sentence, indicator_codes, plain_text, sentences
from advisories.importers.reporting import Progress
from advisories.models import Advisory, Location
from publishing import richtext
from tests.factories import country, make_advisory
from tests.importing import DATA, feed, local_server, outcome, run, sample
from tests.test_richtext import DANGEROUS, XSS_PAYLOADS

pytestmark = pytest.mark.django_db

STATE = Advisory.Source.STATE_DEPT
SMALL = DATA / "state_dept_small.rss.xml"


def imported():
    return Advisory.objects.filter(source=STATE)


def snapshot():
    return list(imported().order_by("pk").values())


def nothing_changed(items):
    """What a run says when the feed's `items` are all stored already."""
    return f"0 created, 0 updated, {items} unchanged, 0 held, 0 skipped (nothing changed)"


# The real feed, read in place


def test_every_item_of_the_real_feed_lands_on_its_country_and_level():
    ok, summary = run("import_state_dept", sample("state-dept-travel-advisories.rss.xml"))
    assert ok, summary
    assert summary.startswith("17 created, 0 updated, 0 unchanged, 0 held, 0 skipped")
    found = {
        (a.country.iso_code, a.level, a.places.first() and a.places.first().name)
        for a in imported()
    }
    expected = {
        ("JP", 1, None), ("AF", 4, None), ("MX", 2, None), ("MO", 3, None), ("CW", 1, None),
        ("HK", 2, None), ("PS", 3, "West Bank"), ("PS", 4, "Gaza Strip"), ("BS", 2, None),
        ("FM", 1, None), ("MM", 4, None), ("BM", 1, None), ("CI", 2, None), ("CN", 2, None),
        ("KN", 1, None),
    }  # fmt: skip
    assert found == expected
    assert imported().count() == 17  # Hong Kong and Macau each twice: no item overwrote another
    assert imported().filter(country__iso_code="MO").values("source_id").distinct().count() == 2


def test_the_real_feed_twice_changes_nothing():
    feed = sample("state-dept-travel-advisories.rss.xml")
    run("import_state_dept", feed)
    before = snapshot()
    ok, summary = run("import_state_dept", feed)
    assert (
        ok and summary == "0 created, 0 updated, 17 unchanged, 0 held, 0 skipped (nothing changed)"
    )
    assert snapshot() == before


def test_imported_advisory_records_where_it_came_from():
    run("import_state_dept", sample("state-dept-travel-advisories.rss.xml"))
    japan = imported().get(country__iso_code="JP")
    assert japan.issuer == "U.S. Department of State"
    assert japan.status == Advisory.Status.PUBLISHED and japan.kind == Advisory.Kind.TRAVEL_ADVISORY
    assert japan.source_url.endswith("/japan-travel-advisory.html")
    assert japan.source_id == japan.source_url
    assert japan.issued_at.date().isoformat() == "2025-05-15"
    assert japan.source_data["categories"]["Country-Tag"] == "JA"


# Fixtures of our own


def test_levels_indicators_and_clean_body_from_the_items():
    ok, _ = run("import_state_dept", SMALL)
    assert ok
    iraq = imported().get(country__iso_code="IQ")
    assert iraq.level == 4
    assert set(iraq.indicators.values_list("code", flat=True)) == {"T", "K", "U", "O"}
    assert "<script" not in iraq.body_html and "onclick" not in iraq.body_html
    assert "Do not travel to Iraq" in iraq.summary
    assert imported().get(country__iso_code="DE").level == 2
    assert imported().get(country__iso_code="IL").level == 3  # the IS tag's own item


def test_a_description_as_the_feed_sends_it_stays_html_and_loses_its_scripts():
    ok, _ = run("import_state_dept", DATA / "state_dept_rich_html.rss.xml")
    assert ok
    burma = imported().get(country__iso_code="MM")
    # Indented lines stay HTML: Markdown does not turn them into a code block.
    assert "<ul>" in burma.body_html and "<pre>" not in burma.body_html
    assert "&lt;" not in burma.body_html
    assert "<script" not in burma.body_html and "Injected" not in burma.body_html
    assert "display: none" not in burma.body_html
    checklist = (
        "https://travel.example.gov/content/travel/en/international-travel/before-you-go.html"
    )
    assert f'href="{checklist}"' in burma.body_html  # a relative link made absolute
    assert burma.summary.startswith("Do not travel to Burma due to civil unrest & armed conflict.")
    assert set(burma.indicators.values_list("code", flat=True)) == {"U", "D"}


# The HTML ones: an imported body is HTML, so Markdown link syntax in it stays plain text.
@pytest.mark.parametrize("payload", [payload for payload in XSS_PAYLOADS if "<" in payload])
def test_no_script_handler_or_dangerous_url_survives_an_import(payload):
    body = richtext.from_html(payload, base_url="https://travel.example.gov/advisories/x.html")
    for html in (body, richtext.render(body)):
        for pattern in DANGEROUS:
            assert not pattern.search(html), f"{pattern.pattern} in {html!r}"


def test_one_tag_for_several_places_puts_each_item_on_its_place():
    run("import_state_dept", SMALL)
    west_bank = Location.objects.get(slug="west-bank")
    assert west_bank.parent.iso_code == "PS"
    assert imported().get(places=west_bank).level == 3
    assert imported().get(places__slug="gaza-strip").level == 4


def test_one_tag_for_china_hong_kong_and_macau_puts_each_item_on_its_place():
    ok, summary = run("import_state_dept", DATA / "state_dept_one_tag_three_places.rss.xml")
    assert ok and summary.startswith("4 created"), summary
    found = sorted(
        (a.source_url.rsplit("/", 1)[-1], a.country.iso_code, a.level) for a in imported()
    )
    assert found == [
        ("china-travel-advisory.html", "CN", 2),
        ("hong-kong-travel-advisory.html", "HK", 2),  # the title names it, the tag says CH
        ("hong-kong-travel-advisory1.html", "HK", 1),  # one summary: its link names it
        ("macau-travel-advisory1.html", "MO", 3),
    ]
    # The summary comes first in the feed, but Hong Kong's own item of the same day decides.
    assert Advisory.objects.current_for(country("HK")).get().level == 2


# Places named in titles: Sint Maarten, the Dutch Caribbean, Kosovo

PLACES = DATA / "state_dept_places_by_name.rss.xml"


def test_sint_maarten_the_dutch_caribbean_and_kosovo_land_on_their_places():
    ok, summary = run("import_state_dept", PLACES)
    assert ok and summary == "5 created, 0 updated, 0 unchanged, 0 held, 0 skipped", summary
    found = {(a.country.iso_code, a.places.first() and a.places.first().name) for a in imported()}
    assert found == {
        ("SX", None),  # "Sint" is read as "Saint", without a tag
        ("BQ", "Bonaire"),
        ("BQ", "Saba"),
        ("BQ", "Sint Eustatius"),
        ("XK", None),  # FIPS KV
    }


def test_a_second_run_of_the_places_changes_nothing():
    run("import_state_dept", PLACES)
    before = snapshot()
    ok, summary = run("import_state_dept", PLACES)
    assert ok and summary == nothing_changed(5)
    assert snapshot() == before


@pytest.mark.parametrize(
    ("name", "iso"),
    [
        ("Sint Maarten", "SX"),
        ("St. Maarten", "SX"),
        ("Bonaire, Sint Eustatius, and Saba", "BQ"),
        ("Kosovo", "XK"),
    ],
)
def test_names_of_places_the_feeds_give(name, iso):
    assert country_by_name(name).iso_code == iso


def test_kosovo_has_its_page_and_level_and_the_map_without_a_shape_for_it_still_draws(client):
    run("import_state_dept", PLACES)
    kosovo = client.get("/countries/xk/").content.decode()
    assert '<h2 id="level-heading">Level 2: Exercise Increased Caution</h2>' in kosovo
    europe = client.get("/countries/", {"name": "kosovo"}).content.decode()
    assert 'id="region-europe">Europe</h2>' in europe and ">Kosovo</a>" in europe
    home = client.get("/")
    assert home.status_code == 200
    assert "<title>Kosovo" not in home.content.decode()  # no shape and no point on the map


# A place's own item and a summary of several places


MACAU = DATA / "state_dept_macau_own_and_grouped.rss.xml"
MACAU_GROUPED = "macau-travel-advisory1.html"


def macau_level():
    return Advisory.objects.current_for(country("MO")).first().level


def grouped_only(tmp_path, date=None):
    """The Macau feed without Macau's own item (and its grouped item issued on `date`)."""
    text = re.sub(r"<item>\s*<title>Macau - .*?</item>", "", MACAU.read_text(), flags=re.DOTALL)
    path = tmp_path / "grouped-only.xml"
    path.write_text(text.replace("Fri, 04 Sep 2026", date) if date else text)
    return path


def test_a_places_own_item_decides_its_level_over_a_grouped_one_of_the_same_date(client):
    ok, summary = run("import_state_dept", MACAU)
    assert ok and summary.startswith("2 created"), summary
    html = client.get("/countries/mo/").content.decode()
    assert '<h2 id="level-heading">Level 3: Reconsider Travel</h2>' in html
    grouped = imported().get(source_url__endswith=MACAU_GROUPED)
    assert grouped.level == 2 and grouped.status == Advisory.Status.ARCHIVED  # kept, shown nowhere
    assert client.get(grouped.get_absolute_url()).status_code == 404


def test_the_own_item_decides_wherever_it_stands_in_the_feed(tmp_path):
    text = MACAU.read_text()
    own, grouped = re.findall(r"<item>.*?</item>", text, flags=re.DOTALL)
    grouped_first = tmp_path / "grouped-first.xml"
    grouped_first.write_text(text.replace(own, "").replace(grouped, grouped + own))
    run("import_state_dept", grouped_first)
    assert macau_level() == 3


def test_a_second_run_of_the_own_and_the_grouped_item_changes_nothing():
    run("import_state_dept", MACAU)
    before = snapshot()
    ok, summary = run("import_state_dept", MACAU)
    assert ok and summary == nothing_changed(2)
    assert snapshot() == before


def test_a_later_feed_with_only_the_grouped_item_of_the_same_date_changes_nothing(tmp_path):
    run("import_state_dept", MACAU)
    before = snapshot()
    ok, summary = run("import_state_dept", grouped_only(tmp_path))
    assert ok and summary == nothing_changed(1)
    assert snapshot() == before and macau_level() == 3


def test_a_grouped_item_of_a_later_date_decides_the_level(tmp_path):
    run("import_state_dept", MACAU)
    ok, summary = run("import_state_dept", grouped_only(tmp_path, date="Fri, 11 Sep 2026"))
    assert ok and summary.startswith("0 created, 1 updated"), summary
    assert macau_level() == 2
    ok, summary = run("import_state_dept", grouped_only(tmp_path, date="Fri, 11 Sep 2026"))
    assert ok and summary.endswith("1 unchanged, 0 held, 0 skipped (nothing changed)")


def test_an_own_item_that_comes_after_the_grouped_one_of_its_date_retires_it(tmp_path):
    run("import_state_dept", grouped_only(tmp_path))
    assert macau_level() == 2
    ok, summary = run("import_state_dept", MACAU)
    assert ok and summary.startswith("1 created, 1 updated"), summary
    assert macau_level() == 3
    grouped = imported().get(source_url__endswith=MACAU_GROUPED)
    assert grouped.status == Advisory.Status.ARCHIVED
    assert grouped.history.first().history_change_reason == (
        "Imported from U.S. State Department feed (set aside for the place's own item)"
    )
    before = snapshot()
    ok, summary = run("import_state_dept", MACAU)
    assert ok and summary.endswith("2 unchanged, 0 held, 0 skipped (nothing changed)")
    assert snapshot() == before


# What changed, the summary and the risk indicators: real descriptions

NOTES = DATA / "state_dept_change_notes.rss.xml"


def by_country(field):
    return dict(imported().values_list("country__iso_code", field))


def test_a_description_that_opens_with_what_changed_gives_the_change_note():
    ok, summary = run("import_state_dept", NOTES)
    assert ok and summary.startswith("6 created"), summary
    assert by_country("change_note") == {
        "VU": "Updated to reflect lowering the Travel Advisory Level from Level 3 to Level 1 due "
        "to ongoing recovery efforts and removal of the Natural Disaster (N) indicator.",
        "CY": "The advisory level was increased to 3. There were no changes to the risk "
        "indicators. Advisory summary was updated to reflect changes to U.S. embassy operations.",
        "AE": "Updated to reflect the ordered departure of non-emergency U.S. government personnel "
        "and family members of government personnel on March 2. Advisory summary was updated.",
        "MN": "Reissued after periodic review without changes.",
        "IS": "Reissued with obsolete COVID-19 page links removed.",
        "BH": "",  # its text opens with the advice
    }


def test_the_summary_starts_after_the_change_note():
    run("import_state_dept", NOTES)
    summaries = by_country("summary")
    assert summaries["VU"].startswith("Exercise normal precautions in Vanuatu. Country Summary:")
    assert summaries["MN"] == (
        "Exercise normal precautions in Mongolia. Read the country information page for "
        "additional information on travel to Mongolia."
    )
    assert summaries["IS"] == "Exercise normal precautions in Iceland."
    assert summaries["BH"].startswith(
        "Reconsider travel to Bahrain due to terrorism and armed conflict. On March 2, 2026,"
    )


def test_the_summary_is_cut_after_a_whole_sentence_never_at_an_abbreviation():
    run("import_state_dept", NOTES)
    assert by_country("summary")["CY"] == (
        "Reconsider travel to Cyprus due to the threat of armed conflict and limited U.S. embassy "
        "assistance for Americans in the Turkish Cypriot Administered area. Advisory Summary On "
        "March 3, 2026, the Department of State authorized non-emergency U.S. government "
        "employees and U.S. government employee family members to leave Cyprus due to the safety "
        "risks."
    )


def test_the_country_page_says_what_changed_apart_from_the_summary(client):
    run("import_state_dept", NOTES)
    html = client.get("/countries/mn/").content.decode()
    assert "Reissued after periodic review without changes.</p>" in html
    assert '<p class="summary">Exercise normal precautions in Mongolia.' in html


def test_a_second_run_of_the_change_notes_changes_nothing():
    run("import_state_dept", NOTES)
    before = snapshot()
    ok, summary = run("import_state_dept", NOTES)
    assert ok and summary == nothing_changed(6)
    assert snapshot() == before


def test_sentences_do_not_end_at_abbreviations():
    text = (
        "U.S. citizens should avoid Mt. Kenya after dark, e.g. on foot, i.e. always. "
        'See Dr. Ruto at the U.K. office in St. Lucia, etc. for help! "Stay safe." Then go.'
    )
    assert sentences(text) == [
        "U.S. citizens should avoid Mt. Kenya after dark, e.g. on foot, i.e. always.",
        "See Dr. Ruto at the U.K. office in St. Lucia, etc. for help!",
        '"Stay safe."',
        "Then go.",
    ]


def test_a_text_too_long_is_cut_after_its_last_whole_sentence_that_fits():
    text = "Exercise increased caution. Changes to U.S. embassy operations came in March."
    assert cut_at_sentence(text, 60) == "Exercise increased caution."
    assert cut_at_sentence(text, 200) == text
    assert cut_at_sentence("One long sentence without an end that fits at all", 30) == (
        "One long sentence without an…"
    )


def test_vanuatu_gets_no_indicator_from_the_removal_of_one(client):
    run("import_state_dept", NOTES)
    vanuatu = imported().get(country__iso_code="VU")
    assert not vanuatu.indicators.exists()
    assert "Natural disaster" not in client.get("/countries/vu/").content.decode()


@pytest.mark.parametrize(
    ("html", "codes"),
    [
        # Vanuatu's change note, as a sentence of the advice itself: no indicator.
        (
            "<p>Updated to reflect lowering the Travel Advisory Level from Level 3 to Level 1 due "
            "to ongoing recovery efforts and removal of the Natural Disaster (N) indicator.</p>",
            [],
        ),
        ("<p>The Natural Disaster (N) indicator was removed. Terrorism (T) remains.</p>", ["T"]),
        ("<p>Crime (C) no longer applies.</p>", []),
        # A paragraph ends a sentence, with or without a full stop.
        ("<p>Terrorism (T)</p><p>The Health (H) indicator was removed</p>", ["T"]),
        # Today's names: "Unrest", hyphens or none, any case.
        (
            "<p>Reconsider travel due to Kidnapping or Hostage-Taking (K), UNREST (U) and "
            "Time-Limited Event (E).</p>",
            ["E", "K", "U"],
        ),
        # A list of them, as the State Department's pages give them, is taken over prose.
        ("<ul><li>UNREST (U)</li><li>Crime (C)</li></ul><p>Health (H) may follow.</p>", ["C", "U"]),
        # A name and a letter that disagree, or a letter alone, give nothing.
        ("<p>Exercise caution due to Crime (T) and (N).</p>", []),
        ("<p>Exercise normal precautions.</p>", []),
    ],
)
def test_indicators_are_read_reliably_or_not_at_all(html, codes):
    assert indicator_codes(html) == codes


@pytest.mark.parametrize(
    "path",
    [
        pytest.param("state-dept-travel-advisories.rss.xml", id="real sample"),
        pytest.param(SMALL, id="small"),
        pytest.param(DATA / "state_dept_rich_html.rss.xml", id="rich html"),
        pytest.param(NOTES, id="change notes"),
    ],
)
def test_every_indicator_an_item_gets_is_one_its_advice_gives(path):
    run("import_state_dept", sample(path) if isinstance(path, str) else path)
    given = 0
    for advisory in imported().prefetch_related("indicators"):
        text = plain_text(advisory.source_data["description"])
        advice = text.replace(advisory.change_note, "", 1) if advisory.change_note else text
        for indicator in advisory.indicators.all():
            assert f"({indicator.code})" in advice, (advisory.title, indicator.code)
            given += 1
    assert given == {SMALL: 5, DATA / "state_dept_rich_html.rss.xml": 2}.get(path, 0)


def test_a_level_change_makes_history():
    run("import_state_dept", SMALL)
    old = imported().get(country__iso_code="IQ")
    ok, summary = run("import_state_dept", DATA / "state_dept_iraq_level_3.rss.xml")
    assert ok and summary.startswith("1 created")
    history = Advisory.objects.current_for(old.country)
    assert [a.level for a in history] == [3, 4]
    assert history[1] == old and old.status == Advisory.Status.PUBLISHED


def test_a_level_change_is_a_new_edition_of_the_previous_one():
    run("import_state_dept", SMALL)
    old = imported().get(country__iso_code="IQ")
    run("import_state_dept", DATA / "state_dept_iraq_level_3.rss.xml")
    new = iraq().get(level=3)
    assert new.previous_edition == old and not new.minor_change
    old.refresh_from_db()
    assert old.status == Advisory.Status.PUBLISHED and old.level == 4


# Iraq's item again with new text, at the same level and on the same date: a correction.
CORRECTED = DATA / "state_dept_iraq_text_edited.rss.xml"


def iraq():
    return imported().filter(country__iso_code="IQ")


def reissued(tmp_path, feed=CORRECTED, date="Mon, 06 Jan 2020 10:00:00 GMT"):
    """`feed` with its Iraq item issued again on `date`."""
    path = tmp_path / "reissued.xml"
    path.write_text(feed.read_text().replace("Fri, 03 Jan 2020 10:00:00 GMT", date))
    return path


def test_a_correction_is_a_new_edition_and_the_old_one_is_archived():
    run("import_state_dept", SMALL)
    old = imported().get(country__iso_code="IQ")
    ok, summary = run("import_state_dept", CORRECTED)
    assert ok and summary.startswith("0 created, 1 updated"), summary
    new = iraq().exclude(pk=old.pk).get()
    assert new.previous_edition == old and new.minor_change
    assert new.slug == f"{old.slug}-2"  # the issue date it carries, and a number
    assert new.status == Advisory.Status.PUBLISHED and "Updated text" in new.body
    assert new.issued_at == old.issued_at  # a correction keeps the date of what it corrects
    old.refresh_from_db()
    assert old.status == Advisory.Status.ARCHIVED and "Updated text" not in old.body
    assert Advisory.objects.current_for(old.country).get() == new


def test_a_corrected_advisorys_address_leads_to_the_correction(client):
    run("import_state_dept", SMALL)
    old = imported().get(country__iso_code="IQ")
    run("import_state_dept", CORRECTED)
    new = iraq().exclude(pk=old.pk).get()
    response = client.get(old.get_absolute_url())
    assert response.status_code == 301 and response.url == new.get_absolute_url()
    assert "Updated text" in client.get(response.url).content.decode()


def test_a_correction_of_a_correction_leads_there_from_the_first_address(client, tmp_path):
    run("import_state_dept", SMALL)
    first = imported().get(country__iso_code="IQ")
    run("import_state_dept", CORRECTED)
    again = tmp_path / "again.xml"
    again.write_text(CORRECTED.read_text().replace("Updated text", "Corrected text"))
    run("import_state_dept", again)
    latest = iraq().get(status=Advisory.Status.PUBLISHED)
    assert latest.previous_edition.previous_edition == first
    response = client.get(first.get_absolute_url())
    assert response.status_code == 301 and response.url == latest.get_absolute_url()


def test_a_held_import_edition_is_published_as_the_source_gave_it(settings, publisher):
    run("import_state_dept", SMALL)
    published = imported().get(country__iso_code="IQ")
    settings.IMPORTS_PUBLISH = False
    run("import_state_dept", DATA / "state_dept_iraq_level_3.rss.xml")
    draft = iraq().get(status=Advisory.Status.DRAFT)
    assert draft.previous_edition == published and not draft.change_note  # the feed gives none
    client = Client()
    client.force_login(publisher)
    client.post(
        reverse("admin:advisories_advisory_changelist"),
        {"action": "publish", "_selected_action": [draft.pk]},
    )
    draft.refresh_from_db()
    assert draft.status == Advisory.Status.PUBLISHED
    assert Advisory.objects.current_for(published.country).first() == draft


def test_the_history_names_the_import_that_corrected_an_advisory(admin_client):
    run("import_state_dept", SMALL)
    old = imported().get(country__iso_code="IQ")
    run("import_state_dept", CORRECTED)
    new = iraq().exclude(pk=old.pk).get()

    def history(advisory):
        url = reverse("admin:advisories_advisory_history", args=[advisory.pk])
        return admin_client.get(url).content.decode()

    assert "Imported from U.S. State Department feed (updated)" in history(new)
    assert "Imported from U.S. State Department feed (archived)" in history(old)


def test_a_reissue_on_a_new_date_leaves_the_old_one_published_and_superseded(client, tmp_path):
    run("import_state_dept", SMALL)
    old = imported().get(country__iso_code="IQ")
    ok, summary = run("import_state_dept", reissued(tmp_path))
    assert ok and summary.startswith("0 created, 1 updated"), summary
    new = iraq().exclude(pk=old.pk).get()
    assert new.previous_edition == old and not new.minor_change
    assert list(Advisory.objects.current_for(old.country)) == [new, old]
    html = client.get(old.get_absolute_url()).content.decode()
    assert "Superseded on" in html and f'href="{new.get_absolute_url()}"' in html
    assert "Superseded on" not in client.get(new.get_absolute_url()).content.decode()


def test_a_second_run_of_a_correction_changes_nothing():
    run("import_state_dept", SMALL)
    run("import_state_dept", CORRECTED)
    before = snapshot()
    ok, summary = run("import_state_dept", CORRECTED)
    assert ok and summary.startswith("0 created, 0 updated, 1 unchanged"), summary
    assert snapshot() == before


def test_a_held_correction_never_changes_the_published_advisory(settings):
    run("import_state_dept", SMALL)
    published = imported().get(country__iso_code="IQ")
    before = snapshot()
    settings.IMPORTS_PUBLISH = False
    ok, summary = run("import_state_dept", CORRECTED)
    assert ok and summary.startswith("0 created, 0 updated, 0 unchanged, 1 held"), summary
    assert snapshot()[: len(before)] == before  # every row as it was, the published one included
    draft = iraq().get(status=Advisory.Status.DRAFT)
    assert draft.previous_edition == published and draft.minor_change
    assert Advisory.objects.current_for(published.country).get() == published


@override_settings(IMPORTS_PUBLISH=False)
def test_a_held_draft_no_one_edited_follows_the_source_to_a_new_level():
    run("import_state_dept", SMALL)
    draft = imported().get(country__iso_code="IQ")
    ok, summary = run("import_state_dept", DATA / "state_dept_iraq_level_3.rss.xml")
    assert ok and summary.startswith("0 created, 0 updated, 0 unchanged, 1 held"), summary
    assert list(iraq().values_list("pk", "level", "status")) == [
        (draft.pk, 3, Advisory.Status.DRAFT)  # not public, so no history to keep
    ]


def test_a_held_draft_no_one_edited_is_updated_in_place_then_published(settings, tmp_path):
    run("import_state_dept", SMALL)
    old = imported().get(country__iso_code="IQ")
    settings.IMPORTS_PUBLISH = False
    run("import_state_dept", CORRECTED)
    draft = iraq().get(status=Advisory.Status.DRAFT)
    settings.IMPORTS_PUBLISH = True
    corrected_again = tmp_path / "again.xml"
    corrected_again.write_text(CORRECTED.read_text().replace("Updated text", "Corrected text"))
    ok, summary = run("import_state_dept", corrected_again)
    assert ok and summary.startswith("0 created, 1 updated"), summary
    assert iraq().count() == 2  # the draft became the correction: no third row
    draft.refresh_from_db()
    assert draft.status == Advisory.Status.PUBLISHED and "Corrected text" in draft.body
    old.refresh_from_db()
    assert old.status == Advisory.Status.ARCHIVED


def test_a_staff_edit_is_never_overwritten_and_the_new_text_waits_as_a_draft():
    run("import_state_dept", SMALL)
    iraq = imported().get(country__iso_code="IQ")
    iraq.summary, iraq.updated_by = "Staff wrote this.", User.objects.create_user("desk")
    iraq.save()
    edited = DATA / "state_dept_iraq_text_edited.rss.xml"
    ok, summary = run("import_state_dept", edited)
    assert ok and "1 held" in summary
    assert imported().get(pk=iraq.pk).summary == "Staff wrote this."
    draft = imported().exclude(pk=iraq.pk).get(country__iso_code="IQ")
    assert draft.status == Advisory.Status.DRAFT and "Updated text" in draft.body
    assert draft.previous_edition == iraq  # what a publisher would replace with it
    assert Advisory.objects.current_for(iraq.country).get() == iraq
    ok, summary = run("import_state_dept", edited)
    assert ok and summary.endswith("(nothing changed)")


def test_a_staff_edit_older_than_the_new_level_gives_way_and_stays_in_the_history():
    run("import_state_dept", SMALL)
    iraq = imported().get(country__iso_code="IQ")
    iraq.summary, iraq.updated_by = "Staff wrote this.", User.objects.create_user("desk")
    iraq.save()
    # The edit was made in 2021; the new level was issued in 2026.
    imported().filter(pk=iraq.pk).update(updated_at=iraq.issued_at + timedelta(days=365))
    ok, summary = run("import_state_dept", DATA / "state_dept_iraq_level_3.rss.xml")
    assert ok and summary.startswith("1 created")
    history = Advisory.objects.current_for(iraq.country)
    assert [(a.level, a.summary[:17]) for a in history] == [
        (3, "Reconsider travel"),
        (4, "Staff wrote this."),
    ]


def test_an_import_stands_beside_a_newer_staff_advisory_which_keeps_the_headline():
    staff = make_advisory(iso="IQ", level=4, issued_at=timezone.now())
    ok, summary = run("import_state_dept", DATA / "state_dept_iraq_level_3.rss.xml")
    assert ok and summary.startswith("1 created, 0 updated, 0 unchanged, 0 held"), summary
    assert imported().get(country__iso_code="IQ").status == Advisory.Status.PUBLISHED
    assert Advisory.objects.current_for(staff.country).first() == staff


def test_an_older_staff_advisory_gives_way():
    staff = make_advisory(iso="IQ", level=4)
    staff.issued_at -= timedelta(days=3650)
    staff.save()
    ok, _ = run("import_state_dept", DATA / "state_dept_iraq_level_3.rss.xml")
    assert ok
    # Published, not held; the staff advisory stays the headline (settings.HEADLINE_ISSUERS).
    assert Advisory.objects.current_for(staff.country).filter(source=STATE).exists()


def test_bad_items_are_reported_and_skipped_while_the_rest_goes_in():
    ok, message = run("import_state_dept", DATA / "state_dept_bad_items.rss.xml")
    assert not ok
    assert message.startswith("2 created, 0 updated, 0 unchanged, 0 held, 3 skipped")
    assert "unknown FIPS country code 'QQ'" in message
    assert "no level" in message and "unreadable date 'sometime in June'" in message
    # Kosovo's KV is XK, a country since migration 0011.
    assert set(imported().values_list("country__iso_code", flat=True)) == {"DE", "XK"}


# Exit codes a scheduler can trust


def test_the_real_feed_exits_0_as_its_skips_if_any_are_all_for_good():
    code, summary = outcome("import_state_dept", sample("state-dept-travel-advisories.rss.xml"))
    assert code == 0 and "\n  skipped " not in summary, summary


def test_places_that_are_no_country_are_warnings_and_the_run_succeeds(tmp_path):
    items = [("Germany", "GM"), ("Akrotiri", "AX"), ("French West Indies", "A3")]
    path = feed(tmp_path / "feed.xml", *items)
    code, summary = outcome("import_state_dept", path)
    assert code == 0, summary
    assert summary.splitlines() == [
        "1 created, 0 updated, 0 unchanged, 0 held, 2 skipped (2 for good)",
        "  warning: skipped for good Akrotiri - Level 2: Exercise Increased Caution: "
        "FIPS code 'AX' has no ISO 3166-1 country",
        "  warning: skipped for good French West Indies - Level 2: Exercise Increased Caution: "
        "tag 'A3' is the French West Indies: Guadeloupe, Martinique, Saint Barthélemy and "
        "Saint Martin, not one country",
    ]
    code, summary = outcome("import_state_dept", path)
    assert code == 0
    assert summary.startswith("0 created, 0 updated, 1 unchanged, 0 held, 2 skipped (2 for good;")


def test_an_item_that_needs_a_person_exits_1_and_the_rest_goes_in(tmp_path):
    path = feed(tmp_path / "feed.xml", ("Germany", "GM"), ("Akrotiri", "AX"), ("Atlantis", "QQ"))
    code, message = outcome("import_state_dept", path)
    assert code == 1
    assert message.startswith("1 created, 0 updated, 0 unchanged, 0 held, 2 skipped (1 for good)")
    assert "\n  skipped Atlantis - Level 2: Exercise Increased Caution: unknown FIPS" in message
    assert "\n  warning: skipped for good Akrotiri" in message
    assert list(imported().values_list("country__iso_code", flat=True)) == ["DE"]


@pytest.mark.parametrize(
    "args",
    [
        [DATA / "state_dept_truncated.rss.xml"],
        [DATA / "no-such-file.xml"],
        ["http://127.0.0.1:9/feed.xml", "--timeout", "2"],
    ],
)
def test_a_source_that_cannot_be_read_exits_2(args):
    code, error = outcome("import_state_dept", *args)
    assert code == 2 and error.startswith("Nothing imported:")


@pytest.mark.parametrize("name", ["import_state_dept", "import_govuk"])
def test_the_help_gives_the_exit_codes(name):
    parser = load_command_class("advisories", name).create_parser("manage.py", name)
    text = " ".join(parser.format_help().split())
    assert (
        "Exit codes: 0 done (items that can never be imported are listed as warnings); 1 " in text
    )
    assert "2 nothing imported (the source could not be read," in text


def test_the_readme_gives_the_exit_codes():
    readme = (settings.BASE_DIR / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Importing official advisories", 1)[1].split("\n## ", 1)[0]
    assert re.findall(r"^\| `(\d)` \|", section, re.MULTILINE) == ["0", "1", "2"]


@pytest.mark.parametrize(
    ("fixture", "message"),
    [
        ("state_dept_malformed.rss.xml", "not well-formed XML"),
        ("state_dept_truncated.rss.xml", "not well-formed XML"),
        ("state_dept_xml_bomb.rss.xml", "refused: the XML declares entities"),
        ("state_dept_not_rss.xml", "not an RSS feed"),
        ("no-such-file.xml", "No such file or directory"),
    ],
)
def test_an_unreadable_feed_changes_nothing(fixture, message):
    run("import_state_dept", SMALL)
    before = snapshot()
    ok, error = run("import_state_dept", DATA / fixture)
    assert not ok
    assert error.startswith("Nothing imported:") and message in error
    assert snapshot() == before


def test_reads_the_feed_over_http():
    feed = SMALL.read_bytes()
    with local_server({"/feed.xml": (200, feed, 0)}) as base:
        ok, summary = run("import_state_dept", f"{base}/feed.xml")
    assert ok and summary.startswith("5 created")


@pytest.mark.parametrize(
    ("route", "message"),
    [((500, b"oops", 0), "HTTP 500"), ((404, b"gone", 0), "HTTP 404")],
)
def test_http_errors_change_nothing(route, message):
    with local_server({"/feed.xml": route}) as base:
        ok, error = run("import_state_dept", f"{base}/feed.xml")
    assert not ok and message in error and not imported().exists()


def test_a_slow_server_times_out_and_changes_nothing():
    with local_server({"/feed.xml": (200, SMALL.read_bytes(), 2)}) as base:
        ok, error = run("import_state_dept", f"{base}/feed.xml", "--timeout", "0.2")
    assert not ok and "could not fetch" in error and "timed out" in error
    assert not imported().exists()


def test_an_unreachable_server_changes_nothing():
    ok, error = run("import_state_dept", "http://127.0.0.1:9/feed.xml", "--timeout", "2")
    assert not ok and "could not fetch" in error


def test_the_imported_levels_fill_the_map(client):
    run("import_state_dept", sample("state-dept-travel-advisories.rss.xml"))
    html = client.get("/").content.decode()
    assert 'class="map-country level-4"><title>Afghanistan — Level 4: Do Not Travel</title>' in html
    assert 'class="map-country level-1"><title>Japan — Level 1: Exercise Normal Precautions' in html


def test_the_public_page_shows_the_source_link(client):
    run("import_state_dept", SMALL)
    iraq = imported().get(country__iso_code="IQ")
    html = client.get(iraq.get_absolute_url()).content.decode()
    assert 'href="https://travel.example.gov/advisories/iraq.html"' in html
    assert "imported from U.S. State Department feed" in html


def test_the_admin_lists_and_filters_by_where_it_came_from(admin_client):
    run("import_state_dept", SMALL)
    make_advisory(iso="FR", title="Written by staff")
    page = admin_client.get("/admin/advisories/advisory/", {"source__exact": "state-dept"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "Imported from" in html and "U.S. State Department feed" in html
    assert "Written by staff" not in html


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_bar_on_a_terminal_only():
    terminal, pipe = Terminal(), io.StringIO()
    for stream in (terminal, pipe):
        progress = Progress(4, stream, width=8)
        for _ in range(4):
            progress.step()
    assert terminal.getvalue().endswith("\r[########] 4/4\n")
    assert "\r[####....] 2/4" in terminal.getvalue()
    assert pipe.getvalue() == ""


def test_the_command_draws_its_bar_plain_on_one_line_of_a_terminal():
    terminal = Terminal()
    call_command("import_state_dept", str(SMALL), stdout=io.StringIO(), stderr=terminal)
    steps = [f"\r[{'#' * (30 * n // 5)}{'.' * (30 - 30 * n // 5)}] {n}/5" for n in range(1, 6)]
    assert terminal.getvalue() == "".join(steps) + "\n"


@override_settings(IMPORTS_PUBLISH=False)
def test_a_site_that_reviews_imports_holds_each_as_a_draft(client):
    ok, summary = run("import_state_dept", DATA / "state_dept_small.rss.xml")
    drafts = Advisory.objects.filter(status=Advisory.Status.DRAFT).count()
    assert ok and summary.startswith(f"0 created, 0 updated, 0 unchanged, {drafts} held"), summary
    assert drafts >= 3 and not Advisory.objects.public().exists()
    assert "No current travel advisory" in client.get("/countries/jp/").content.decode()
