"""Import Global Affairs Canada's travel advice from its open data or saved JSON files.

    python manage.py import_canada                         # the live index, then each document
    python manage.py import_canada saved-index.json        # a saved index alone (no bodies)
    python manage.py import_canada --from-dir saved/       # saved index-alpha-eng.json and
                                                           # cta-cap-<ISO>.json documents

Each destination becomes one published travel advisory: read by advisories.importers.canada,
whose ADVISORY_STATES gives the level (`--help` lists it), written under the rules of
advisories.importers.writing, one run at a time (advisories.importers.running).
"""

from functools import partial
from pathlib import Path

from django.core.management.base import BaseCommand

from advisories.importers import canada, reading, running, writing
from advisories.models import Advisory

# Each state with Canada's words ("0 Take normal security precautions"), and the level it means.
STATES = [(f"{state} {words}", level) for state, (words, level) in canada.ADVISORY_STATES.items()]


class Command(BaseCommand):
    help = running.help_text(
        "Create or update one travel advisory per destination of Global Affairs Canada's travel "
        f"advice index ({canada.INDEX_URL}, then each destination's document for its advisories; "
        "or a saved index alone; or saved files with --from-dir). The level comes from the "
        f"advisory state: {running.levels_in_words(STATES)}; any other state skips the "
        "destination. Written "
        f"under the rules of {writing.__name__}. A destination that is no country (the Azores, "
        "the Canary Islands) is skipped for good, as a warning."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "index",
            nargs="?",
            help="a saved index (file or URL), imported alone unless --from-dir gives documents",
        )
        parser.add_argument(
            "--from-dir",
            type=Path,
            help=f"read {canada.INDEX_NAME} and {canada.document_name('<ISO>')} files here "
            "instead of the site",
        )
        running.add_arguments(parser)

    def handle(self, index, from_dir, timeout, lock_wait, **options):
        entries = partial(read_entries, index, from_dir, timeout)
        running.import_source(self, Advisory.Source.CANADA, canada.ISSUER, entries, lock_wait)


def read_entries(index, from_dir, timeout):
    """(label, a function that loads its Entry) for each destination the index lists."""
    if index is None:
        index = str(from_dir / canada.INDEX_NAME) if from_dir else canada.INDEX_URL
    documents = documents_at(index, from_dir)
    return [
        (canada.label(code, item), partial(load_entry, code, item, documents, timeout))
        for code, item in canada.destinations(reading.fetch(index, timeout))
    ]


def documents_at(index, from_dir):
    """Where the documents are: the directory, the site for the site's index, or nowhere for a
    saved index alone (a snapshot of another day matches no document of today)."""
    if from_dir:
        return str(from_dir)
    return canada.DATA if index == canada.INDEX_URL else None


def load_entry(code, item, documents, timeout):
    """One destination's Entry, with its document from `documents` (a URL or a directory) if
    given; ImportFailed or EntrySkipped say why not (that destination only)."""
    if documents is None:
        return canada.entry(code, item)
    location = f"{documents}/{canada.document_name(code)}"
    return canada.entry(code, item, lambda: canada.document(reading.fetch(location, timeout)))
