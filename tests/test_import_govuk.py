"""import_govuk: GOV.UK's travel-advice documents, the real sample and our own."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings

from advisories.importers import govuk
from advisories.importers.countries import country_by_name
from advisories.models import Advisory
from tests.importing import DATA, local_server, outcome, run, sample

pytestmark = pytest.mark.django_db

GOVUK = Advisory.Source.GOVUK


def imported():
    return Advisory.objects.filter(source=GOVUK)


def test_the_real_albania_document():
    samples = sample("govuk-travel-advice-albania.json").parent
    ok, summary = run("import_govuk", "albania", "--from-dir", samples)
    assert ok and summary.startswith("1 created"), summary
    albania = imported().get()
    assert albania.country.iso_code == "AL"
    assert albania.issuer == "UK FCDO"
    assert albania.level == 1  # no alert status
    assert albania.change_note.startswith("Latest update: Summary – the main opposition party")
    assert albania.issued_at.isoformat() == "2017-02-14T15:42:21+00:00"
    assert albania.summary == (
        "Latest travel advice for Albania including safety and security, entry requirements, "
        "travel warnings and health"
    )
    assert albania.source_url == "https://www.gov.uk/foreign-travel-advice/albania"
    for part in ["Summary", "Safety and security", "Terrorism", "Entry requirements", "Money"]:
        assert f"<h2>{part}</h2>" in albania.body_html
    assert "The main opposition party has called for mass protests" in albania.body_html
    # GOV.UK links to its own pages by path: on this site they must point back to GOV.UK.
    assert 'href="https://www.gov.uk/foreign-travel-advice/albania/terrorism"' in albania.body_html
    assert 'href="/' not in albania.body_html
    assert albania.source_data["alert_status"] == []
    assert albania.source_id == "/foreign-travel-advice/albania"


def test_the_real_document_twice_changes_nothing():
    samples = sample("govuk-travel-advice-albania.json").parent
    run("import_govuk", "albania", "--from-dir", samples)
    before = list(imported().values())
    ok, summary = run("import_govuk", "albania", "--from-dir", samples)
    assert ok and summary.endswith("1 unchanged, 0 held, 0 skipped (nothing changed)")
    assert list(imported().values()) == before


def test_alert_status_sets_the_level_and_the_body_is_clean():
    ok, _ = run("import_govuk", "iraq", "france", "--from-dir", DATA)
    assert ok
    iraq = imported().get(country__iso_code="IQ")
    assert iraq.level == 4
    assert iraq.summary == "Latest travel advice for Iraq."
    assert iraq.change_note == "Latest update: advice against all travel."
    assert "The FCDO advises against all travel to Iraq." in iraq.body_html
    assert "<script" not in iraq.body_html and "x()" not in iraq.body_html
    assert imported().get(country__iso_code="FR").level == 1


def test_all_from_a_directory_skips_the_malformed_document_and_imports_the_rest():
    ok, message = run("import_govuk", "--all", "--from-dir", DATA)
    assert not ok
    assert message.startswith("2 created, 0 updated, 0 unchanged, 0 held, 1 skipped")
    assert "govuk-malformed: not valid JSON" in message
    assert set(imported().values_list("country__iso_code", flat=True)) == {"IQ", "FR"}


def france_again(tmp_path, **changes):
    """Import France's document, then write it to `tmp_path` again with `changes` (to
    `public_updated_at`, `description` or `alert_status`) for the next run; its first row."""
    document = json.loads((DATA / "govuk-france.json").read_text())
    (tmp_path / "france.json").write_text(json.dumps(document))
    run("import_govuk", "france", "--from-dir", tmp_path)
    if "alert_status" in changes:
        document["details"]["alert_status"] = changes.pop("alert_status")
    document.update(changes)
    (tmp_path / "france.json").write_text(json.dumps(document))
    return imported().get()


def test_a_level_change_makes_history(tmp_path):
    old = france_again(
        tmp_path,
        alert_status=["avoid_all_but_essential_travel_to_parts"],
        public_updated_at="2020-03-01T00:00:00+00:00",
    )
    ok, summary = run("import_govuk", "france", "--from-dir", tmp_path)
    assert ok and summary.startswith("1 created")
    assert list(imported().order_by("-issued_at").values_list("level", flat=True)) == [2, 1]
    assert imported().get(level=2).previous_edition == old


def test_an_update_on_a_new_date_is_a_new_edition_and_the_old_one_stays_as_history(tmp_path):
    old = france_again(
        tmp_path,
        description="Latest travel advice for France, updated.",
        public_updated_at="2020-03-01T00:00:00+00:00",
    )
    ok, summary = run("import_govuk", "france", "--from-dir", tmp_path)
    assert ok and summary.startswith("0 created, 1 updated"), summary
    new = imported().exclude(pk=old.pk).get()
    assert new.previous_edition == old and not new.minor_change
    assert list(Advisory.objects.current_for(old.country)) == [new, old]


def test_new_text_on_the_same_date_is_a_correction_that_archives_the_old_edition(tmp_path):
    old = france_again(tmp_path, description="Latest travel advice for France, corrected.")
    ok, summary = run("import_govuk", "france", "--from-dir", tmp_path)
    assert ok and summary.startswith("0 created, 1 updated"), summary
    new = imported().exclude(pk=old.pk).get()
    assert new.previous_edition == old and new.minor_change
    assert new.summary == "Latest travel advice for France, corrected."
    old.refresh_from_db()
    assert old.status == Advisory.Status.ARCHIVED
    assert Advisory.objects.current_for(old.country).get() == new
    ok, summary = run("import_govuk", "france", "--from-dir", tmp_path)
    assert ok and summary.endswith("(nothing changed)"), summary


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"schema_name": "guide"}, "not a GOV.UK travel_advice document"),
        ({"details": {"country": {"name": "Atlantis"}}}, "no country named 'Atlantis'"),
        ({"public_updated_at": "yesterday"}, "no readable public_updated_at"),
    ],
)
def test_unusable_documents_are_skipped_with_a_reason(tmp_path, change, reason):
    document = json.loads((DATA / "govuk-france.json").read_text())
    document.update(change)
    (tmp_path / "france.json").write_text(json.dumps(document))
    ok, message = run("import_govuk", "france", "--from-dir", tmp_path)
    assert not ok and reason in message and not imported().exists()


@pytest.mark.parametrize(
    ("statuses", "level"),
    [
        (["avoid_all_travel_to_whole_country"], 4),
        (["avoid_all_travel_to_parts"], 3),
        (["avoid_all_but_essential_travel_to_whole_country"], 3),
        (["avoid_all_but_essential_travel_to_parts"], 2),
        (["avoid_all_but_essential_travel_to_parts", "avoid_all_travel_to_parts"], 3),
        ([], 1),
    ],
)
def test_the_documented_level_of_each_alert_status(tmp_path, statuses, level):
    document = json.loads((DATA / "govuk-france.json").read_text())
    document["details"]["alert_status"] = statuses
    (tmp_path / "france.json").write_text(json.dumps(document))
    run("import_govuk", "france", "--from-dir", tmp_path)
    assert imported().get().level == level
    assert imported().get().source_data["alert_status"] == statuses


def test_the_readme_table_of_alert_statuses_is_alert_levels():
    readme = (Path(settings.BASE_DIR) / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Importing official advisories", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^ *\| (.+?) \| (\d) [^|]*\|$", section, re.MULTILINE)
    table = {status: int(level) for cell, level in rows for status in re.findall(r"`(\w+)`", cell)}
    assert table == govuk.ALERT_LEVELS
    assert [int(level) for cell, level in rows if cell == "none"] == [govuk.NO_ALERT_LEVEL]


def test_an_unknown_alert_status_is_skipped_not_guessed(tmp_path):
    document = json.loads((DATA / "govuk-france.json").read_text())
    document["details"]["alert_status"] = ["avoid_the_beach"]
    (tmp_path / "france.json").write_text(json.dumps(document))
    ok, message = run("import_govuk", "france", "--from-dir", tmp_path)
    assert not ok and "unknown alert status 'avoid_the_beach'" in message


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("[" * 100_000 + "]" * 100_000, "not valid JSON: nested too deeply"),
        ('{"schema_name": "travel_advice", "details": "text"}', "unexpected document structure"),
        (
            '{"schema_name": "travel_advice", "public_updated_at": "2020-01-01T00:00:00+00:00",'
            ' "details": {"country": {"name": "France"}, "parts": ["not a part"]}}',
            "unexpected document structure",
        ),
        ("", "not valid JSON"),
    ],
)
def test_documents_of_the_wrong_shape_are_skipped_with_a_reason(tmp_path, text, reason):
    (tmp_path / "france.json").write_text(text)
    (tmp_path / "iraq.json").write_bytes((DATA / "govuk-iraq.json").read_bytes())
    ok, message = run("import_govuk", "france", "iraq", "--from-dir", tmp_path)
    assert not ok and message.startswith("1 created") and f"france: {reason}" in message
    assert list(imported().values_list("country__iso_code", flat=True)) == ["IQ"]


@pytest.mark.parametrize(
    ("name", "iso"),
    [
        ("St Lucia", "LC"),
        ("St Pierre & Miquelon", "PM"),
        ("Myanmar (Burma)", "MM"),
        ("The Occupied Palestinian Territories", "PS"),
        ("Czech Republic", "CZ"),
        ("Cote d'Ivoire", "CI"),
        ("South Korea", "KR"),
        ("British Virgin Islands", "VG"),
        ("The Gambia", "GM"),
        ("Curaçao", "CW"),
        ("Palestine", "PS"),
        ("Antarctica/British Antarctic Territory", "AQ"),
        ("St Maarten", "SX"),
        ("Kosovo", "XK"),  # not in ISO 3166-1: the country migration 0011 adds
    ],
)
def test_the_names_gov_uk_gives_countries(name, iso):
    assert country_by_name(name).iso_code == iso


def test_a_name_that_is_no_country_is_reported_not_guessed():
    assert country_by_name("Atlantis") is None


@pytest.mark.parametrize(
    ("slug", "name", "iso"),
    [
        ("the-occupied-palestinian-territories", "Palestine", "PS"),
        ("the-occupied-palestinian-territories", "The Occupied Palestinian Territories", "PS"),
        # A name none of ours matches: the slug still says which country it is.
        ("the-occupied-palestinian-territories", "Occupied Palestinian Territories (OPTs)", "PS"),
        ("british-antarctic-territory", "Antarctica/British Antarctic Territory", "AQ"),
        ("kosovo", "Kosovo", "XK"),
    ],
)
def test_a_document_lands_on_its_country_and_a_second_run_changes_nothing(
    tmp_path, slug, name, iso
):
    document = json.loads((DATA / "govuk-france.json").read_text())
    document["base_path"] = f"/foreign-travel-advice/{slug}"
    document["details"]["country"] = {"slug": slug, "name": name}
    (tmp_path / f"{slug}.json").write_text(json.dumps(document))
    code, summary = outcome("import_govuk", slug, "--from-dir", tmp_path)
    assert code == 0 and summary.startswith("1 created, 0 updated"), summary
    assert imported().get().country.iso_code == iso
    before = list(imported().values())
    code, summary = outcome("import_govuk", slug, "--from-dir", tmp_path)
    assert summary == "0 created, 0 updated, 1 unchanged, 0 held, 0 skipped (nothing changed)"
    assert list(imported().values()) == before


def test_a_control_character_in_a_document_is_dropped_and_a_second_run_changes_nothing(tmp_path):
    document = json.loads((DATA / "govuk-france.json").read_text())
    document["description"] = "Latest travel\x0b advice\x01 for France."
    (tmp_path / "france.json").write_text(json.dumps(document))
    run("import_govuk", "france", "--from-dir", tmp_path)
    assert imported().get().summary == "Latest travel advice for France."
    ok, summary = run("import_govuk", "france", "--from-dir", tmp_path)
    assert ok and summary.endswith("(nothing changed)"), summary


@pytest.mark.parametrize(
    "args",
    [
        ["atlantis", "--from-dir", DATA],
        ["iraq", "--all"],
        ["../iraq"],
    ],
)
def test_arguments_or_documents_that_cannot_be_read_exit_2(args):
    code, error = outcome("import_govuk", *args)
    assert code == 2 and not imported().exists(), error


def test_a_missing_document_changes_nothing():
    ok, message = run("import_govuk", "atlantis", "--from-dir", DATA)
    assert not ok and message == "Nothing imported: no atlantis.json in " + str(DATA)


@pytest.mark.parametrize("slug", ["../iraq", "iraq?x=1", "Iraq", ""])
def test_a_slug_that_is_not_one_changes_nothing(slug):
    ok, message = run("import_govuk", slug, "--from-dir", DATA)
    assert not ok and message.startswith("Not a GOV.UK country slug")
    assert not imported().exists()


def test_slugs_or_all_not_both_nor_neither():
    assert run("import_govuk")[1] == "Name one or more country slugs, or --all (not both)."
    assert not run("import_govuk", "iraq", "--all")[0]


def test_all_over_http_reads_the_index_then_each_country(monkeypatch):
    index = {"links": {"children": [{"base_path": "/foreign-travel-advice/iraq"}]}}
    routes = {
        "/api/content/foreign-travel-advice": (200, json.dumps(index).encode(), 0),
        "/api/content/foreign-travel-advice/iraq": (
            200,
            (DATA / "govuk-iraq.json").read_bytes(),
            0,
        ),
    }
    with local_server(routes) as base:
        monkeypatch.setattr(govuk, "API", f"{base}/api/content/foreign-travel-advice")
        ok, summary = run("import_govuk", "--all")
    assert ok and summary.startswith("1 created")


def over_http(monkeypatch, routes, *args):
    with local_server(routes) as base:
        monkeypatch.setattr(govuk, "API", f"{base}/api/content/foreign-travel-advice")
        return run("import_govuk", *args)


def test_http_500_for_one_country_skips_it_and_the_others_go_in(monkeypatch):
    routes = {
        "/api/content/foreign-travel-advice/iraq": (
            200,
            (DATA / "govuk-iraq.json").read_bytes(),
            0,
        ),
        "/api/content/foreign-travel-advice/france": (500, b"oops", 0),
    }
    ok, message = over_http(monkeypatch, routes, "iraq", "france")
    assert not ok
    assert message.startswith("1 created, 0 updated, 0 unchanged, 0 held, 1 skipped")
    assert "france:" in message and "HTTP 500" in message
    assert list(imported().values_list("country__iso_code", flat=True)) == ["IQ"]


def test_a_slow_server_times_out_and_changes_nothing(monkeypatch):
    slow = (200, (DATA / "govuk-iraq.json").read_bytes(), 2)
    routes = {"/api/content/foreign-travel-advice/iraq": slow}
    ok, message = over_http(monkeypatch, routes, "iraq", "--timeout", "0.2")
    assert not ok and "could not fetch" in message and "timed out" in message
    assert not imported().exists()


@pytest.mark.parametrize(
    ("route", "message"),
    [((500, b"oops", 0), "HTTP 500"), ((200, b'{"links": {}}', 0), "not GOV.UK's travel-advice")],
)
def test_an_unreadable_index_changes_nothing(monkeypatch, route, message):
    ok, error = over_http(monkeypatch, {"/api/content/foreign-travel-advice": route}, "--all")
    assert not ok and error.startswith("Nothing imported:") and message in error
    assert not imported().exists()


def test_a_server_error_for_one_country_skips_it(monkeypatch):
    with local_server({}) as base:
        monkeypatch.setattr(govuk, "API", f"{base}/api/content/foreign-travel-advice")
        ok, message = run("import_govuk", "iraq", "--timeout", "2")
    assert not ok and "iraq:" in message and "HTTP 404" in message
