"""Australia's Smartraveller destinations export, read into entries.

The export is one JSON array, a record per destination, every value a string: `title` (a name,
no ISO code, with HTML entities: "Côte d&#039;Ivoire (Ivory Coast)"), the overall advice level
in words (LEVELS maps it onto the site's levels; the placeholder record "No travel advice" is no
destination and is skipped for good), `field_advice_levels` (the national and regional advice
flattened into one line: "<heading> <advice>, <heading> <advice>"), `field_last_update` (the
"Latest update" text), `field_last_update_notes` ("We advise:\\nExercise … in France …\\n"),
`field_region`, `field_url` and `changed` ("Sun, 2026-03-01 10:29", Canberra time). The text was
HTML once: entities remain, paragraphs run together ("safe.Australia"), and a quote mark arrives
as "&amp;**" ("d&amp;**Ivoire"); `_text` repairs all three.

Each record is one entry, identified by its URL's path: the advice notes as the summary, the
advice levels as the body, the latest update as the change note. `changed` is the only date a
record has (`field_last_update` is text), so it is the issue date. The country is found by the
name, or by both halves of a name with a parenthesised alternative, which must agree. An unknown
advice level skips the record (a failure, for a person to look at); a name that is no country
the site knows skips it for good, as a warning.
"""

import re
from datetime import UTC, datetime
from html import escape
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

from advisories.importers.countries import country_by_name
from advisories.importers.reading import (
    Entry,
    EntrySkipped,
    ImportFailed,
    PermanentlySkipped,
    cut_at_sentence,
    load_json,
    plain_summary,
    plain_text,
)
from advisories.models import Advisory
from publishing import richtext

SITE = "https://www.smartraveller.gov.au"
DEFAULT_URL = f"{SITE}/destinations-export"
ISSUER = "Australia's Smartraveller"
# The overall advice level, in Smartraveller's words → the level; README.md shows this table too
# (a test checks it). Read without regard to case or spacing.
LEVELS = {
    "Exercise normal safety precautions": 1,
    "Exercise a high degree of caution": 2,
    "Reconsider your need to travel": 3,
    "Do not travel": 4,
}
# The record Smartraveller lists for places it gives no advice on: no destination.
NO_ADVICE = "No travel advice"
CANBERRA = ZoneInfo("Australia/Sydney")  # Canberra keeps Sydney's time, daylight saving included
CHANGE_NOTE_LIMIT = Advisory._meta.get_field("change_note").max_length

WEEKDAY = re.compile(r"^\s*[A-Za-z]+,")  # of `changed`: "Sun, 2026-03-01 10:29"
# Where two paragraphs ran together: "go.Australia", "(see 'Safety').We", "We advise:Exercise".
RUN_TOGETHER = re.compile(r"(?<=[a-z)'’][.!?:])(?=[A-Z])")
# "Côte d'Ivoire (Ivory Coast)": a name and its alternative.
ALTERNATIVE = re.compile(r"(?P<name>[^()]+?)\s*\((?P<other>[^()]+)\)")
# How a block of advice in `field_advice_levels` opens, and where the next one starts:
# "…, Do not travel to …".
ADVICE_START = re.compile(r"Exercise|Reconsider|Do not travel")
NEXT_BLOCK = re.compile(rf",\s+(?=(?:{ADVICE_START.pattern})\b)")


def parse(data):
    """(label, Entry or EntrySkipped) for each record of an export; ImportFailed if unreadable."""
    records = _load(data)
    results = []
    for number, record in enumerate(records, start=1):
        label = _label(record, number)
        try:
            results.append((label, _entry(record)))
        except EntrySkipped as skipped:
            results.append((label, skipped))
    return results


def _load(data):
    """The export's array of records, or ImportFailed."""
    records = load_json(data)
    if not isinstance(records, list):
        raise ImportFailed("not a Smartraveller export: not a JSON array")
    return records


def _label(record, number):
    """What the summary calls a record: its name, or its place in the export."""
    title = record.get("title") if isinstance(record, dict) else None
    return plain_text(title) if isinstance(title, str) and title.strip() else f"record {number}"


def _field(record, name):
    """A record's value ("" if absent); EntrySkipped if it is not a string."""
    value = record.get(name, "")
    if not isinstance(value, str):
        raise EntrySkipped(f"{name} is not a string")
    return value


