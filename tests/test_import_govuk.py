"""import_govuk: GOV.UK's travel-advice documents, the real sample and our own."""

import json

import pytest

from advisories.importers import govuk
from advisories.models import Advisory
from tests.importing import DATA, local_server, run, sample

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
    assert albania.summary.startswith("The main opposition party has called for mass protests")
    assert albania.source_url == "https://www.gov.uk/foreign-travel-advice/albania"
    for part in ["Safety and security", "Terrorism", "Entry requirements", "Natural disasters"]:
        assert f"<h2>{part}</h2>" in albania.body_html
    assert albania.source_data["alert_status"] == []


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
    assert iraq.summary.startswith("The FCDO advises against all travel to Iraq.")
    assert "<script" not in iraq.body_html
    assert imported().get(country__iso_code="FR").level == 1


def test_all_from_a_directory_skips_the_malformed_document_and_imports_the_rest():
    ok, message = run("import_govuk", "--all", "--from-dir", DATA)
    assert not ok
    assert message.startswith("2 created, 0 updated, 0 unchanged, 0 held, 1 skipped")
    assert "govuk-malformed: not valid JSON" in message
    assert set(imported().values_list("country__iso_code", flat=True)) == {"IQ", "FR"}


def test_a_level_change_makes_history(tmp_path):
    document = json.loads((DATA / "govuk-france.json").read_text())
    (tmp_path / "france.json").write_text(json.dumps(document))
    run("import_govuk", "france", "--from-dir", tmp_path)
    document["details"]["alert_status"] = ["avoid_all_but_essential_travel_to_parts"]
    document["public_updated_at"] = "2020-03-01T00:00:00+00:00"
    (tmp_path / "france.json").write_text(json.dumps(document))
    ok, summary = run("import_govuk", "france", "--from-dir", tmp_path)
    assert ok and summary.startswith("1 created")
    assert list(imported().order_by("-issued_at").values_list("level", flat=True)) == [2, 1]


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


def test_an_unknown_alert_status_is_skipped_not_guessed(tmp_path):
    document = json.loads((DATA / "govuk-france.json").read_text())
    document["details"]["alert_status"] = ["avoid_the_beach"]
    (tmp_path / "france.json").write_text(json.dumps(document))
    ok, message = run("import_govuk", "france", "--from-dir", tmp_path)
    assert not ok and "unknown alert status 'avoid_the_beach'" in message


def test_a_missing_document_changes_nothing():
    ok, message = run("import_govuk", "atlantis", "--from-dir", DATA)
    assert not ok and message == "Nothing imported: no atlantis.json in " + str(DATA)


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


def test_a_server_error_for_one_country_skips_it(monkeypatch):
    with local_server({}) as base:
        monkeypatch.setattr(govuk, "API", f"{base}/api/content/foreign-travel-advice")
        ok, message = run("import_govuk", "iraq", "--timeout", "2")
    assert not ok and "iraq:" in message and "HTTP 404" in message
