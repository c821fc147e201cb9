"""What both importers share: fetching, naming countries, and the rules for writing an entry.

The rules, for one entry (one item's advisory from one source):
- matched to what the same source gave before by the source's own id (its link or path), the
  row made last for it first;
- nothing differs: left alone ("unchanged");
- another level: a new advisory, so that the old one stays in the country's history;
- the same level with new text: updated in place, unless staff edited that advisory by hand,
  in which case a new one is made and the edited one stays in the history;
- staff work is never published over: if the country's current travel advisory (or the item's
  previous import) is staff's - written by staff, or edited by a user - and newer than the
  entry, the entry is stored as a draft for staff to review ("held");
- nothing is ever deleted, and each entry is written in its own transaction.
"""

import functools
import html
import re
import sys
import unicodedata
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pycountry
from django.core.management.base import OutputWrapper
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


# Names the sources use that are none of pycountry's names for the country (after `normalize`).
NAME_ALIASES = {
    "burma": "MM",
    "myanmar burma": "MM",
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
    "british virgin islands": "VG",
    "falkland islands": "FK",
    "pitcairn island": "PN",
    "saint maarten": "SX",
    "saint martin and saint barthelemy": "MF",  # GOV.UK's one page for both
    "bonaire saint eustatius saba": "BQ",
    "british antarctic territory": "AQ",
    "west bank": "PS",
    "gaza": "PS",
    "palestinian territories": "PS",
    "occupied palestinian territories": "PS",
}


def normalize(name):
    """A name for comparing: "The Côte d'Ivoire" → "cote d ivoire", "St Lucia" → "saint lucia"."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", " ", ascii_name.lower().replace("&", " and ")).split()
    words = ["saint" if word == "st" else word for word in words]
    return " ".join(words[1:] if words[:1] == ["the"] else words)


@functools.cache
def _iso_by_name():
    names = {}
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            if value := getattr(country, attribute, None):
                names.setdefault(normalize(value), country.alpha_2)
    return names | NAME_ALIASES


def country_by_name(name):
    """The country Location a source's name for it means, or None."""
    key = normalize(name or "")
    iso = _iso_by_name().get(key)
    if iso:
        return country_by_iso(iso)
    return next((c for c in Location.objects.countries() if normalize(c.name) == key), None)


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


# Fields an import sets and compares; anything else on the advisory is staff's.
IMPORTED_FIELDS = ["country", "title", "summary", "body", "issued_at", "source_url", "change_note"]


def apply_entry(entry, source, issuer):
    """Write one entry under the rules above; returns "created", "updated", "unchanged" or
    "held" (stored as a draft because newer staff work stands)."""
    with transaction.atomic():
        previous = (
            Advisory.objects.select_for_update()
            .filter(source=source, source_id=entry.source_id)
            .order_by("-pk")
            .first()
        )
        same_level = previous is not None and previous.level == entry.level
        if same_level and not _differences(previous, entry):
            return "unchanged"
        held = _staff_work_stands(previous, entry)
        published = previous is not None and previous.status == Advisory.Status.PUBLISHED
        if same_level and previous.updated_by_id is None and not (held and published):
            advisory = previous
            for name in IMPORTED_FIELDS:
                setattr(advisory, name, getattr(entry, name))
            outcome = "held" if held else "updated"
        else:
            advisory = Advisory(
                kind=Advisory.Kind.TRAVEL_ADVISORY,
                level=entry.level,
                issuer=issuer,
                source=source,
                source_id=entry.source_id,
                slug=_unique_slug(entry),
                **{name: getattr(entry, name) for name in IMPORTED_FIELDS},
            )
            outcome = "held" if held else "created"
        advisory.status = Advisory.Status.DRAFT if held else Advisory.Status.PUBLISHED
        advisory.source_data = entry.source_data
        advisory.save()
        advisory.indicators.set(RiskIndicator.objects.filter(code__in=entry.indicators))
        advisory.places.set([place_in(entry.country, name) for name in entry.places])
        return outcome


def _differences(advisory, entry):
    return [name for name in IMPORTED_FIELDS if getattr(advisory, name) != getattr(entry, name)]


def _staff_work_stands(previous, entry):
    """Whether publishing the entry would go over newer staff work: the country's current
    travel advisory or the item's previous import, written by staff or edited by a user
    (edited by hand counts from the time of the edit), at or after the entry's date."""
    current = Advisory.objects.current_for(entry.country).first()
    for advisory in {a for a in (current, previous) if a is not None}:
        edited = advisory.updated_by_id is not None
        if advisory.source == Advisory.Source.STAFF or edited:
            touched = max(advisory.issued_at, advisory.updated_at) if edited else advisory.issued_at
            if touched >= entry.issued_at:
                return True
    return False


def _unique_slug(entry):
    where = slugify(entry.places[0]) if entry.places else entry.country.slug
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
            end = "\n" if self.done == self.total else ""
            self._write(f"\r[{bar}] {self.done}/{self.total}{end}")

    def _write(self, text):
        if isinstance(self.stream, OutputWrapper):
            # A command's stderr would colour the bar as an error and end each step with a newline.
            self.stream.write(text, style_func=str, ending="")
        else:
            self.stream.write(text)
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
    """Write entries and return the tally. Each is (label, an Entry, an EntrySkipped to report,
    or a function that loads the Entry, so that the progress bar counts slow fetches too)."""
    tally, progress = Tally(), Progress(len(entries), stream)
    for label, entry in entries:
        try:
            if callable(entry):
                entry = entry()
            if isinstance(entry, EntrySkipped):
                raise entry
            tally.add(apply_entry(entry, source, issuer))
        except (EntrySkipped, ImportFailed) as error:
            tally.skip(label, error)
        except Exception as error:  # one bad item must not stop the others
            tally.skip(label, f"{type(error).__name__}: {error}")
        progress.step()
    return tally
