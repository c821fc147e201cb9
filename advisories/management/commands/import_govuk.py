"""Import GOV.UK's foreign travel advice from its content API or saved JSON documents."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from advisories.importers import common, govuk
from advisories.management.commands.import_state_dept import report
from advisories.models import Advisory


class Command(BaseCommand):
    help = (
        "Create or update one travel advisory per country from GOV.UK's travel advice "
        f"({govuk.API}/<slug>), or from saved JSON documents with --from-dir. The level comes "
        "from the alert status (see advisories/importers/govuk.py). Idempotent; a level change "
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
        try:
            documents = (
                self.every_document(from_dir, timeout)
                if all
                else [(slug, self.document(from_dir, slug)) for slug in slugs]
            )
        except common.ImportFailed as error:
            raise CommandError(f"Nothing imported: {error}") from error
        entries = [(label, self.entry(location, timeout)) for label, location in documents]
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

    def entry(self, location, timeout):
        """The country's Entry, or the EntrySkipped that says why: one bad document or network
        error skips that country only."""
        try:
            return govuk.parse(common.fetch(location, timeout))
        except common.ImportFailed as error:
            return common.EntrySkipped(str(error))
        except common.EntrySkipped as skipped:
            return skipped
