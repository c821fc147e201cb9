"""Import the U.S. State Department's travel advisories from its RSS feed or a saved copy.

    python manage.py import_state_dept                     # the live feed
    python manage.py import_state_dept saved-feed.xml      # a saved copy

Each item becomes one published travel advisory: read by advisories.importers.state_dept (its
FIPS 10-4 country tags mapped by advisories.importers.fips), written under the rules of
advisories.importers.writing, one run at a time (advisories.importers.running).
"""

from django.core.management.base import BaseCommand

from advisories.importers import reading, running, state_dept, writing
from advisories.models import Advisory


class Command(BaseCommand):
    help = running.help_text(
        "Create or update one travel advisory per item of the State Department's advisory feed "
        f"(default {state_dept.DEFAULT_URL}, or a saved file), under the rules of "
        f"{writing.__name__}. An item whose tag is a place that is no ISO 3166-1 country "
        "(Akrotiri's AX, the French West Indies' A3) is skipped for good, as a warning."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", nargs="?", default=state_dept.DEFAULT_URL, help="URL or file")
        running.add_arguments(parser)

    def handle(self, source, timeout, lock_wait, **options):
        def entries():
            return state_dept.parse(reading.fetch(source, timeout))

        running.import_source(
            self, Advisory.Source.STATE_DEPT, state_dept.ISSUER, entries, lock_wait
        )
