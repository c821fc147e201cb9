"""import_smartraveller: Smartraveller's destinations export, the real sample and our own."""

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.management import load_command_class
from django.utils import timezone

from advisories.importers import smartraveller
from advisories.models import Advisory
from tests.factories import make_advisory
from tests.importing import local_server, outcome, run, sample

pytestmark = pytest.mark.django_db

SMARTRAVELLER = Advisory.Source.SMARTRAVELLER
# A hand-made export of four destinations, one at each level, in the real export's shape.
FOUR_LEVELS = Path(__file__).parent / "fixtures" / "smartraveller" / "four-levels.json"
REAL = "smartraveller-destinations-export.2026-04.json"


def imported():
    return Advisory.objects.filter(source=SMARTRAVELLER)


def snapshot():
    return list(imported().order_by("pk").values())


def levels():
    return dict(imported().values_list("country__iso_code", "level"))


def export(tmp_path, *extra, **changes):
    """The four-level export with `changes` ({title: {field: value}}) and `extra` records
    added, written to `tmp_path`; returns its path."""
    records = json.loads(FOUR_LEVELS.read_text(encoding="utf-8"))
    for record in records:
        record.update(changes.get(record["title"], {}))
    path = tmp_path / "export.json"
    path.write_text(json.dumps([*records, *extra]), encoding="utf-8")
    return path


def destination(title, level="Exercise normal safety precautions", **fields):
    """A record of our own, as the export gives one."""
    slug = re.sub(r"[^a-z]+", "-", title.lower()).strip("-")
    return {
        "title": title,
        "field_overall_advice_level": level,
        "field_last_update": "",
        "field_last_update_notes": f"We advise:\n{level} in {title}.\n",
        "field_region": "Europe",
        "field_advice_levels": f"{level} {level} in {title}.",
        "field_url": f"https://www.smartraveller.gov.au/destinations/europe/{slug}",
        "changed": "Mon, 2026-03-02 09:00",
        **fields,
    }


# The levels


def test_each_advice_level_phrase_gives_its_level():
    ok, summary = run("import_smartraveller", FOUR_LEVELS)
    assert ok and summary == "4 created, 0 updated, 0 unchanged, 0 held, 0 skipped", summary
    assert levels() == {"NZ": 1, "CI": 2, "MX": 3, "IQ": 4}
    iraq = imported().get(country__iso_code="IQ")
    assert iraq.source_data["overall_advice_level"] == "Do not travel"  # the government's words
    assert iraq.source_data["region"] == "Middle East"


@pytest.mark.parametrize("phrase", ["do NOT travel", "  Do not\n travel ", "DO&nbsp;NOT TRAVEL"])
def test_a_phrase_is_read_whatever_its_case_or_spacing(tmp_path, phrase):
    ok, _ = run("import_smartraveller", export(tmp_path, destination("France", phrase)))
    assert ok and imported().get(country__iso_code="FR").level == 4


def test_an_unknown_phrase_skips_its_destination_not_guessed_and_the_rest_goes_in(tmp_path):
    path = export(tmp_path, Iraq={"field_overall_advice_level": "Avoid the beach"})
    code, message = outcome("import_smartraveller", path)
    assert code == 1
    assert message.startswith("3 created, 0 updated, 0 unchanged, 0 held, 1 skipped")
    assert "\n  skipped Iraq: unknown advice level 'Avoid the beach'" in message
    assert "IQ" not in levels()


def test_the_help_gives_each_phrase_and_its_level():
    parser = load_command_class("advisories", "import_smartraveller").create_parser(
        "manage.py", "import_smartraveller"
    )
    text = " ".join(parser.format_help().split())
    for phrase, level in smartraveller.LEVELS.items():
        assert f'"{phrase}" → {Advisory.Level(level).label}' in text
    assert "Exit codes: 0 done" in text


