"""Reading a source: fetching its documents, the Entry each item becomes, and the text helpers
both sources use to fill one in."""

import html
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


@dataclass
class Entry:
    """One item's advisory as a source gives it; `places` are names of places in the country."""

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
    source_data: dict = field(default_factory=dict)

    def __post_init__(self):
        # As a row stores its text, or an entry would never compare equal to its row and every
        # run would update it.
        for name, value in vars(self).items():
            setattr(self, name, stored_text(value))


INDICATOR_NAMES = {
    "crime": "C",
    "terrorism": "T",
    "civil unrest": "U",
    "health": "H",
    "natural disaster": "N",
    "time-limited event": "E",
    "kidnapping or hostage taking": "K",
    "kidnapping or hostage-taking": "K",
    "wrongful detention": "D",
    "other": "O",
}
INDICATOR_PATTERN = re.compile(
    r"\b(" + "|".join(re.escape(name) for name in INDICATOR_NAMES) + r")\s*\(([CTUHNEKDO])\)",
    re.IGNORECASE,
)


def indicator_codes(text):
    """Risk indicators the text marks as the State Department does: "Terrorism (T)"."""
    return sorted({code.upper() for _, code in INDICATOR_PATTERN.findall(text or "")})


def plain_summary(body, limit=500):
    """A cleaned HTML body (see `richtext.from_html`) as plain text, cut at a sentence within
    `limit` (None: the whole text)."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", body or ""))
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()
    if limit is None or len(text) <= limit:
        return text
    cut = text[:limit]
    end = cut.rfind(". ")
    return cut[: end + 1] if end > limit // 3 else cut.rsplit(" ", 1)[0] + "…"
