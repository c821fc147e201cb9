"""Writing entries to the database, under the rules both importers share.

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
- nothing is ever deleted, and each entry is written in its own transaction;
- one version of an item (its level, date, country and text) is stored once: the constraint
  advisory_one_row_per_source_version refuses a second live row for it, so a run that races
  another to write the same version finds it "unchanged" instead of duplicating it.
"""

import sys

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.text import slugify

from advisories.importers.countries import place_in
from advisories.importers.reading import EntrySkipped, ImportFailed, PermanentlySkipped
from advisories.importers.reporting import Progress, Tally
from advisories.models import Advisory, RiskIndicator

# Fields an import sets and compares; anything else on the advisory is staff's.
IMPORTED_FIELDS = ["country", "title", "summary", "body", "issued_at", "source_url", "change_note"]


# Tries at writing one entry: a concurrent run can take a slug between our check and our insert.
ATTEMPTS = 3


def apply_entry(entry, source, issuer):
    """Write one entry under the rules above; returns "created", "updated", "unchanged" or
    "held" (stored as a draft because newer staff work stands)."""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return _write(entry, source, issuer)
        except IntegrityError:
            if _already_stored(entry, source):
                return "unchanged"  # another run stored this very version first
            if attempt == ATTEMPTS:
                raise


def _already_stored(entry, source):
    """Whether a live row holds this version of the item: the constraint's identity."""
    return (
        Advisory.objects.filter(source=source, source_id=entry.source_id, level=entry.level)
        .exclude(status=Advisory.Status.ARCHIVED)
        .filter(**{name: getattr(entry, name) for name in IMPORTED_FIELDS})
        .exists()
    )


def _write(entry, source, issuer):
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
        # Held as a draft for review: by the site's setting, or to keep newer staff work.
        held = not settings.IMPORTS_PUBLISH or _staff_work_stands(previous, entry)
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
        # The version history names the import, as it names the staff member for an edit.
        advisory._change_reason = f"Imported from {Advisory.Source(source).label} ({outcome})"
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
        except PermanentlySkipped as error:
            tally.skip(label, error, permanent=True)
        except (EntrySkipped, ImportFailed) as error:
            tally.skip(label, error)
        except Exception as error:  # one bad item must not stop the others
            tally.skip(label, f"{type(error).__name__}: {error}")
        progress.step()
    return tally
