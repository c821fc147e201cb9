"""Import Australia's Smartraveller advice from its destinations export or a saved copy.

    python manage.py import_smartraveller                       # the live export
    python manage.py import_smartraveller saved-export.json     # a saved copy

Each destination becomes one published travel advisory: read by advisories.importers.smartraveller,
whose LEVELS gives the level (`--help` lists it), written under the rules of
advisories.importers.writing, one run at a time (advisories.importers.running).
"""

from django.core.management.base import BaseCommand

from advisories.importers import reading, running, smartraveller, writing
from advisories.models import Advisory

# Each phrase, quoted, with the level it means.
PHRASES = [(f'"{phrase}"', level) for phrase, level in smartraveller.LEVELS.items()]


class Command(BaseCommand):
    help = running.help_text(
        "Create or update one travel advisory per destination of Smartraveller's export "
        f"(default {smartraveller.DEFAULT_URL}, or a saved file), under the rules of "
        f"{writing.__name__}. The level comes from the overall advice level: "
        f"{running.levels_in_words(PHRASES)}; any other phrase skips the destination. Its "
        "placeholder "
        f'"{smartraveller.NO_ADVICE}", and a place that is no country the site knows, are '
        "skipped for good, as warnings."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "source", nargs="?", default=smartraveller.DEFAULT_URL, help="URL or file"
        )
        running.add_arguments(parser)

    def handle(self, source, timeout, lock_wait, **options):
        def entries():
            return smartraveller.parse(reading.fetch(source, timeout))

        running.import_source(
            self, Advisory.Source.SMARTRAVELLER, smartraveller.ISSUER, entries, lock_wait
        )
