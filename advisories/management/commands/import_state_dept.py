"""Import the U.S. State Department's travel advisories from its RSS feed or a saved copy.

    python manage.py import_state_dept                     # the live feed
    python manage.py import_state_dept saved-feed.xml      # a saved copy

Each item becomes one published travel advisory: read by advisories.importers.state_dept (its
FIPS 10-4 country tags mapped by advisories.importers.fips), written under the rules of
advisories.importers.writing.
"""

from django.core.management.base import BaseCommand, CommandError

from advisories.importers import reading, state_dept, writing
from advisories.importers.reporting import report
from advisories.models import Advisory


class Command(BaseCommand):
    help = (
        "Create or update one travel advisory per item of the State Department's advisory feed "
        f"(default {state_dept.DEFAULT_URL}, or a saved file), under the rules of "
        f"{writing.__name__}. Exits non-zero when any item was skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", nargs="?", default=state_dept.DEFAULT_URL, help="URL or file")
        parser.add_argument("--timeout", type=float, default=reading.TIMEOUT, help="seconds")

    def handle(self, source, timeout, **options):
        try:
            entries = state_dept.parse(reading.fetch(source, timeout))
        except reading.ImportFailed as error:
            raise CommandError(f"Nothing imported: {error}") from error
        tally = writing.run(entries, Advisory.Source.STATE_DEPT, state_dept.ISSUER, self.stderr)
        report(self, tally)
