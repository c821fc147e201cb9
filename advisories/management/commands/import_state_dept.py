"""Import the U.S. State Department's travel advisories from its RSS feed or a saved copy.

    python manage.py import_state_dept                     # the live feed
    python manage.py import_state_dept saved-feed.xml      # a saved copy

Each item becomes one published travel advisory, identified by its link: the level from its
"Level N: …" category (or title), the date, the link as the source link, the description
(cleaned) as the body, risk indicators where the text marks them ("Terrorism (T)"), issuer
"U.S. Department of State". Country tags are FIPS 10-4 codes, mapped to ISO 3166-1 by
advisories.importers.fips; a code it cannot map skips that item with a reason. The writing
rules (idempotent, history on a level change, staff work held, nothing deleted, one transaction
per item) are those of advisories.importers.common.
"""

from django.core.management.base import BaseCommand, CommandError

from advisories.importers import common, state_dept
from advisories.models import Advisory


class Command(BaseCommand):
    help = (
        "Create or update one travel advisory per item of the State Department's advisory feed "
        f"(default {state_dept.DEFAULT_URL}, or a saved file). Idempotent; a level change makes "
        "a new advisory and keeps the old one in the history; staff work is held, never "
        "overwritten; nothing is deleted. Exits non-zero when any item was skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", nargs="?", default=state_dept.DEFAULT_URL, help="URL or file")
        parser.add_argument("--timeout", type=float, default=common.TIMEOUT, help="seconds")

    def handle(self, source, timeout, **options):
        try:
            entries = state_dept.parse(common.fetch(source, timeout))
        except common.ImportFailed as error:
            raise CommandError(f"Nothing imported: {error}") from error
        tally = common.run(entries, Advisory.Source.STATE_DEPT, state_dept.ISSUER, self.stderr)
        report(self, tally)


def report(command, tally):
    """The one-line summary, and a failing exit when anything was skipped."""
    if tally.skipped:
        raise CommandError(tally.summary())
    command.stdout.write(tally.summary())
