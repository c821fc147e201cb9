"""Running an import as the commands do: one run per source at a time, then read, write and
report, with exit codes a scheduler can trust (see `reporting`).

On PostgreSQL a run holds an advisory lock keyed by its source for the whole run, so a second
run of the same source waits for the first to finish and then does its own work; one that has
waited longer than --lock-wait gives up with nothing imported. Different sources never wait for
each other.
"""

import hashlib
import time
from contextlib import contextmanager
from functools import partial

from django.core.management.base import CommandError
from django.db import connection

from advisories.importers import reading, writing
from advisories.importers.reading import ImportFailed
from advisories.importers.reporting import EXIT_CODES, NOTHING_IMPORTED, report
from advisories.models import Advisory

LOCK_WAIT = 30 * 60  # seconds: longer than any healthy run of either source
POLL = 0.5  # seconds between tries at the lock while another run holds it


def add_arguments(parser):
    """The options every import command takes: --timeout and --lock-wait."""
    parser.add_argument(
        "--timeout", type=float, default=reading.TIMEOUT, help="seconds, for every request"
    )
    parser.add_argument(
        "--lock-wait",
        type=float,
        default=LOCK_WAIT,
        help="seconds to wait for another run of the same source to finish (default: %(default)g)",
    )


def levels_in_words(rules):
    """A source's scale for a command's help: "<its words> → <level>; …" from (words, level)."""
    return "; ".join(f"{words} → {Advisory.Level(level).label}" for words, level in rules)


def help_text(what):
    """A command's help: what it does, then the exit codes."""
    return f"{what} {EXIT_CODES}"


def import_source(command, source, issuer, read_entries, lock_wait):
    """Under the source's lock, read the entries (`read_entries()` returns what `writing.run`
    takes), write them and report; ImportFailed ends the run with nothing imported."""
    note = partial(command.stderr.write, style_func=command.style.WARNING)
    try:
        with one_run_at_a_time(source, lock_wait, note):
            tally = writing.run(read_entries(), source, issuer, command.stderr)
    except ImportFailed as error:
        raise CommandError(f"Nothing imported: {error}", returncode=NOTHING_IMPORTED) from error
    report(command, tally)


def lock_key(source):
    """The advisory lock's key for a source: a 64-bit number, the same in every process."""
    digest = hashlib.blake2b(f"advisory-atlas import {source}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


@contextmanager
def one_run_at_a_time(source, wait, note):
    """Hold the source's advisory lock for the block, waiting up to `wait` seconds for another
    run to release it (and saying so through `note`); ImportFailed if it never does."""
    if connection.vendor != "postgresql":
        yield  # SQLite serializes writes, and the constraint refuses a duplicate: no lock needed
        return
    key = lock_key(source)
    _take_lock(key, source, wait, note)
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [key])


def _take_lock(key, source, wait, note):
    if _try_lock(key):
        return
    note(f"Waiting for another {source} import to finish (up to {wait:g} s)…")
    deadline = time.monotonic() + wait
    # Polled rather than pg_advisory_lock: a statement timeout would cut a long wait short.
    while not _try_lock(key):
        if time.monotonic() >= deadline:
            raise ImportFailed(
                f"another {source} import still holds its lock after {wait:g} s of waiting "
                "(--lock-wait; pg_locks lists it as an advisory lock)"
            )
        time.sleep(POLL)


def _try_lock(key):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        return cursor.fetchone()[0]
