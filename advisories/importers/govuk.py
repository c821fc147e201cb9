"""GOV.UK's travel advice (the content API's `travel_advice` documents), read into entries.

Each country's document is one entry: the description as the summary, every part (Summary,
Safety and security, …) as the body, the latest change description as the change note,
public_updated_at as the issue date, the alert status kept in source_data. GOV.UK gives no
numbered level: its alert statuses say what the FCDO advises against, and ALERT_LEVELS maps them
onto the levels (the highest status listed wins). The country is found by its name, or failing
that by its slug ("the-occupied-palestinian-territories", whatever the name reads). An unknown
status or country skips the document rather than guessing (a failure, for a person to look at).
A document is identified by its path.
"""

from datetime import datetime
from html import escape

from advisories.importers.countries import country_by_name
from advisories.importers.reading import (
    Entry,
    EntrySkipped,
    ImportFailed,
    load_json,
    plain_summary,
)
from publishing import richtext

SITE = "https://www.gov.uk"
API = f"{SITE}/api/content/foreign-travel-advice"
ISSUER = "UK FCDO"
# What the FCDO advises against → the level; README.md shows this table too (a test checks it).
ALERT_LEVELS = {
    "avoid_all_travel_to_whole_country": 4,
    "avoid_all_travel_to_parts": 3,
    "avoid_all_but_essential_travel_to_whole_country": 3,
    "avoid_all_but_essential_travel_to_parts": 2,
}
NO_ALERT_LEVEL = 1  # a country without an alert status


def document_url(slug):
    """Where the API serves one country's document."""
    return f"{API}/{slug}"


def index_slugs(data):
    """The country slugs listed by the travel-advice index document."""
    try:
        children = load_json(data)["links"]["children"]
        return sorted(child["base_path"].rsplit("/", 1)[-1] for child in children)
    except (KeyError, TypeError, AttributeError):
        raise ImportFailed("not GOV.UK's travel-advice index: no links to countries") from None


def parse(data):
    """The Entry of one country's travel-advice document; EntrySkipped if it is not usable."""
    document = load_json(data)
    if not isinstance(document, dict) or document.get("schema_name") != "travel_advice":
        raise EntrySkipped("not a GOV.UK travel_advice document")
    try:
        return _entry(document)
    except (AttributeError, KeyError, TypeError) as error:
        reason = f"unexpected document structure ({type(error).__name__}: {error})"
        raise EntrySkipped(reason) from None


def _country(named):
    """The country of a document's `details.country` (its `name` and `slug`)."""
    name, slug = named.get("name", ""), named.get("slug", "")
    country = country_by_name(name) or country_by_name(slug)
    if not country:
        raise EntrySkipped(f"no country named {name!r}")
    return country


def _entry(document):
    details = document.get("details") or {}
    country = _country(details.get("country") or {})
    statuses = details.get("alert_status") or []
    unknown = [status for status in statuses if status not in ALERT_LEVELS]
    if unknown:
        raise EntrySkipped(f"unknown alert status {unknown[0]!r}")
    try:
        issued_at = datetime.fromisoformat(document["public_updated_at"])
    except (KeyError, TypeError, ValueError):
        raise EntrySkipped("no readable public_updated_at") from None
    if issued_at.tzinfo is None:
        raise EntrySkipped("public_updated_at has no time zone")
    base_path = document.get("base_path") or f"/foreign-travel-advice/{country.slug}"
    source_url = SITE + base_path
    parts = details.get("parts") or []
    body = richtext.from_html(
        "\n".join(f"<h2>{escape(p.get('title') or '')}</h2>\n{p.get('body') or ''}" for p in parts),
        base_url=source_url,
    )
    summary = (document.get("description") or "").strip()
    return Entry(
        source_id=base_path,
        country=country,
        level=max((ALERT_LEVELS[s] for s in statuses), default=NO_ALERT_LEVEL),
        title=document.get("title") or f"{country.name} travel advice",
        summary=summary or plain_summary(body),
        body=body,
        issued_at=issued_at,
        source_url=source_url,
        change_note=(details.get("change_description") or "").strip()[:500],
        source_data={
            "base_path": document.get("base_path"),
            "title": document.get("title"),
            "description": document.get("description"),
            "public_updated_at": document.get("public_updated_at"),
            "updated_at": details.get("updated_at"),
            "reviewed_at": details.get("reviewed_at"),
            "country": details.get("country"),
            "alert_status": statuses,
            "change_description": details.get("change_description"),
        },
    )
