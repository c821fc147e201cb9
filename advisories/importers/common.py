"""What both importers share: fetching, naming countries, and the rules for writing an entry.

The rules, for one entry (one country's advisory from one source):
- matched to what the same source gave before by the source's own id (its link or path);
- the same level: the stored advisory is updated in place, or left alone if nothing changed;
- another level: a new advisory, so that the old one stays in the country's history;
- staff work is never overwritten: if staff edited the imported advisory, or the country's
  current travel advisory was written by staff and is newer, the entry is held as a draft for
  staff to review instead of being published;
- nothing is ever deleted, and each entry is written in its own transaction.
"""

import re
import sys
import unicodedata
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from advisories.models import Advisory, Location, RiskIndicator

TIMEOUT = 30  # seconds, for every request
MAX_BYTES = 20 * 1024 * 1024  # no advisory document comes near this
USER_AGENT = "AdvisoryAtlas-importer/1.0"


class ImportFailed(Exception):
    """The document could not be read at all; nothing was changed."""


class EntrySkipped(Exception):
    """One item could not be imported; the reason is reported and the rest goes on."""


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


# Names the sources use that are not the ISO short names or pycountry's common names.
NAME_ALIASES = {
    "burma": "MM",
    "macau": "MO",
    "mainland china": "CN",
    "cote d ivoire": "CI",
    "ivory coast": "CI",
    "micronesia": "FM",
    "russia": "RU",
    "turkey": "TR",
    "brunei": "BN",
    "cape verde": "CV",
    "east timor": "TL",
    "vatican city": "VA",
    "democratic republic of the congo": "CD",
    "republic of the congo": "CG",
    "usa": "US",
    "uk": "GB",
    "west bank": "PS",
    "gaza": "PS",
    "palestinian territories": "PS",
}


def normalize(name):
    """A name for comparing: "The Côte d'Ivoire" → "cote d ivoire"."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", " ", ascii_name.lower()).split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def country_by_name(name):
    """The country Location a source's name for it means, or None."""
    key = normalize(name)
    if key in NAME_ALIASES:
        return Location.objects.countries().filter(iso_code=NAME_ALIASES[key]).first()
    for country in Location.objects.countries():
        if normalize(country.name) == key:
            return country
    return None


def country_by_iso(iso):
    return Location.objects.countries().filter(iso_code=iso).first()


def place_in(country, name, kind=Location.Kind.SUBDIVISION):
    """A place inside a country, created the first time a source names it."""
    place, _ = Location.objects.get_or_create(
        slug=slugify(name), defaults={"name": name, "kind": kind, "parent": country}
    )
    return place


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


def plain_summary(html, limit=500):
    """The first paragraph of an HTML text as plain text, cut at a sentence within `limit`."""
    text = re.sub(r"<[^>]+>", " ", html or "")
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()
    if len(text) <= limit:
        return text
    cut = text[:limit]
    end = cut.rfind(". ")
    return cut[: end + 1] if end > limit // 3 else cut.rsplit(" ", 1)[0] + "…"


@dataclass
class Entry:
    """One country's advisory as a source gives it."""

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


# Fields an import sets and compares; anything else on the advisory is staff's.
IMPORTED_FIELDS = ["title", "summary", "body", "issued_at", "source_url", "change_note"]


def apply_entry(entry, source, issuer):
    """Write one entry under the rules above; returns "created", "updated", "unchanged" or
    "held" (stored as a draft because staff work stands)."""
    with transaction.atomic():
        previous = (
            Advisory.objects.select_for_update()
            .filter(source=source, source_id=entry.source_id)
            .order_by("-issued_at", "-pk")
            .first()
        )
        if previous and previous.level == entry.level:
            return _update(previous, entry)
        advisory = Advisory(
            country=entry.country,
            kind=Advisory.Kind.TRAVEL_ADVISORY,
            level=entry.level,
            issuer=issuer,
            source=source,
            source_id=entry.source_id,
            source_data=entry.source_data,
            slug=_unique_slug(entry),
            status=Advisory.Status.PUBLISHED,
            **{name: getattr(entry, name) for name in IMPORTED_FIELDS},
        )
        held = _staff_work_stands(previous, entry)
        if held:
            advisory.status = Advisory.Status.DRAFT
        advisory.save()
        advisory.indicators.set(RiskIndicator.objects.filter(code__in=entry.indicators))
        advisory.places.set(entry.places)
        return "held" if held else "created"


def _update(advisory, entry):
    changed = [name for name in IMPORTED_FIELDS if getattr(advisory, name) != getattr(entry, name)]
    if not changed:
        return "unchanged"
    if advisory.updated_by_id is not None:
        return "held"  # staff edited the imported text: theirs stands
    for name in changed:
        setattr(advisory, name, getattr(entry, name))
    advisory.source_data = entry.source_data
    advisory.save()
    advisory.indicators.set(RiskIndicator.objects.filter(code__in=entry.indicators))
    return "updated"


def _staff_work_stands(previous, entry):
    """Whether publishing this entry would override staff: an edit of the previous import,
    or a newer travel advisory that staff wrote for the same country."""
    if previous and previous.updated_by_id is not None:
        return True
    newest = Advisory.objects.current_for(entry.country).first()
    return bool(
        newest
        and newest.issued_at >= entry.issued_at
        and (newest.source == Advisory.Source.STAFF or newest.updated_by_id is not None)
    )


def _unique_slug(entry):
    where = entry.places[0].slug if entry.places else entry.country.slug
    base = f"{where}-travel-advisory-{entry.issued_at:%Y-%m-%d}"
    slug, n = base, 1
    while Advisory.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


class Progress:
    """A one-line progress bar on a terminal; silent when output goes to a file or a pipe."""

    def __init__(self, total, stream=sys.stderr, width=30):
        self.total, self.stream, self.width, self.done = total, stream, width, 0
        self.enabled = total > 0 and stream.isatty()

    def step(self):
        self.done += 1
        if self.enabled:
            filled = self.width * self.done // self.total
            bar = "#" * filled + "." * (self.width - filled)
            self.stream.write(f"\r[{bar}] {self.done}/{self.total}")
            if self.done == self.total:
                self.stream.write("\n")
            self.stream.flush()


class Tally:
    """Counts of outcomes and the reasons for every skip, for the one-line summary."""

    OUTCOMES = ["created", "updated", "unchanged", "held"]

    def __init__(self):
        self.counts = dict.fromkeys(self.OUTCOMES, 0)
        self.skipped = []

    def add(self, outcome):
        self.counts[outcome] += 1

    def skip(self, label, reason):
        self.skipped.append(f"{label}: {reason}")

    def summary(self):
        counts = ", ".join(f"{n} {outcome}" for outcome, n in self.counts.items())
        line = f"{counts}, {len(self.skipped)} skipped"
        if not any(self.counts[o] for o in ("created", "updated", "held")):
            line += " (nothing changed)"
        return line + "".join(f"\n  skipped {reason}" for reason in self.skipped)


def run(entries, source, issuer, stream=sys.stderr):
    """Write entries (an Entry, or an EntrySkipped to report) and return the tally."""
    tally, progress = Tally(), Progress(len(entries), stream)
    for label, entry in entries:
        if isinstance(entry, EntrySkipped):
            tally.skip(label, entry)
        else:
            try:
                tally.add(apply_entry(entry, source, issuer))
            except Exception as error:  # one bad item must not stop the others
                tally.skip(label, f"{type(error).__name__}: {error}")
        progress.step()
    return tally
