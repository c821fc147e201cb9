"""import_canada: Global Affairs Canada's index (the 2014 sample and our own), its documents (the
Trinidad and Tobago sample), and the ways either can go wrong."""

import json
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.management import load_command_class
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from advisories.importers import canada
from advisories.models import Advisory
from tests.factories import make_advisory
from tests.importing import local_server, outcome, run, sample

pytestmark = pytest.mark.django_db

CANADA = Advisory.Source.CANADA
INDEX_2014 = "canada-travel-advisories-index.2014-03-02.json"
TT_DOCUMENT = "canada-travel-advice-tt.2026-09-24.json"
# 2020-09-13 12:26:40 UTC
PUBLISHED = 1600000000


def imported():
    return Advisory.objects.filter(source=CANADA)


def snapshot():
    return list(imported().order_by("pk").values())


def destination(
    iso="FR", name="France", state=0, timestamp=PUBLISHED, today=False, english=(), **fields
):
    """{code: one index entry} as Canada gives it: as in 2014, or `today` with country-iso and
    the names; `english` and `fields` (by Canada's names: "advisory-state") change it."""
    words = canada.ADVISORY_STATES.get(state, ("Stay home", None))[0]
    item = {
        "advisory-state": state,
        "date-published": {"timestamp": timestamp, "date": "2020-09-13 08:26:40", "asp": ""},
        "has-advisory-warning": int(state == 3),
        "has-regional-advisory": 0,
        "has-content": 1,
        "recent-updates-type": "Editorial change",
        "eng": {
            "name": name,
            "url-slug": slugify(name),
            "friendly-date": "September 13, 2020 08:26 EDT",
            "advisory-text": words,
            "recent-updates": "An editorial change was made.",
            **dict(english),
        },
        "fra": {"name": name, "advisory-text": "Faites preuve d&#39;une grande prudence"},
    }
    if today:
        item |= {"country-iso": iso, "country-eng": name, "country-fra": name}
    return {iso: item | fields}


def write_index(path, *destinations):
    """An index of `destinations` (as `destination` makes them) at `path`; returns the path."""
    data = {code: item for listed in destinations for code, item in listed.items()}
    path.write_text(json.dumps({"metadata": {"generated": {"timestamp": PUBLISHED}}, "data": data}))
    return path


# The level of each advisory state


@pytest.mark.parametrize(("state", "level"), [(0, 1), (1, 2), (2, 3), (3, 4)])
def test_the_documented_level_of_each_advisory_state(tmp_path, state, level):
    ok, summary = run(
        "import_canada", write_index(tmp_path / "index.json", destination(state=state))
    )
    assert ok and summary.startswith("1 created"), summary
    france = imported().get()
    assert france.level == level
    assert france.source_data["advisory_state"] == state
    assert france.source_data["advisory_text"] == canada.ADVISORY_STATES[state][0]


def test_an_unknown_advisory_state_skips_the_destination_and_the_rest_goes_in(tmp_path):
    items = [destination(state=7), destination("IQ", "Iraq", state=3)]
    code, message = outcome("import_canada", write_index(tmp_path / "index.json", *items))
    assert code == 1
    assert message.startswith("1 created, 0 updated, 0 unchanged, 0 held, 1 skipped")
    assert "\n  skipped France (FR): unknown advisory-state 7" in message
    assert list(imported().values_list("country__iso_code", flat=True)) == ["IQ"]


@pytest.mark.parametrize("state", [None, "1", True, [1]])
def test_an_advisory_state_of_another_kind_is_never_read_as_one(tmp_path, state):
    item = destination(**{"advisory-state": state})
    ok, message = run("import_canada", write_index(tmp_path / "index.json", item))
    assert not ok and "France (FR): unknown advisory-state" in message
    assert not imported().exists()