def _entry(record):
    if not isinstance(record, dict):
        raise EntrySkipped("not a JSON object")
    phrase = plain_text(_field(record, "field_overall_advice_level"))
    level = _level(phrase)
    name = plain_text(_field(record, "title"))
    country = _country(name)
    path = _path(_field(record, "field_url"))
    source_url = SITE + path
    body = richtext.from_html(_advice_html(_field(record, "field_advice_levels")))
    return Entry(
        source_id=path,
        country=country,
        level=level,
        title=f"{name} travel advice",
        summary=_summary(_field(record, "field_last_update_notes")) or f"{phrase}.",
        body=body,
        issued_at=_changed(_field(record, "changed")),
        source_url=source_url,
        change_note=cut_at_sentence(_text(_field(record, "field_last_update")), CHANGE_NOTE_LIMIT),
        source_data={
            "title": record.get("title"),
            "overall_advice_level": record.get("field_overall_advice_level"),
            "advice_levels": record.get("field_advice_levels"),
            "last_update": record.get("field_last_update"),
            "last_update_notes": record.get("field_last_update_notes"),
            "region": record.get("field_region"),
            "url": record.get("field_url"),
            "changed": record.get("changed"),
        },
    )


def _key(phrase):
    """A phrase for comparing: "Do  NOT travel" and "do not travel" are one."""
    return " ".join(phrase.split()).casefold()


def _level(phrase):
    """The level of an overall advice phrase; never a guess."""
    levels = {_key(words): level for words, level in LEVELS.items()}
    if _key(phrase) == _key(NO_ADVICE):
        raise PermanentlySkipped(f"{NO_ADVICE!r} is Smartraveller's placeholder, no destination")
    if _key(phrase) not in levels:
        raise EntrySkipped(f"unknown advice level {phrase!r}")
    return levels[_key(phrase)]


def _country(name):
    """The country a destination's name means: the name as it is, or else both halves of
    "Côte d'Ivoire (Ivory Coast)", which must name the same country ("Congo (Kinshasa)" must not
    become the other Congo); PermanentlySkipped if there is none."""
    if country := country_by_name(name):
        return country
    if match := ALTERNATIVE.fullmatch(name):
        named = {country_by_name(match["name"]), country_by_name(match["other"])}
        if len(named) == 1 and None not in named:
            return named.pop()
    raise PermanentlySkipped(f"no country named {name!r}")


def _path(url):
    """The path of a destination's page on Smartraveller (its identity); EntrySkipped if the
    URL is not one of Smartraveller's."""
    parts = urlsplit(urljoin(SITE, url.strip()))
    path = parts.path.rstrip("/")
    if parts.scheme != "https" or parts.netloc != urlsplit(SITE).netloc or not path:
        raise EntrySkipped(f"field_url {url!r} is no page of {SITE}")
    return path


def _changed(value):
    """`changed`, Canberra's local time ("Sun, 2026-03-01 10:29"), as an aware UTC datetime."""
    try:
        local = datetime.strptime(" ".join(WEEKDAY.sub("", value).split()), "%Y-%m-%d %H:%M")
    except ValueError:
        raise EntrySkipped(f"unreadable date {value!r} in changed") from None
    return local.replace(tzinfo=CANBERRA).astimezone(UTC)


def _text(value):
    """Text of the export as plain text on one line, repaired (see the module's docstring)."""
    return RUN_TOGETHER.sub(" ", plain_text(value.replace("&amp;**", "'")))


def _summary(notes):
    """The advice notes, one statement a line ("We advise:", "Exercise … in France …", "Higher
    levels apply."), as sentences, cut at a sentence."""
    lines = [_text(line) for line in notes.splitlines()]
    text = " ".join(line if line[-1] in ".!?:" else f"{line}." for line in lines if line)
    return plain_summary(text)


def _advice_html(advice_levels):
    """The flattened advice levels as HTML, a block of advice at a time."""
    blocks = NEXT_BLOCK.split(escape(_text(advice_levels), quote=False))
    return "\n".join(_block_html(block) for block in blocks if block)


def _block_html(block):
    """One block of (escaped) advice: a paragraph, under a heading where the advice repeats the
    opening words ("Do not travel Do not travel to …", "Exercise … in Chile. Exercise … due to
    …"), as the export runs a heading and its advice together."""
    opening = ADVICE_START.match(block)
    repeat = opening and re.search(rf"\s{opening[0]}\b", block[opening.end() :])
    if not repeat:
        return f"<p>{block}</p>"
    cut = opening.end() + repeat.start()
    return f"<h3>{block[:cut]}</h3>\n<p>{block[cut:].strip()}</p>"
