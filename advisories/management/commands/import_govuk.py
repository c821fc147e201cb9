"""Import GOV.UK's foreign travel advice from its content API or saved JSON documents.

    python manage.py import_govuk albania iraq
    python manage.py import_govuk --all
    python manage.py import_govuk --all --from-dir saved/     # <slug>.json files

Each country becomes one published travel advisory: read by advisories.importers.govuk, whose
ALERT_LEVELS gives the level (`--help` lists it), written under the rules of
advisories.importers.writing, one run at a time (advisories.importers.running).
"""

import re
from functools import partial
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from advisories.importers import govuk, reading, running, writing
from advisories.importers.reporting import NOTHING_IMPORTED
from advisories.models import Advisory

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


# Each alert status, and none, with the level it means.
STATUSES = [*govuk.ALERT_LEVELS.items(), ("none", govuk.NO_ALERT_LEVEL)]


class Command(BaseCommand):
    help = running.help_text(
        "Create or update one travel advisory per country from GOV.UK's travel advice "
        f"({govuk.API}/<slug>), or from saved JSON documents with --from-dir. The level comes "
        f"from the highest alert status listed: {running.levels_in_words(STATUSES)}; any other "
        f"status skips the country. Written under the rules of {writing.__name__}. A place that "
        "is no country the site knows is skipped for good, as a warning."
    )

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", metavar="COUNTRY-SLUG", help="e.g. albania")
        parser.add_argument("--all", action="store_true", help="every country GOV.UK lists")
        parser.add_argument(
            "--from-dir",
            type=Path,
            help="read <slug>.json (or *-<slug>.json) files here instead of the API",
        )
        running.add_arguments(parser)

    def handle(self, slugs, all, from_dir, timeout, lock_wait, **options):
        check_countries_named(slugs, all)
        entries = partial(self.entries, slugs, all, from_dir, timeout)
        running.import_source(self, Advisory.Source.GOVUK, govuk.ISSUER, entries, lock_wait)

    def entries(self, slugs, all, from_dir, timeout):
        """(label, a function that loads its Entry) for each country to import."""
        documents = (
            self.every_document(from_dir, timeout)
            if all
            else [(slug, self.document(from_dir, slug)) for slug in slugs]
        )
        return [(label, partial(load_entry, location, timeout)) for label, location in documents]

    def every_document(self, from_dir, timeout):
        """(label, location) of every country's document: the directory's, or GOV.UK's index."""
        if from_dir:
            return [(path.stem, str(path)) for path in sorted(from_dir.glob("*.json"))]
        index = reading.fetch(govuk.API, timeout)
        return [(slug, govuk.document_url(slug)) for slug in govuk.index_slugs(index)]

    def document(self, from_dir, slug):
        """Where one country's document is: <slug>.json or *-<slug>.json in the directory."""
        if not from_dir:
            return govuk.document_url(slug)
        exact = from_dir / f"{slug}.json"
        matches = [exact] if exact.exists() else sorted(from_dir.glob(f"*-{slug}.json"))
        if not matches:
            raise reading.ImportFailed(f"no {slug}.json in {from_dir}")
        return str(matches[0])


def check_countries_named(slugs, all):
    """CommandError, with nothing imported, unless the arguments name countries one way."""
    if bool(slugs) == all:
        message = "Name one or more country slugs, or --all (not both)."
    elif bad := [slug for slug in slugs if not SLUG.fullmatch(slug)]:
        message = f"Not a GOV.UK country slug: {bad[0]!r} (e.g. albania)."
    else:
        return
    raise CommandError(message, returncode=NOTHING_IMPORTED)


def load_entry(location, timeout):
    """One country's Entry; ImportFailed or EntrySkipped say why not (that country only)."""
    return govuk.parse(reading.fetch(location, timeout))