def test_the_readme_table_of_advisory_states_is_advisory_states():
    readme = (Path(settings.BASE_DIR) / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Importing official advisories", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r'^ *\| (\d) "([^"]+)"[^|]*\| (\d) ', section, re.MULTILINE)
    table = {int(state): (words, int(level)) for state, words, level in rows}
    assert table == canada.ADVISORY_STATES


def test_the_help_gives_the_levels_and_the_exit_codes():
    parser = load_command_class("advisories", "import_canada").create_parser("manage.py", "x")
    text = " ".join(parser.format_help().split())
    assert "3 Avoid all travel → Level 4: Do Not Travel;" in text
    assert "Exit codes: 0 done" in text


# The 2014 index, read in place


def test_every_destination_of_the_2014_index_lands_on_its_country():
    code, summary = outcome("import_canada", sample(INDEX_2014))
    assert code == 0, summary
    # 229 destinations: the Azores and the Canary Islands are no country.
    assert summary.splitlines() == [
        "227 created, 0 updated, 0 unchanged, 0 held, 2 skipped (2 for good)",
        "  warning: skipped for good Canary Islands (IC): the Canary Islands, an autonomous "
        "community of Spain, not a country",
        "  warning: skipped for good Azores (PT-20): the Azores, an autonomous region of "
        "Portugal, not a country",
    ]
    assert imported().count() == imported().values("country").distinct().count() == 227
    # Each on the country its code names.
    assert not imported().exclude(country__iso_code=F("source_id")).exists()
    levels = dict(imported().values_list("source_id", "level"))
    spot = {"AF": 4, "IQ": 3, "CI": 2, "TR": 2, "XK": 2, "GP": 1, "FR": 1}
    assert {iso: levels[iso] for iso in spot} == spot
    by_level = sorted(levels.values())
    assert [by_level.count(level) for level in (1, 2, 3, 4)] == [102, 100, 14, 11]
    # Canada's Turkey is the site's Türkiye.
    assert imported().get(source_id="TR").country.name == "Türkiye"


def test_the_2014_texts_in_sentence_case_with_canadas_words_kept():
    run("import_canada", sample(INDEX_2014))
    afghanistan = imported().get(country__iso_code="AF")
    assert afghanistan.title == "Afghanistan - Avoid all travel"
    assert afghanistan.summary == "Avoid all travel."
    assert afghanistan.change_note == "The Security tab was updated - elections."
    assert afghanistan.source_data["advisory_text"] == "AVOID ALL TRAVEL"
    assert afghanistan.issued_at.isoformat() == "2014-02-26T13:25:38+00:00"  # the timestamp
    assert afghanistan.source_url == "https://travel.gc.ca/destinations/afghanistan"
    assert afghanistan.source_id == "AF" and afghanistan.issuer == "Global Affairs Canada"
    assert afghanistan.body == ""  # an index alone gives no advisories
    iraq = imported().get(country__iso_code="IQ")
    assert iraq.title == "Iraq - Avoid non-essential travel; see also regional advisories"
    assert iraq.source_data["has_regional_advisory"] is True
    assert "regional_advisories" not in iraq.source_data  # only a document names them


@pytest.mark.parametrize(
    ("iso", "title"),
    [
        ("CI", "Côte d'Ivoire (Ivory Coast) - Exercise a high degree of caution; see also "
         "regional advisories"),
        ("TR", "Turkey - Exercise a high degree of caution; see also regional advisories"),
        ("XK", "Kosovo - Exercise a high degree of caution; see also regional advisories"),
        ("GP", "Guadeloupe - Exercise normal security precautions"),  # a French territory
        ("HK", "Hong Kong - Exercise normal security precautions"),
        ("KR", "Korea, South - Exercise normal security precautions"),
    ],
)  # fmt: skip
def test_names_and_territories_of_the_2014_index(iso, title):
    run("import_canada", sample(INDEX_2014))
    assert imported().get(country__iso_code=iso).title == title


def test_no_html_entity_reaches_a_text():
    run("import_canada", sample(INDEX_2014))
    kosovo = imported().get(country__iso_code="XK")
    assert kosovo.change_note == "An editorial change was made."  # "was&nbsp;made" in the index
    for advisory in imported():
        for text in (advisory.title, advisory.summary, advisory.change_note):
            assert not re.search(r"&\w+;|&#", text), (advisory.source_id, text)


def test_the_2014_index_twice_changes_nothing():
    run("import_canada", sample(INDEX_2014))
    before = snapshot()
    code, summary = outcome("import_canada", sample(INDEX_2014))
    assert code == 0 and summary.startswith(
        "0 created, 0 updated, 227 unchanged, 0 held, 2 skipped (2 for good; nothing changed)"
    )
    assert snapshot() == before


# Today's index, and documents


@pytest.mark.parametrize("today", [False, True], ids=["2014 shape", "today's shape"])
def test_either_shape_of_index_entry(tmp_path, today):
    item = destination("IQ", "Iraq", state=3, today=today)
    ok, summary = run("import_canada", write_index(tmp_path / "index.json", item))
    assert ok and summary.startswith("1 created"), summary
    iraq = imported().get()
    assert (iraq.country.iso_code, iraq.level, iraq.title) == ("IQ", 4, "Iraq - Avoid all travel")
    assert iraq.issued_at.isoformat() == "2020-09-13T12:26:40+00:00"


def test_an_entry_that_says_it_is_another_destination_is_skipped(tmp_path):
    item = destination(today=True, **{"country-iso": "DE"})
    ok, message = run("import_canada", write_index(tmp_path / "index.json", item))
    assert not ok and "France (FR): listed as 'FR' but about 'DE'" in message


def trinidad_entry():
    """Trinidad and Tobago as today's index lists it."""
    return destination(
        "TT",
        "Trinidad and Tobago",
        state=1,
        today=True,
        timestamp=1790254380,  # 24 September 2026, 08:53 EDT
        english={"advisory-text": "Exercise a high degree of caution (with regional advisories)"},
        **{"has-regional-advisory": 1},
    )


def trinidad(directory):
    """`directory` as a saved copy of the site: an index of Trinidad and Tobago, and its real
    document (linked, not copied); returns the directory."""
    write_index(directory / canada.INDEX_NAME, trinidad_entry())
    (directory / canada.document_name("TT")).symlink_to(sample(TT_DOCUMENT))
    return directory


def test_the_trinidad_and_tobago_document_gives_the_advisories(tmp_path):
    ok, summary = run("import_canada", "--from-dir", trinidad(tmp_path))
    assert ok and summary.startswith("1 created"), summary
    tt = imported().get()
    assert (tt.country.iso_code, tt.level) == ("TT", 2)
    assert tt.title == (
        "Trinidad and Tobago - Exercise a high degree of caution (with regional advisories)"
    )
    assert tt.summary == (
        "Exercise a high degree of caution (with regional advisories). Exercise a high degree "
        "of caution in Trinidad and Tobago due to violent crime."
    )
    assert tt.change_note == "Health – editorial change"  # the document's, over the index's
    assert tt.source_data["regional_advisories"] == [
        {"heading": "Regional Advisory - Avoid non-essential travel", "level": 3}
    ]
    assert "<h3>Regional Advisory - Avoid non-essential travel</h3>" in tt.body_html
    assert "<li>Laventille</li>" in tt.body_html
    assert "AdvisoryContainer" not in tt.body_html
    # The link to the risk levels' box points back to Canada's page.
    assert 'href="https://travel.gc.ca/destinations/trinidad-and-tobago#levels"' in tt.body_html
    # The document gives no date-published: the index's stands.
    assert tt.issued_at.isoformat() == "2026-09-24T12:53:00+00:00"
    ok, summary = run("import_canada", "--from-dir", tmp_path)
    assert ok and summary.endswith("1 unchanged, 0 held, 0 skipped (nothing changed)"), summary


def test_a_saved_index_with_documents_from_a_directory(tmp_path):
    index = tmp_path / "saved-index.json"
    (trinidad(tmp_path) / canada.INDEX_NAME).rename(index)
    ok, summary = run("import_canada", index, "--from-dir", tmp_path)
    assert ok and summary.startswith("1 created"), summary
    assert imported().get().source_data["regional_advisories"]


def test_a_destination_without_its_document_is_skipped_and_the_region_needs_none(tmp_path):
    items = [destination(), destination("PT-20", "Azores"), destination("IQ", "Iraq", state=3)]
    write_index(tmp_path / canada.INDEX_NAME, *items)
    (tmp_path / canada.document_name("IQ")).write_text(json.dumps({"data": items[2]["IQ"]}))
    code, message = outcome("import_canada", "--from-dir", tmp_path)
    assert code == 1
    assert message.startswith("1 created, 0 updated, 0 unchanged, 0 held, 2 skipped (1 for good)")
    assert "\n  skipped France (FR): " in message and "No such file" in message
    assert "\n  warning: skipped for good Azores (PT-20): the Azores" in message
    assert list(imported().values_list("country__iso_code", flat=True)) == ["IQ"]


@pytest.mark.parametrize(
    ("document", "reason"),
    [
        ("{", "not valid JSON"),
        ("[]", "not a Global Affairs Canada travel advice document"),
        ('{"data": {"country-iso": "IQ"}}', "listed as 'TT' but about 'IQ'"),
        ('{"data": {"eng": {"advisories": 3}}}', "unexpected structure"),
    ],
)
def test_a_document_that_cannot_be_used_skips_its_destination(tmp_path, document, reason):
    trinidad(tmp_path)
    (tmp_path / canada.document_name("TT")).unlink()
    (tmp_path / canada.document_name("TT")).write_text(document)
    ok, message = run("import_canada", "--from-dir", tmp_path)
    assert not ok and f"Trinidad and Tobago (TT): {reason}" in message
    assert not imported().exists()


# The rules of writing: history, staff's work


def france_again(tmp_path, **changes):
    """Import France at level 1, then write its index again with `changes`; the first row."""
    path = write_index(tmp_path / "index.json", destination())
    run("import_canada", path)
    write_index(path, destination(**changes))
    return imported().get()


def test_a_level_change_makes_a_new_edition_and_keeps_the_previous_one(tmp_path):
    old = france_again(tmp_path, state=2, timestamp=PUBLISHED + 86400)
    ok, summary = run("import_canada", tmp_path / "index.json")
    assert ok and summary.startswith("1 created, 0 updated"), summary
    new = imported().get(level=3)
    assert new.previous_edition == old and not new.minor_change
    assert list(Advisory.objects.current_for(old.country)) == [new, old]
    old.refresh_from_db()
    assert old.status == Advisory.Status.PUBLISHED and old.level == 1
    ok, summary = run("import_canada", tmp_path / "index.json")
    assert ok and summary.endswith("(nothing changed)")


def test_new_words_on_the_same_date_are_a_correction(tmp_path):
    old = france_again(tmp_path, english={"recent-updates": "The Health tab was updated."})
    ok, summary = run("import_canada", tmp_path / "index.json")
    assert ok and summary.startswith("0 created, 1 updated"), summary
    new = imported().exclude(pk=old.pk).get()
    assert new.minor_change and new.change_note == "The Health tab was updated."
    old.refresh_from_db()
    assert old.status == Advisory.Status.ARCHIVED


def test_an_import_stands_beside_a_newer_staff_advisory_which_keeps_the_headline(tmp_path):
    staff = make_advisory(iso="FR", level=2, issued_at=timezone.now())
    ok, summary = run("import_canada", write_index(tmp_path / "index.json", destination()))
    assert ok and summary.startswith("1 created, 0 updated, 0 unchanged, 0 held"), summary
    assert imported().get().status == Advisory.Status.PUBLISHED
    assert Advisory.objects.current_for(staff.country).first() == staff


def test_a_staff_edit_of_an_import_is_never_overwritten(tmp_path):
    france = france_again(tmp_path, state=1)
    france.summary, france.updated_by = "Staff wrote this.", User.objects.create_user("desk")
    france.save()
    ok, summary = run("import_canada", tmp_path / "index.json")
    assert ok and "1 held" in summary, summary
    assert imported().get(pk=france.pk).summary == "Staff wrote this."
    draft = imported().exclude(pk=france.pk).get()
    assert draft.status == Advisory.Status.DRAFT and draft.level == 2
    assert Advisory.objects.current_for(france.country).get() == france


def test_an_older_staff_advisory_gives_way(tmp_path):
    make_advisory(iso="FR", level=4, issued_at=timezone.now() - timedelta(days=3650 * 2))
    ok, _ = run("import_canada", write_index(tmp_path / "index.json", destination()))
    assert ok
    # Published, not held; the staff advisory stays the headline (settings.HEADLINE_ISSUERS).
    assert Advisory.objects.current_for(imported().get().country).filter(source=CANADA).exists()


# A source that cannot be read


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"data": {"FR": ', "not valid JSON"),
        ("", "not valid JSON"),
        ("[" * 100_000 + "]" * 100_000, "not valid JSON: nested too deeply"),
        ('{"metadata": {}}', "not Global Affairs Canada's travel index: no destinations"),
        ('{"data": {}}', "not Global Affairs Canada's travel index: no destinations"),
        ('{"data": ["FR"]}', "not Global Affairs Canada's travel index: no destinations"),
    ],
)
def test_an_unreadable_index_imports_nothing(tmp_path, text, message):
    run("import_canada", write_index(tmp_path / "good.json", destination()))
    before = snapshot()
    (tmp_path / "index.json").write_text(text)
    code, error = outcome("import_canada", tmp_path / "index.json")
    assert code == 2 and error.startswith("Nothing imported:") and message in error, error
    assert snapshot() == before


def test_a_missing_index_imports_nothing(tmp_path):
    code, error = outcome("import_canada", "--from-dir", tmp_path)
    assert code == 2 and error.startswith("Nothing imported:") and "No such file" in error


def test_an_unreadable_timestamp_skips_the_destination(tmp_path):
    item = destination(**{"date-published": {"date": "2020-09-13 08:26:40"}})
    ok, message = run("import_canada", write_index(tmp_path / "index.json", item))
    assert not ok and "France (FR): no readable date-published timestamp" in message


# The live site


def over_http(monkeypatch, routes, *args):
    with local_server(routes) as base:
        monkeypatch.setattr(canada, "DATA", f"{base}/travel-voyage")
        monkeypatch.setattr(canada, "INDEX_URL", f"{base}/travel-voyage/{canada.INDEX_NAME}")
        return run("import_canada", *args)


def test_a_live_run_reads_the_index_then_each_document(monkeypatch, tmp_path):
    index = write_index(tmp_path / "index.json", trinidad_entry(), destination())
    routes = {
        "/travel-voyage/index-alpha-eng.json": (200, index.read_bytes(), 0),
        "/travel-voyage/cta-cap-TT.json": (200, sample(TT_DOCUMENT).read_bytes(), 0),
        "/travel-voyage/cta-cap-FR.json": (500, b"oops", 0),
    }
    ok, message = over_http(monkeypatch, routes)
    assert not ok
    assert message.startswith("1 created, 0 updated, 0 unchanged, 0 held, 1 skipped")
    assert "France (FR): " in message and "HTTP 500" in message
    assert imported().get().source_data["regional_advisories"]


def test_an_unreachable_index_imports_nothing(monkeypatch):
    ok, error = over_http(monkeypatch, {}, "--timeout", "2")
    assert not ok and error.startswith("Nothing imported:") and "HTTP 404" in error
    assert not imported().exists()
