"""Global Affairs Canada's travel advice open data (travel.gc.ca), read into entries.

The index (index-alpha-eng.json) lists every destination under its ISO 3166-1 alpha-2 code: its
advisory state (0-3), Canada's words for it ("Avoid non-essential travel"), the latest update
("The Security tab was updated") and when it was published. Each destination's document
(cta-cap-<ISO>.json) carries the same, and the advisories themselves as HTML: the national one,
then one "RegionalAdv" block per regional advisory ("Regional Advisory - Avoid all travel").

Why a live run reads the documents too, one request each (as GOV.UK's --all does): the index
gives the level, the date and the headline, but not where nor why. "Exercise a high degree of
caution (with regional advisories)" without the regions is no advice a reader can act on. A saved
index is imported alone, from its own texts and without a body: a snapshot of another day
matches no document of today.

One destination is one entry, identified by its code. ADVISORY_STATES maps the state onto the
level; an unknown state skips the destination (a failure, for a person): never guessed. Regional
advisories do not change the level (Canada's state is the national one); their headings and levels
are kept in source_data, and each area a regional advisory lists (<li>Laventille</li>, "Cocorite
(north of Western Main Road)") is a regional level: a place in the country with the advisory's
level, its words in brackets the description. An advisory that lists no areas, or whose words name
no state, gives none: a place is never guessed from a sentence. The title is the name and Canada's
words ("Iraq - Avoid non-essential travel"), the summary those words as a sentence and the national
advisory's text; in 2014 the severe words were upper case ("AVOID ALL TRAVEL"), so both are in
sentence case, and source_data keeps the words as Canada gave them. The latest update is the change
note, never repeated in the summary (the country page shows both). The date is the publication
timestamp: the `date` beside it is local time of a zone that has changed (UTC+1 in 2014, Ottawa's
today).
The Azores (PT-20) and the Canary Islands (IC) are regions of Portugal and Spain with advice of
their own, no country: skipped for good, as a warning.
"""

import re
from datetime import UTC, datetime
from urllib.parse import quote

from advisories.importers.countries import country_by_iso
from advisories.importers.reading import (
    Entry,
    EntrySkipped,
    ImportFailed,
    PermanentlySkipped,
    cut_at_sentence,
    load_json,
    plain_text,
)
from advisories.models import Advisory
from publishing import richtext

DATA = "https://data.international.gc.ca/travel-voyage"
INDEX_NAME = "index-alpha-eng.json"
INDEX_URL = f"{DATA}/{INDEX_NAME}"
SITE = "https://travel.gc.ca/destinations"
ISSUER = "Global Affairs Canada"
# advisory-state → (Canada's words for it, the level); README.md shows this table too (a test
# checks it). In 2014 state 0 read "Exercise normal security precautions".
ADVISORY_STATES = {
    0: ("Take normal security precautions", 1),
    1: ("Exercise a high degree of caution", 2),
    2: ("Avoid non-essential travel", 3),
    3: ("Avoid all travel", 4),
}
LEVEL_BY_WORDS = {words.lower(): level for words, level in ADVISORY_STATES.values()}
# Destinations the index lists under a code of their own that are part of a country.
REGIONS = {
    "PT-20": "the Azores, an autonomous region of Portugal",
    "IC": "the Canary Islands, an autonomous community of Spain",
}
SUMMARY_LIMIT = 500
CHANGE_NOTE_LIMIT = Advisory._meta.get_field("change_note").max_length
# The advisories' blocks: <div class="AdvisoryContainer ExHigh">, "AdvisoryContainer RegionalAdv".
CONTAINER = re.compile(r"""<div\b[^>]*\bclass=["']AdvisoryContainer\b([^"']*)["'][^>]*>""", re.I)
HEADING = re.compile(r"<h3\b[^>]*>(.*?)</h3>", re.I | re.S)
LIST_ITEM = re.compile(r"<li\b[^>]*>(.*?)</li>", re.I | re.S)
# An area and what part of it: "Cocorite (north of Western Main Road)".
AREA = re.compile(r"(?P<name>[^(]+?)\s*\((?P<part>.*)\)")
AREA_NAME_LIMIT = 200  # Location.name
# The words a text shouts before its first lower-case letter: "AVOID ALL TRAVEL; see also …".
SHOUTED = re.compile(r"^[^a-z]+(?=[a-z]|$)")


def document_name(iso):
    """The file name of a destination's document, on the site as in a saved copy."""
    return f"cta-cap-{iso}.json"


def destinations(data):
    """(code, index entry) of every destination the index lists, by code; ImportFailed if it
    lists none."""
    index = load_json(data)
    listed = index.get("data") if isinstance(index, dict) else None
    if not isinstance(listed, dict) or not listed:
        raise ImportFailed("not Global Affairs Canada's travel index: no destinations")
    return sorted(listed.items())


def label(code, item):
    """How a run's report names a destination: "Azores (PT-20)"."""
    english = item.get("eng") if isinstance(item, dict) else None
    name = plain_text(english.get("name")) if isinstance(english, dict) else ""
    return f"{name} ({code})" if name else code


