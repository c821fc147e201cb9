"""GOV.UK's travel advice (the content API's `travel_advice` documents), read into entries.

GOV.UK gives no numbered level. Its alert statuses say what the FCDO advises against, and map
onto the four levels like this:
- `avoid_all_travel_to_whole_country` → 4, Do Not Travel;
- `avoid_all_travel_to_parts` or `avoid_all_but_essential_travel_to_whole_country` → 3;
- `avoid_all_but_essential_travel_to_parts` → 2;
- no alert status → 1.
The highest status listed wins.
"""

import json
from datetime import datetime

from advisories.importers.common import (
    Entry,
    EntrySkipped,
    ImportFailed,
    country_by_name,
    plain_summary,
)

API = "https://www.gov.uk/api/content/foreign-travel-advice"
ISSUER = "UK FCDO"
ALERT_LEVELS = {
    "avoid_all_travel_to_whole_country": 4,
    "avoid_all_travel_to_parts": 3,
    "avoid_all_but_essential_travel_to_whole_country": 3,
    "avoid_all_but_essential_travel_to_parts": 2,
}


def document_url(slug):
    return f"{API}/{slug}"


def load(data):
    """The JSON of a response, or ImportFailed."""
    try:
        return json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ImportFailed(f"not valid JSON: {error}") from error


def index_slugs(data):
    """The country slugs listed by the travel-advice index document."""
    children = load(data).get("links", {}).get("children", [])
    return sorted(child["base_path"].rsplit("/", 1)[-1] for child in children)


def parse(data):
    """The Entry of one country's travel-advice document; EntrySkipped if it is not usable."""
    document = load(data)
    if not isinstance(document, dict) or document.get("schema_name") != "travel_advice":
        raise EntrySkipped("not a GOV.UK travel_advice document")
    details = document.get("details") or {}
    name = (details.get("country") or {}).get("name", "")
    country = country_by_name(name)
    if not country:
        raise EntrySkipped(f"no country named {name!r}")
    statuses = details.get("alert_status") or []
    unknown = [status for status in statuses if status not in ALERT_LEVELS]
    if unknown:
        raise EntrySkipped(f"unknown alert status {unknown[0]!r}")
    parts = details.get("parts") or []
    summary_part = next((p for p in parts if p.get("slug") == "summary"), None)
    try:
        issued_at = datetime.fromisoformat(document["public_updated_at"])
    except (KeyError, TypeError, ValueError):
        raise EntrySkipped("no readable public_updated_at") from None
    return Entry(
        source_id=document.get("base_path") or f"/foreign-travel-advice/{country.slug}",
        country=country,
        level=max((ALERT_LEVELS[s] for s in statuses), default=1),
        title=document.get("title") or f"{country.name} travel advice",
        summary=plain_summary(summary_part["body"])
        if summary_part
        else document.get("description", ""),
        body="\n".join(f"<h2>{p.get('title', '')}</h2>\n{p.get('body', '')}" for p in parts),
        issued_at=issued_at,
        source_url="https://www.gov.uk" + (document.get("base_path") or ""),
        change_note=(details.get("change_description") or "")[:500],
        source_data={
            "base_path": document.get("base_path"),
            "public_updated_at": document.get("public_updated_at"),
            "updated_at": details.get("updated_at"),
            "alert_status": statuses,
            "change_description": details.get("change_description"),
        },
    )
