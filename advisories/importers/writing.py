"""Writing entries to the database, under the rules both importers share.

The rules, for one entry (one item's advisory from one source):
- matched to what the same source gave before by the source's own id (its link or path), the
  row made last for it first;
- nothing differs: left alone ("unchanged");
- a published advisory is never changed: anything new becomes a new edition of it
  (`previous_edition`), published by the admin's rule (`finish_publishing`):
  - another level ("created"), or the same level issued on a new date ("updated"), leaves the
    previous edition published as the country's history (superseded by the newer date);
  - the same level and date with new text ("updated") is a correction, a minor change: it
    archives the previous edition (whose address then leads to it) and keeps its date;
- an import's draft that no one has edited is not public, and is updated in place;
- staff work is never published over: if the item's previous import, or the edition it would
  replace, was edited by a user since the entry's date, the entry is stored as a draft for staff
  to review ("held"), an edition of the published one it would replace. The site's own
  advisories stand beside a government's: settings.HEADLINE_ISSUERS decides whose sets the
  country's level;
- a place's own item outranks a summary of several places (`Entry.grouped`, as the State
  Department's "Mainland China, Hong Kong & Macau - See Summaries" items) of the same date: the
  grouped entry is stored archived, where no page, list or level reads it, and a live row of it
  (imported before the own item came) is archived too, so the own item decides the place's
  level whichever run brought either; at any other date the later one decides, as always;
- the regional levels an entry gives (`Entry.regional_levels`) are the row's, written with it;
  their places are found in the country by name, or made;
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
from advisories.models import Advisory, Location, RegionalLevel, RiskIndicator
from publishing.models import unique_slug

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
        if entry.grouped and _own_item_of_the_same_date(entry, source):
            return _set_aside(entry, source, issuer, previous)
        same_level = previous is not None and previous.level == entry.level
        if same_level and not _differences(previous, entry):
            return "unchanged"
        # Held as a draft for review: by the site's setting, or to keep newer staff work.
        held = not settings.IMPORTS_PUBLISH or _staff_work_stands(previous, entry)
        outcome = "held" if held else "updated" if same_level else "created"
        if previous is not None and _untouched_import_draft(previous):
            advisory = previous
        else:
            advisory = _new_edition(entry, source, issuer, _edition_replaced(previous))
        status = Advisory.Status.DRAFT if held else Advisory.Status.PUBLISHED
        _store(advisory, entry, status, _reason(source, outcome))
        if not held:
            _finish_publishing(advisory, source)
        return outcome


def _store(advisory, entry, status, reason):
    """Save `advisory` with the entry's level, fields and relations, and `status`."""
    advisory.level = entry.level
    for name in IMPORTED_FIELDS:
        setattr(advisory, name, getattr(entry, name))
    advisory.minor_change = _corrects(advisory.previous_edition, entry)
    advisory.status = status
    advisory.source_data = entry.source_data
    # The version history names the import, as it names the staff member for an edit.
    advisory._change_reason = reason
    # A correction differs from the edition it corrects in the text the constraint hashes, so
    # both may be live until that edition is archived, after this save.
    advisory.save()
    advisory.indicators.set(RiskIndicator.objects.filter(code__in=entry.indicators))
    advisory.places.set([place_in(entry.country, name) for name in entry.places])
    _set_regional_levels(advisory, entry)


def _set_regional_levels(advisory, entry):
    """The advisory's regional levels as the entry gives them: one per place (an area listed
    twice has the higher level and both descriptions)."""
    wanted = {}
    for name, level, description in entry.regional_levels:
        place = _place_named(entry.country, name)
        if place.pk in wanted:
            before, said = wanted[place.pk]
            description = "; ".join(filter(None, [said, description]))
            level = max(level, before)
        wanted[place.pk] = (level, description)
    advisory.regional_levels.exclude(place__in=wanted).delete()
    for place, (level, description) in wanted.items():
        RegionalLevel.objects.update_or_create(
            advisory=advisory, place_id=place, defaults={"level": level, "description": description}
        )


def _place_named(country, name):
    """The place of that name in the country (its first, by any case), made if there is none."""
    found = Location.objects.filter(parent=country, name__iexact=name).order_by("pk").first()
    if found is None:
        slug = unique_slug(Location, slugify(name) or f"{country.slug}-area", dated=False)
        found = Location.objects.create(
            name=name, slug=slug, kind=Location.Kind.SUBDIVISION, parent=country
        )
    return found


