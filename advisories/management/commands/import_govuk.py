"""Import GOV.UK's foreign travel advice from its content API or saved JSON documents.

    python manage.py import_govuk albania iraq
    python manage.py import_govuk --all
    python manage.py import_govuk --all --from-dir saved/     # <slug>.json files

Each country becomes one published travel advisory: issuer "UK FCDO", the document's
description as the summary, every part (Summary, Safety and security, …) as the body, the latest
change description as the change note, public_updated_at as the issue date, the alert status
kept in source_data. GOV.UK has no numbered level, so the level comes from the alert status
(the highest one listed wins):

    avoid_all_travel_to_whole_country                   → 4  Do Not Travel
    avoid_all_travel_to_parts                           → 3  Reconsider Travel
    avoid_all_but_essential_travel_to_whole_country     → 3  Reconsider Travel
    avoid_all_but_essential_travel_to_parts             → 2  Exercise Increased Caution
    no alert status                                     → 1  Exercise Normal Precautions

An alert status not in this list skips the country with a reason rather than guessing. The
writing rules (idempotent, history on a level change, staff work held, nothing deleted, one
transaction per country) are those of advisories.importers.common.
"""

import re
from functools import partial
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from advisories.importers import common, govuk
from advisories.management.commands.import_state_dept import report
from advisories.models import Advisory

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class Command(BaseCommand):
    help = (
        "Create or update one travel advisory per country from GOV.UK's travel advice "
        f"({govuk.API}/<slug>), or from saved JSON documents with --from-dir. The level comes "
        "from the alert status: avoid all travel to the whole country 4; to parts, or all but "
        "essential travel to the whole country, 3; all but essential travel to parts 2; none 1. "
        "Idempotent; a level change "
        "makes a new advisory and keeps the old one in the history; staff work is held, never "
        "overwritten; nothing is deleted. Exits non-zero when any country was skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", metavar="COUNTRY-SLUG", help="e.g. albania")
        parser.add_argument("--all", action="store_true", help="every country GOV.UK lists")
        parser.add_argument(
            "--from-dir",
            type=Path,
            help="read <slug>.json (or *-<slug>.json) files here instead of the API",
        )
        parser.add_argument("--timeout", type=float, default=common.TIMEOUT, help="seconds")

    def handle(self, slugs, all, from_dir, timeout, **options):
        if bool(slugs) == all:
            raise CommandError("Name one or more country slugs, or --all (not both).")
        bad = [slug for slug in slugs if not SLUG.fullmatch(slug)]
        if bad:
            raise CommandError(f"Not a GOV.UK country slug: {bad[0]!r} (e.g. albania).")
        try:
            documents = (
                self.every_document(from_dir, timeout)
                if all
                else [(slug, self.document(from_dir, slug)) for slug in slugs]
            )
        except common.ImportFailed as error:
            raise CommandError(f"Nothing imported: {error}") from error
        entries = [(label, partial(load_entry, location, timeout)) for label, location in documents]
        tally = common.run(entries, Advisory.Source.GOVUK, govuk.ISSUER, self.stderr)
        report(self, tally)

    def every_document(self, from_dir, timeout):
        """(label, location) of every country's document: the directory's, or GOV.UK's index."""
        if from_dir:
            return [(path.stem, str(path)) for path in sorted(from_dir.glob("*.json"))]
        index = common.fetch(govuk.API, timeout)
        return [(slug, govuk.document_url(slug)) for slug in govuk.index_slugs(index)]

    def document(self, from_dir, slug):
        """Where one country's document is: <slug>.json or *-<slug>.json in the directory."""
        if not from_dir:
            return govuk.document_url(slug)
        exact = from_dir / f"{slug}.json"
        matches = [exact] if exact.exists() else sorted(from_dir.glob(f"*-{slug}.json"))
        if not matches:
            raise common.ImportFailed(f"no {slug}.json in {from_dir}")
        return str(matches[0])


def load_entry(location, timeout):
    """One country's Entry; ImportFailed or EntrySkipped say why not (that country only)."""
    return govuk.parse(common.fetch(location, timeout))
