"""The U.S. State Department's travel advisory RSS feed, read into entries.

Each <item> is one advisory: "Japan - Level 1: Exercise Normal Precautions", a link, a date
without a time ("Thu, 15 May 2025"), the advisory text as HTML in <description>, and categories:
Threat-Level ("Level 1: …") and Country-Tag, a FIPS 10-4 code (Japan is JA, not JP). One tag
can cover several items: IS for Israel, the West Bank and Gaza, CH for the China, Hong Kong and
Macau summaries. So an item's place comes from the name in its title ("Hong Kong" even under CH;
the West Bank and Gaza as places in Palestine; Bonaire, Sint Eustatius and Saba, which have no
tag, as places in BQ); for one of several summaries under one title ("Mainland China, Hong Kong
& Macau - See Summaries"), from the name in its link; otherwise from its tag. Such a summary is
marked `grouped`: where the place has an item of its own of the same date, the own item decides
its level (see `writing`), and the feed's grouped items are written last so that it is stored
first. A tag that cannot be mapped is always reported and the item skipped: as a warning when it
names a place that is no ISO 3166-1 country (a FIPS code the table maps to None, or one of the
feed's own TAGS_WITHOUT_COUNTRY), which no person can fix; as a failure when the code is unknown.

An item is identified by its link; its entry takes the level from Threat-Level (or the title)
and the description (cleaned) as the body. A description that opens with what changed
("Reissued after periodic review without changes.", "Updated to reflect …", "The advisory level
was increased to 3. …") gives that paragraph as the change note; the summary (its first
sentences) and the risk indicators (see `reading.indicator_codes`) are read from the text after
it, so that neither repeats the note nor counts an indicator the note says was removed.
"""

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from advisories.importers.countries import country_by_iso, country_by_name, normalize
from advisories.importers.fips import FIPS_TO_ISO
from advisories.importers.reading import (
    BLOCK_TAG,
    Entry,
    EntrySkipped,
    ImportFailed,
    PermanentlySkipped,
    cut_at_sentence,
    indicator_codes,
    plain_summary,
    plain_text,
)
from advisories.models import Advisory
from publishing import richtext

DEFAULT_URL = "https://travel.state.gov/_res/rss/TAsTWs.xml"
ISSUER = "U.S. Department of State"

# Territories the feed gives their own advisory though they share a tag with a country (or, the
# Caribbean Netherlands, have none): title name, as `normalize` leaves it → (ISO country, name
# of the place the advisory is stored on).
TERRITORIES = {
    "west bank": ("PS", "West Bank"),
    "gaza": ("PS", "Gaza Strip"),
    "bonaire": ("BQ", "Bonaire"),
    "saint eustatius": ("BQ", "Sint Eustatius"),
    "saba": ("BQ", "Saba"),
}
# The feed's own tags that are no FIPS 10-4 code, for places that are no one ISO 3166-1 country.
TAGS_WITHOUT_COUNTRY = {
    "A3": "the French West Indies: Guadeloupe, Martinique, Saint Barthélemy and Saint Martin",
}
LEVEL = re.compile(r"Level\s+([1-4])\b")
# "Mexico Travel Advisory - Level 2: …", "Mainland China, Hong Kong & Macau - See Summaries - …"
TITLE_NAME = re.compile(
    r"^(?P<name>.*?)(?:\s+Travel Advisory)?\s+-\s+(?P<several>See Summaries\s+-\s+)?Level\b"
)
# ".../hong-kong-travel-advisory1.html" → "hong-kong"
LINK_NAME = re.compile(r"^(?P<name>.*?)(?:-travel)?(?:-advisory)?\d*(?:\.\w+)?$")
# How a description opens with what changed: "Reissued after periodic review with minor edits.",
# "Reissued with obsolete COVID-19 page links removed.", "Updated to reflect …", "There were no
# changes to the advisory level or risk indicators. …", "The advisory level was increased to 3.
# …"; in older items after "Last Update: ".
CHANGE_NOTE = re.compile(
    r"^(?:last update:\s*)?"
    r"((?:reissued|updated|there (?:were|was|are|is) no changes?|(?:the )?advisory level)\b.*)",
    re.IGNORECASE,
)
CHANGE_NOTE_LIMIT = Advisory._meta.get_field("change_note").max_length