def document(data):
    """The `data` of a destination's document; EntrySkipped if it has none."""
    loaded = load_json(data)
    if not isinstance(loaded, dict) or not isinstance(loaded.get("data"), dict):
        raise EntrySkipped("not a Global Affairs Canada travel advice document")
    return loaded["data"]


def entry(code, item, read_document=None):
    """The Entry of the destination listed as `code` with the index entry `item`, and, given
    `read_document`, the document it returns (read only for a country: no request is wasted);
    EntrySkipped (or PermanentlySkipped) if it cannot be imported."""
    country = _country(code)
    document = read_document() if read_document else {}
    try:
        destination = _merged(code, item, document)
        return _entry(code, country, destination, read_document is not None)
    except (AttributeError, KeyError, TypeError) as error:
        reason = f"unexpected structure ({type(error).__name__}: {error})"
        raise EntrySkipped(reason) from None


def _country(code):
    if code in REGIONS:
        raise PermanentlySkipped(f"{REGIONS[code]}, not a country")
    country = country_by_iso(code)
    if not country:
        raise EntrySkipped(f"no country has the code {code!r}")
    return country


def _merged(code, item, document):
    """The index entry with the document's fields over it (the fuller, and perhaps the newer);
    EntrySkipped if either says it is about another destination (today both carry the code)."""
    for iso in (item.get("country-iso"), document.get("country-iso")):
        if iso and iso != code:
            raise EntrySkipped(f"listed as {code!r} but about {iso!r}")
    english = {**(item.get("eng") or {}), **(document.get("eng") or {})}
    return {**item, **document, "eng": english}


def _entry(code, country, destination, with_document):
    state = destination.get("advisory-state")
    if type(state) is not int or state not in ADVISORY_STATES:  # True is no state 1
        raise EntrySkipped(f"unknown advisory-state {state!r}")
    english = destination["eng"]
    words = plain_text(english.get("advisory-text")) or ADVISORY_STATES[state][0]
    headline = _sentence_case(words).rstrip(".")
    slug = english.get("url-slug") or ""
    source_url = f"{SITE}/{quote(slug)}" if slug else ""
    advisories = english.get("advisories") or ""
    national, regionals, regional_levels = _advisories(advisories)
    name = plain_text(english.get("name") or destination.get("country-eng")) or country.name
    return Entry(
        source_id=code,
        country=country,
        level=ADVISORY_STATES[state][1],
        title=f"{name} - {headline}",
        summary=cut_at_sentence(f"{headline}. {national}", SUMMARY_LIMIT),
        body=richtext.from_html(advisories, base_url=source_url),
        issued_at=_published(destination.get("date-published")),
        source_url=source_url,
        change_note=cut_at_sentence(plain_text(english.get("recent-updates")), CHANGE_NOTE_LIMIT),
        source_data={
            "iso": code,
            "name": english.get("name"),
            "advisory_state": state,
            "advisory_text": english.get("advisory-text"),
            "has_advisory_warning": bool(destination.get("has-advisory-warning")),
            "has_regional_advisory": bool(destination.get("has-regional-advisory")),
            "recent_updates": english.get("recent-updates"),
            "date_published": destination.get("date-published"),
            # Read only from a document: the index names none.
            **({"regional_advisories": regionals} if with_document else {}),
        },
        regional_levels=regional_levels,
    )


def _sentence_case(words):
    """Canada's words with what they shout at the start in lower case, then capitalized."""
    quiet = SHOUTED.sub(lambda shouted: shouted[0].lower(), words)
    return quiet[:1].upper() + quiet[1:]


def _advisories(advisories):
    """A document's advisories as (the national one's text after its heading, the heading and
    level of each regional one, the (area, level, description) of each area they list); ("", [],
    []) for none."""
    national, regionals, areas = "", [], []
    parts = CONTAINER.split(advisories)[1:]
    for classes, block in zip(parts[::2], parts[1::2], strict=True):
        heading = HEADING.search(block)
        if "RegionalAdv" in classes.split():
            words = plain_text(heading[1]) if heading else ""
            regionals.append({"heading": words, "level": _level(words)})
            if _level(words):
                areas += [(*_area(item), _level(words)) for item in LIST_ITEM.findall(block)]
        elif not national:
            national = plain_text(block[heading.end() :] if heading else block)
    return national, regionals, [(name, level, part) for name, part, level in areas if name]


def _area(item):
    """A listed area as (its name, the part of it in brackets): ("Cocorite", "north of Western
    Main Road"); ("", "") for an empty item."""
    text = plain_text(item)
    area = AREA.fullmatch(text)
    name, part = (area["name"], area["part"]) if area else (text, "")
    return name.rstrip(" ,;:.")[:AREA_NAME_LIMIT], part


def _level(heading):
    """The level of a regional advisory's heading ("Regional Advisory - Avoid all travel"), by
    Canada's words after its last dash; None for words of no state (never guessed)."""
    return LEVEL_BY_WORDS.get(heading.rsplit(" - ", 1)[-1].strip().lower())


def _published(published):
    """date-published's timestamp (seconds since 1970, UTC) as an aware datetime."""
    try:
        return datetime.fromtimestamp(int(published["timestamp"]), UTC)
    except (KeyError, TypeError, ValueError, OverflowError, OSError):
        raise EntrySkipped("no readable date-published timestamp") from None