def test_the_readme_table_of_advice_levels_is_levels():
    readme = (Path(settings.BASE_DIR) / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Importing official advisories", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r'^ *\| "([^"|]+)" \| (\d) [^|]*\|$', section, re.MULTILINE)
    assert {phrase: int(level) for phrase, level in rows} == smartraveller.LEVELS


# What an advisory holds


def test_an_advisory_from_a_record():
    run("import_smartraveller", FOUR_LEVELS)
    ivory = imported().get(country__iso_code="CI")  # its name arrives with an HTML entity
    assert ivory.issuer == "Australia's Smartraveller"
    assert ivory.status == Advisory.Status.PUBLISHED and ivory.kind == Advisory.Kind.TRAVEL_ADVISORY
    assert ivory.title == "Côte d'Ivoire (Ivory Coast) travel advice"
    assert ivory.source_id == "/destinations/africa/cote-divoire-ivory-coast"
    assert ivory.source_url == "https://www.smartraveller.gov.au" + ivory.source_id
    assert ivory.summary == (
        "We advise: Exercise a high degree of caution in Côte d'Ivoire overall due to the threat "
        "of violent crime. Higher levels apply in some areas."
    )
    # The export's mangled quote mark ("d&amp;**Ivoire") is a quote mark again.
    assert ivory.change_note == (
        "We continue to advise exercise a high degree of caution in Côte d'Ivoire. Higher levels "
        "apply in some areas (see 'Safety')."
    )
    assert "<h3>Do not travel</h3>\n<p>Do not travel to the border areas" in ivory.body_html
    assert "<h3>Exercise a high degree of caution</h3>" in ivory.body_html
    assert "&amp;#039;" not in ivory.body_html and "Côte d'Ivoire overall" in ivory.body_html


def test_paragraphs_that_ran_together_are_sentences_again():
    run("import_smartraveller", FOUR_LEVELS)
    assert imported().get(country__iso_code="NZ").change_note == (
        "We've reviewed our advice for New Zealand. We continue to advise exercise normal safety "
        "precautions in New Zealand."
    )


def test_canberra_time_is_stored_as_utc_with_daylight_saving_or_without():
    run("import_smartraveller", FOUR_LEVELS)
    issued = {a.country.iso_code: a.issued_at.isoformat() for a in imported()}
    assert issued["IQ"] == "2026-02-28T23:29:00+00:00"  # "Sun, 2026-03-01 10:29", AEDT (+11)
    assert issued["NZ"] == "2026-07-14T23:05:00+00:00"  # "Wed, 2026-07-15 09:05", AEST (+10)


# The real export, read in place


# Names a wrong match would most likely miss: entities, alternatives, territories, near-twins.
REAL_NAMES = {
    "Iraq": ("IQ", 4),
    "Côte d'Ivoire (Ivory Coast)": ("CI", 2),
    "North Korea (Democratic People's Republic of Korea)": ("KP", 4),
    "South Korea (Republic of Korea)": ("KR", 1),
    "Türkiye": ("TR", 2),
    "Hong Kong": ("HK", 2),
    "Macau": ("MO", 2),
    "New Caledonia": ("NC", 2),
    "Guam": ("GU", 1),
    "Palestine": ("PS", 4),
    "Kosovo": ("XK", 2),
    "Niger": ("NE", 4),
    "Nigeria": ("NG", 3),
    "Guinea": ("GN", 2),
    "Papua New Guinea": ("PG", 2),
    "Democratic Republic of the Congo": ("CD", 4),
    "Georgia": ("GE", 1),
    "Federated States of Micronesia": ("FM", 1),
}


def test_every_destination_of_the_real_export_lands_on_its_own_country():
    code, summary = outcome("import_smartraveller", sample(REAL))
    assert code == 0, summary
    assert summary.splitlines() == [
        "179 created, 0 updated, 0 unchanged, 0 held, 1 skipped (1 for good)",
        "  warning: skipped for good No travel advice: 'No travel advice' is Smartraveller's "
        "placeholder, no destination",
    ]
    # No two destinations on one country: a name matched to the wrong one would collide.
    assert imported().values("country").distinct().count() == 179
    found = {
        a.title.removesuffix(" travel advice"): (a.country.iso_code, a.level) for a in imported()
    }
    assert {name: found[name] for name in REAL_NAMES} == REAL_NAMES
    # Every destination at the level of its phrase: the sample's 65, 74, 11 and 29.
    assert Counter(imported().values_list("level", flat=True)) == {1: 65, 2: 74, 3: 11, 4: 29}


def test_the_real_export_twice_changes_nothing():
    run("import_smartraveller", sample(REAL))
    before = snapshot()
    code, summary = outcome("import_smartraveller", sample(REAL))
    assert code == 0
    assert summary.startswith(
        "0 created, 0 updated, 179 unchanged, 0 held, 1 skipped (1 for good; nothing changed)"
    )
    assert snapshot() == before


def test_the_real_iraq():
    run("import_smartraveller", sample(REAL))
    iraq = imported().get(country__iso_code="IQ")
    assert iraq.issued_at.isoformat() == "2026-04-09T06:27:00+00:00"  # 16:27 AEST
    assert iraq.summary.startswith("We continue to advise: Do not travel to Iraq, including")
    assert iraq.change_note.startswith("We continue to advise do not travel to Iraq.")
    assert len(iraq.change_note) <= 500 and iraq.change_note.endswith(".")
    assert "<p>Do not travel to Iraq, including the Kurdistan Region" in iraq.body_html


# Places that are no destination or no country


def test_the_placeholder_record_is_a_warning_and_the_run_succeeds(tmp_path):
    placeholder = destination("No travel advice", "No travel advice", field_region="")
    code, summary = outcome("import_smartraveller", export(tmp_path, placeholder))
    assert code == 0 and summary.startswith("4 created, 0 updated, 0 unchanged, 0 held, 1 skipped")
    assert "\n  warning: skipped for good No travel advice: 'No travel advice' is" in summary


@pytest.mark.parametrize("name", ["Atlantis", "Congo (Kinshasa)"])
def test_a_name_that_is_no_country_the_site_knows_is_skipped_for_good_not_guessed(tmp_path, name):
    # "Congo (Kinshasa)": "Congo" alone is the Republic of the Congo, which Kinshasa is not in.
    code, summary = outcome("import_smartraveller", export(tmp_path, destination(name)))
    assert code == 0, summary
    assert f"\n  warning: skipped for good {name}: no country named '{name}'" in summary
    assert imported().count() == 4


# Editions, and staff's work


def test_a_second_run_changes_nothing():
    run("import_smartraveller", FOUR_LEVELS)
    before = snapshot()
    ok, summary = run("import_smartraveller", FOUR_LEVELS)
    assert (
        ok and summary == "0 created, 0 updated, 4 unchanged, 0 held, 0 skipped (nothing changed)"
    )
    assert snapshot() == before


def test_a_level_change_is_a_new_edition_and_the_old_one_stays_as_history(tmp_path):
    run("import_smartraveller", FOUR_LEVELS)
    old = imported().get(country__iso_code="IQ")
    raised = {"field_overall_advice_level": "Reconsider your need to travel"}
    path = export(tmp_path, Iraq=raised | {"changed": "Fri, 2026-04-10 12:00"})
    ok, summary = run("import_smartraveller", path)
    assert ok and summary.startswith("1 created, 0 updated, 3 unchanged"), summary
    new = imported().exclude(pk=old.pk).get(country__iso_code="IQ")
    assert new.level == 3 and new.previous_edition == old
    old.refresh_from_db()
    assert old.status == Advisory.Status.PUBLISHED
    assert list(Advisory.objects.current_for(old.country)) == [new, old]
    ok, summary = run("import_smartraveller", path)
    assert ok and summary.endswith("(nothing changed)")


def test_an_import_stands_beside_a_newer_staff_advisory_which_keeps_the_headline():
    staff = make_advisory(iso="IQ", level=3, issued_at=timezone.now())
    ok, summary = run("import_smartraveller", FOUR_LEVELS)
    assert ok and summary.startswith("4 created, 0 updated, 0 unchanged, 0 held"), summary
    assert imported().get(country__iso_code="IQ").status == Advisory.Status.PUBLISHED
    assert Advisory.objects.current_for(staff.country).first() == staff


def test_a_staff_edit_is_never_overwritten(tmp_path):
    run("import_smartraveller", FOUR_LEVELS)
    iraq = imported().get(country__iso_code="IQ")
    iraq.summary, iraq.updated_by = "Staff wrote this.", User.objects.create_user("desk")
    iraq.save()
    corrected = {"field_last_update_notes": "We advise:\nDo not travel to Iraq at all.\n"}
    ok, summary = run("import_smartraveller", export(tmp_path, Iraq=corrected))
    assert ok and summary.startswith("0 created, 0 updated, 3 unchanged, 1 held"), summary
    assert imported().get(pk=iraq.pk).summary == "Staff wrote this."
    draft = imported().exclude(pk=iraq.pk).get(country__iso_code="IQ")
    assert draft.status == Advisory.Status.DRAFT and draft.previous_edition == iraq
    assert Advisory.objects.current_for(iraq.country).get() == iraq


# Records and exports that cannot be read


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        ("Iraq", "record 5: not a JSON object"),
        (destination("France", changed="sometime in March"), "unreadable date 'sometime in March'"),
        (destination("France", changed="Mon, 2026-02-30 09:00"), "unreadable date"),
        (destination("France", field_url="https://example.com/fr"), "is no page of"),
        (destination("France", field_url=""), "field_url '' is no page of"),
        (destination("France", field_advice_levels=["a list"]), "field_advice_levels is not a"),
    ],
)
def test_a_record_that_cannot_be_read_is_skipped_with_a_reason(tmp_path, record, reason):
    code, message = outcome("import_smartraveller", export(tmp_path, record))
    assert code == 1 and reason in message, message
    assert message.startswith("4 created, 0 updated, 0 unchanged, 0 held, 1 skipped")
    assert "FR" not in levels()


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('{"title": "Iraq"}', "not a Smartraveller export: not a JSON array"),
        ('"Iraq"', "not a Smartraveller export: not a JSON array"),
        ('[{"title": "Iraq"', "not valid JSON"),
        ("", "not valid JSON"),
        ("[" * 100_000 + "]" * 100_000, "not valid JSON: nested too deeply"),
    ],
)
def test_an_export_that_cannot_be_read_imports_nothing(tmp_path, text, reason):
    run("import_smartraveller", FOUR_LEVELS)
    before = snapshot()
    path = tmp_path / "export.json"
    path.write_text(text)
    code, error = outcome("import_smartraveller", path)
    assert code == 2 and error.startswith("Nothing imported:") and reason in error, error
    assert snapshot() == before


def test_reads_the_export_over_http():
    with local_server({"/destinations-export": (200, FOUR_LEVELS.read_bytes(), 0)}) as base:
        ok, summary = run("import_smartraveller", f"{base}/destinations-export")
    assert ok and summary.startswith("4 created"), summary


def test_an_http_error_imports_nothing():
    with local_server({}) as base:
        code, error = outcome("import_smartraveller", f"{base}/destinations-export")
    assert code == 2 and "HTTP 404" in error and not imported().exists()
