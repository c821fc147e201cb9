"""Reading a source: fetching its documents, the Entry each item becomes, and the text helpers
both sources use to fill one in."""

import html
import itertools
import json
import re
import unicodedata
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from advisories.models import Location
from publishing.richtext import stored_text

TIMEOUT = 30  # seconds, for every request
MAX_BYTES = 20 * 1024 * 1024  # no advisory document comes near this
USER_AGENT = "AdvisoryAtlas-importer/1.0"


class ImportFailed(Exception):
    """The document could not be read at all; nothing was changed."""


class EntrySkipped(Exception):
    """One item could not be imported; the reason is reported, the rest goes on, and the run
    fails so that a person looks at it."""


class PermanentlySkipped(EntrySkipped):
    """One item that can never be imported as it stands (its place is no ISO 3166-1 country):
    reported as a warning, and the run does not fail for it."""


def fetch(location, timeout=TIMEOUT):
    """The bytes of a URL (http or https, with a bounded timeout) or of a local file."""
    if re.match(r"https?://", location):
        request = urllib.request.Request(location, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                data = response.read(MAX_BYTES + 1)
        except urllib.error.HTTPError as error:
            raise ImportFailed(f"{location}: HTTP {error.code} {error.reason}") from error
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise ImportFailed(f"{location}: could not fetch ({reason})") from error
    else:
        try:
            with Path(location).open("rb") as file:
                data = file.read(MAX_BYTES + 1)
        except OSError as error:
            raise ImportFailed(f"{location}: {error.strerror}") from error
    if len(data) > MAX_BYTES:
        raise ImportFailed(f"{location}: larger than {MAX_BYTES // 1024 // 1024} MB")
    return data


def load_json(data):
    """The JSON of a response, or ImportFailed."""
    try:
        return json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ImportFailed(f"not valid JSON: {error}") from error
    except RecursionError:
        raise ImportFailed("not valid JSON: nested too deeply") from None


@dataclass
class Entry:
    """One item's advisory as a source gives it; `places` are names of places in the country,
    `regional_levels` (name, level, description) of those with a level of their own."""

    source_id: str
    country: Location
    level: int
    title: str
    summary: str
    body: str
    issued_at: datetime
    source_url: str = ""
    change_note: str = ""
    indicators: list = field(default_factory=list)
    places: list = field(default_factory=list)
    regional_levels: list = field(default_factory=list)
    source_data: dict = field(default_factory=dict)
    # One of several places' summaries under one title: on the same date, the place's own item
    # outranks it (see `writing`).
    grouped: bool = False

    def __post_init__(self):
        # As a row stores its text, or an entry would never compare equal to its row and every
        # run would update it.
        for name, value in vars(self).items():
            setattr(self, name, stored_text(value))


# The nine indicators by the names the State Department gives them ("Terrorism (T)", on its
# pages "UNREST (U)"), one form to a line; hyphens and spaces are read alike.
INDICATOR_NAMES = {
    "crime": "C",
    "terrorism": "T",
    "unrest": "U",
    "civil unrest": "U",
    "health": "H",
    "natural disaster": "N",
    "natural disasters": "N",
    "time limited event": "E",
    "kidnapping or hostage taking": "K",
    "wrongful detention": "D",
    "other": "O",
}
INDICATOR_PATTERN = re.compile(
    r"\b("
    + "|".join(r"[\s-]+".join(map(re.escape, name.split())) for name in INDICATOR_NAMES)
    + r")\s*\(([A-Z])\)",
    re.IGNORECASE,
)
# A sentence that takes an indicator away names it too: "… and removal of the Natural Disaster
# (N) indicator", "Crime (C) no longer applies". Such a sentence gives none.
WITHDRAWN = re.compile(
    r"\b(?:remov\w*|no longer|lifted|dropped|withdr[ae]wn?|rescinded|without)\b", re.IGNORECASE
)
# Tags that end a block of text; any other tag (<b>, <a>) sits inside a word's run of text.
BLOCK_TAG = re.compile(
    r"</?(?:p|div|li|ul|ol|h[1-6]|br|hr|blockquote|pre|table|tr|td|th)\b[^>]*>", re.IGNORECASE
)
# Words ending in a full stop that end no sentence: "St. Lucia", "Dr. Smith", "markets, etc.".
ABBREVIATIONS = {"dr.", "st.", "mt.", "mr.", "mrs.", "ms.", "jr.", "sr.", "vs.", "etc."}
# Letters each with a full stop ("U.S.", "U.K.", "e.g.", "i.e.", "a.m."), or one initial ("F.").
INITIALS = re.compile(r"(?:[A-Za-z]\.){2,}|[A-Z]\.")


def indicator_codes(body):
    """Risk indicators a cleaned HTML body gives, by name and letter ("Terrorism (T)"): those it
    lists one to a list item, if it lists any, as the State Department lists them on its pages;
    otherwise those its sentences name, but for a sentence that takes one away. A name and a
    letter that disagree ("Crime (T)") give neither: better none than a wrong one."""
    return sorted((_listed_indicators(body) or _named_indicators(body)) - {None})


def _listed_indicators(body):
    items = re.findall(r"<li\b[^>]*>(.*?)</li>", body or "", re.IGNORECASE | re.DOTALL)
    markers = [INDICATOR_PATTERN.fullmatch(plain_text(item)) for item in items]
    return {_indicator(marker) for marker in markers if marker} - {None}


def _named_indicators(body):
    return {
        _indicator(marker)
        for block in BLOCK_TAG.split(body or "")
        for sentence in sentences(plain_text(block))
        if not WITHDRAWN.search(sentence)
        for marker in INDICATOR_PATTERN.finditer(sentence)
    }


def _indicator(marker):
    """The code of one "Name (L)" match, or None if the name and the letter disagree."""
    name, letter = marker.groups()
    code = INDICATOR_NAMES[" ".join(re.split(r"[\s-]+", name.lower()))]
    return code if code == letter.upper() else None


def plain_text(html_text):
    """HTML as plain text on one line: a block's tags make a space, others none ("<b>tra</b>vel"
    is "travel"), entities decoded, every run of spaces one."""
    text = re.sub(r"<[^>]+>", "", BLOCK_TAG.sub(" ", html_text or ""))
    text = unicodedata.normalize("NFKC", html.unescape(text))
    return re.sub(r"\s+", " ", text).strip()


def sentence_ends(text):
    """Where each sentence of plain text ends, after its full stop, question or exclamation mark
    (and a closing quote or bracket): never at an abbreviation ("U.S. citizens", "e.g.")."""
    ends = []
    for word in re.finditer(r"\S+", text):
        bare = word.group().rstrip("\"')\u2019\u201d")
        if bare.endswith((".", "!", "?")) and not _abbreviation(bare.lstrip("\"'(\u2018\u201c")):
            ends.append(word.end())
    return ends


def _abbreviation(word):
    return word.lower() in ABBREVIATIONS or INITIALS.fullmatch(word) is not None


def sentences(text):
    """Plain text split into its sentences (see `sentence_ends`)."""
    bounds = [0, *sentence_ends(text), len(text)]
    return [text[a:b].strip() for a, b in itertools.pairwise(bounds) if text[a:b].strip()]


def cut_at_sentence(text, limit):
    """`text` within `limit` characters: up to the last sentence that fits, or, when that would
    keep less than a third of it, at the last word that fits, with "…"."""
    if len(text) <= limit:
        return text
    end = max((end for end in sentence_ends(text) if end <= limit), default=0)
    return text[:end] if end > limit // 3 else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def plain_summary(body, limit=500):
    """A cleaned HTML body (see `richtext.from_html`) as plain text, cut at a sentence within
    `limit` (None: the whole text)."""
    text = plain_text(body)
    return text if limit is None else cut_at_sentence(text, limit)