def parse(data):
    """(label, Entry or EntrySkipped) for each item of a feed; ImportFailed if unreadable."""
    try:
        root = fromstring(data)
    except DefusedXmlException as error:
        raise ImportFailed(f"refused: the XML declares entities or a DTD ({error})") from error
    except ParseError as error:
        raise ImportFailed(f"not well-formed XML: {error}") from error
    channel = root.find("channel")
    if root.tag != "rss" or channel is None:
        raise ImportFailed(f"not an RSS feed: the root element is <{root.tag}>")
    results = []
    for number, item in enumerate(channel.iter("item"), start=1):
        label = (item.findtext("title") or f"item {number}").strip()
        try:
            results.append((label, _entry(item)))
        except EntrySkipped as skipped:
            results.append((label, skipped))
    # Grouped summaries last, so that a place's own item is stored before one of them is weighed
    # against it (the sort keeps the feed's order otherwise).
    return sorted(results, key=lambda result: getattr(result[1], "grouped", False))


def _entry(item):
    title = (item.findtext("title") or "").strip()
    link = (item.findtext("link") or item.findtext("guid") or "").strip()
    if not title or not link:
        raise EntrySkipped("no title or no link")
    categories = {c.get("domain"): (c.text or "").strip() for c in item.findall("category")}
    level = LEVEL.search(categories.get("Threat-Level", "")) or LEVEL.search(title)
    if not level:
        raise EntrySkipped("no level in the title or the Threat-Level category")
    country, places = _place(title, categories.get("Country-Tag", ""), link)
    description = item.findtext("description") or ""
    body = richtext.from_html(description, base_url=link)
    change_note, advice = _change_note(body)
    return Entry(
        source_id=link,
        country=country,
        level=int(level.group(1)),
        title=title,
        summary=plain_summary(advice) or title,
        body=body,
        issued_at=_date(item.findtext("pubDate")),
        source_url=link,
        change_note=change_note,
        indicators=indicator_codes(advice),
        places=places,
        grouped=_is_grouped(title),
        source_data={
            "title": title,
            "link": link,
            "guid": item.findtext("guid"),
            "pubDate": item.findtext("pubDate"),
            "categories": categories,
            "description": description,
        },
    )


def _place(title, tag, link):
    """The country (and place names inside it) an item is about: see the module's docstring."""
    tagged = _tagged_country(tag)
    match = TITLE_NAME.match(title)
    name = match["name"].strip() if match else ""
    if match and match["several"]:
        named = [country_by_name(part) for part in re.split(r"\s*[,&]\s*", name)]
        linked = country_by_name(_link_name(link))
        if linked is not None and linked in named:
            return linked, []
    elif normalize(name) in TERRITORIES:
        iso, place_name = TERRITORIES[normalize(name)]
        return country_by_iso(iso), [place_name]
    elif country := name and country_by_name(name):
        return country, []
    if tagged:
        return tagged, []
    raise EntrySkipped(f"no country tag, and no country named {name!r}")


def _is_grouped(title):
    """Whether the title is one of several summaries under one ("… - See Summaries - …")."""
    match = TITLE_NAME.match(title)
    return bool(match and match["several"])


def _change_note(body):
    """(the change note a cleaned body opens with, the body after it); ("", body) without one."""
    opening, after = _opening_block(body)
    note = CHANGE_NOTE.match(opening)
    if not note:
        return "", body
    return cut_at_sentence(note[1], CHANGE_NOTE_LIMIT), after


def _opening_block(body):
    """The plain text of a body's first block of text (a paragraph…), and the HTML after it."""
    for boundary in BLOCK_TAG.finditer(body):
        if text := plain_text(body[: boundary.start()]):
            return text, body[boundary.start() :]
    return plain_text(body), ""


def _tagged_country(tag):
    """The country a FIPS 10-4 tag means; None without a tag; PermanentlySkipped if it means no
    ISO 3166-1 country, EntrySkipped if it is unknown."""
    if not tag:
        return None
    code = tag.upper()
    if code in TAGS_WITHOUT_COUNTRY:
        raise PermanentlySkipped(f"tag {tag!r} is {TAGS_WITHOUT_COUNTRY[code]}, not one country")
    if code not in FIPS_TO_ISO:
        raise EntrySkipped(f"unknown FIPS country code {tag!r}")
    iso = FIPS_TO_ISO[code]
    if iso is None:
        raise PermanentlySkipped(f"FIPS code {tag!r} has no ISO 3166-1 country")
    country = country_by_iso(iso)
    if not country:
        raise EntrySkipped(f"FIPS code {tag!r} means {iso}, which is not among the countries")
    return country


def _link_name(link):
    """The place a link's last path segment names, as words."""
    segment = urlsplit(link).path.rstrip("/").rsplit("/", 1)[-1]
    return LINK_NAME.match(segment)["name"].replace("-", " ")


def _date(value):
    """RFC 822 with or without a time ("Thu, 15 May 2025"), as an aware datetime."""
    value = (value or "").strip()
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        try:
            parsed = datetime.strptime(value, "%a, %d %b %Y")
        except ValueError:
            raise EntrySkipped(f"unreadable date {value!r}") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