def _own_item_of_the_same_date(entry, source):
    """Whether another item of the source, live, is about the grouped entry's country and issued
    at the same time: the place's own item, as a grouped one of the same date never stays live."""
    return (
        Advisory.objects.filter(source=source, country=entry.country, issued_at=entry.issued_at)
        .exclude(source_id=entry.source_id)
        .exclude(status=Advisory.Status.ARCHIVED)
        .exists()
    )


def _set_aside(entry, source, issuer, previous):
    """Keep a grouped entry that the place's own item outranks archived (see the rules above),
    archiving the live row of it before, unless a user edited that one (it is staff's to retire)."""
    # The version history's reason holds 100 characters.
    reason = _reason(source, "set aside for the place's own item")
    stored = _holds(previous, entry)
    live = previous is not None and previous.status != Advisory.Status.ARCHIVED
    if live and previous.updated_by_id is None:
        previous.status, previous._change_reason = Advisory.Status.ARCHIVED, reason
        previous.save()
    elif stored:
        return "unchanged"
    if not stored:
        archived = _new_edition(entry, source, issuer, previous_edition=None)
        _store(archived, entry, Advisory.Status.ARCHIVED, reason)
    return "created" if previous is None else "updated"


def _reason(source, what):
    """The version history's reason for a change an import made."""
    return f"Imported from {Advisory.Source(source).label} ({what})"


def _holds(advisory, entry):
    """Whether `advisory` (None, or the item's latest row) holds the entry as it is."""
    if advisory is None or advisory.level != entry.level:
        return False
    return not _differences(advisory, entry)


def _differences(advisory, entry):
    return [name for name in IMPORTED_FIELDS if getattr(advisory, name) != getattr(entry, name)]


def _untouched_import_draft(advisory):
    """Whether `advisory` is an import's draft that no one has edited: as it is not public, the
    import may change it in place."""
    return advisory.status == Advisory.Status.DRAFT and advisory.updated_by_id is None


def _edition_replaced(previous):
    """The published row a new row for the item is an edition of: the item's previous row, or,
    when that is a draft, the published one the draft would replace; None if there is none."""
    if previous is not None and previous.status == Advisory.Status.DRAFT:
        previous = previous.previous_edition
    if previous is not None and previous.status == Advisory.Status.PUBLISHED:
        return previous
    return None


def _new_edition(entry, source, issuer, previous_edition):
    """A new row for the entry: the item's first, or an edition of `previous_edition`."""
    return Advisory(
        kind=Advisory.Kind.TRAVEL_ADVISORY,
        issuer=issuer,
        source=source,
        source_id=entry.source_id,
        slug=_unique_slug(entry),
        previous_edition=previous_edition,
    )


def _corrects(edition, entry):
    """Whether the entry is a correction of `edition`: the same level and issue date, so it
    replaces that edition instead of following it in the country's history."""
    if edition is None:
        return False
    return edition.level == entry.level and edition.issued_at == entry.issued_at


def _finish_publishing(advisory, source):
    """Publish by the admin's rule: a correction archives the edition it corrects and keeps its
    date; any other edition leaves the previous one published as history."""
    if advisory.previous_edition is not None:
        # Its history names the import that archived it, as it would name a publisher.
        advisory.previous_edition._change_reason = _reason(source, "archived")
    advisory.finish_publishing(None)


def _staff_work_stands(previous, entry):
    """Whether publishing the entry would go over newer staff work: the item's previous import
    or the edition the entry would replace, edited by a user (from the time of the edit), at or
    after the entry's date. The site's own advisories stand beside a government's, not under
    them: the headline issuer (settings.HEADLINE_ISSUERS) decides which sets the level."""
    for advisory in {previous, _edition_replaced(previous)} - {None}:
        edited = advisory.updated_by_id is not None
        if advisory.source == Advisory.Source.STAFF or edited:
            touched = max(advisory.issued_at, advisory.updated_at) if edited else advisory.issued_at
            if touched >= entry.issued_at:
                return True
    return False


def _unique_slug(entry):
    """The place and the issue date: "iraq-travel-advisory-2020-01-03", then "…-2"."""
    where = slugify(entry.places[0]) if entry.places else entry.country.slug
    base = f"{where}-travel-advisory-{entry.issued_at:%Y-%m-%d}"
    return unique_slug(Advisory, base, dated=False)


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
