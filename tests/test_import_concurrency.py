"""Imports that cannot collide: runs of one source take turns under a PostgreSQL advisory lock,
and the constraint advisory_one_row_per_source_version makes a duplicate impossible even without
it. Runs at once are real: processes of `manage.py import_state_dept` against a throwaway
PostgreSQL database, as the issue measured them, and threads with the lock switched off.
"""

import contextlib
import io
import os
import subprocess
import sys
import threading
import time
from datetime import timedelta

import psycopg2
import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Count

from advisories.importers import running, writing
from advisories.models import Advisory, Location
from tests import throwaway_postgres
from tests.importing import DATA, feed, outcome, sample

STATE = Advisory.Source.STATE_DEPT
SMALL = DATA / "state_dept_small.rss.xml"  # five items
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL only: SQLite serializes writes"
)
# The rows these tests write from other connections are committed, then flushed.
committed = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def rows_per_item():
    """{source_id: number of rows} of the State Department's items."""
    rows = Advisory.objects.filter(source=STATE).values_list("source_id").annotate(Count("pk"))
    return dict(rows)


def created(summaries):
    """How many rows the runs' summary lines say they created, together."""
    return sum(int(summary.split()[0]) for summary in summaries)


def written(summaries):
    """How many rows the runs' summary lines say they created or updated, together."""
    return sum(int(summary.split()[0]) + int(summary.split()[2]) for summary in summaries)


def session_on_test_database():
    """A session of its own on the test database."""
    return psycopg2.connect(**connection.get_connection_params())


@contextlib.contextmanager
def lock_held_elsewhere(source, session=session_on_test_database):
    """The source's advisory lock, held by another session (as a run in another process would
    hold it); closing the session releases it."""
    holder = session()
    holder.autocommit = True
    with holder.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [running.lock_key(source)])
    try:
        yield holder
    finally:
        holder.close()


# Runs as processes, on a throwaway database


@contextlib.contextmanager
def migrated_database():
    """A fresh, migrated PostgreSQL database; yields its name and the environment of a process
    that uses it."""
    throwaway_postgres.require_postgres()
    with throwaway_postgres.throwaway_database("atlas_import_runs") as name:
        env = {**os.environ, "DATABASE_URL": throwaway_postgres.database_url(name)}
        env.setdefault("SECRET_KEY", "test-only-key")
        throwaway_postgres.manage("migrate", "--no-input", "-v0", env=env)
        yield name, env


def start(env, *command):
    """`python manage.py *command`, started in the background with `env`."""
    return subprocess.Popen(
        [sys.executable, "manage.py", *map(str, command)],
        cwd=throwaway_postgres.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process):
    """Wait for a started command; its (exit code, stdout, stderr)."""
    out, err = process.communicate(timeout=120)
    return process.returncode, out, err


def state_dept_rows(name):
    """{source_id: number of rows} of the State Department's items in database `name`."""
    with contextlib.closing(throwaway_postgres.connect(name)) as db, db.cursor() as cursor:
        cursor.execute(
            "SELECT source_id, count(*) FROM advisories_advisory WHERE source = %s "
            "GROUP BY source_id",
            [STATE],
        )
        return dict(cursor.fetchall())


@postgres_only
@pytest.mark.parametrize(("feed_name", "items"), [("ours", 5), ("real", 17)])
def test_three_runs_at_once_leave_one_row_per_item_and_all_exit_0(feed_name, items):
    path = sample("state-dept-travel-advisories.rss.xml") if feed_name == "real" else SMALL
    with migrated_database() as (name, env):
        # A run in progress holds the lock while three more start: they are all at once.
        with lock_held_elsewhere(STATE, lambda: throwaway_postgres.connect(name)):
            runs = [start(env, "import_state_dept", path) for _ in range(3)]
            waiting = [run.stderr.readline() for run in runs]
        results = [finish(run) for run in runs]
        rows = state_dept_rows(name)
    assert all(line.startswith("Waiting for another state-dept import") for line in waiting)
    assert [code for code, _, _ in results] == [0, 0, 0], results
    assert len(rows) == items and set(rows.values()) == {1}
    nothing = f"0 created, 0 updated, {items} unchanged, 0 held, 0 skipped (nothing changed)"
    assert sorted(out.strip() for _, out, _ in results) == [
        nothing,
        nothing,
        f"{items} created, 0 updated, 0 unchanged, 0 held, 0 skipped",
    ]


@postgres_only
def test_a_process_exits_with_the_documented_code(tmp_path):
    for_good = feed(tmp_path / "for-good.xml", ("Germany", "GM"), ("Akrotiri", "AX"))
    needs_a_person = feed(tmp_path / "needs-a-person.xml", ("Atlantis", "QQ"))
    unreadable = DATA / "state_dept_truncated.rss.xml"
    with migrated_database() as (_, env):
        runs = [start(env, "import_state_dept", path) for path in (for_good, needs_a_person)]
        codes = [finish(run)[0] for run in [*runs, start(env, "import_state_dept", unreadable)]]
    assert codes == [0, 1, 2]


# The lock


@postgres_only
@pytest.mark.django_db
def test_a_second_run_waits_for_the_first_then_does_its_own_work():
    stderr = io.StringIO()
    with lock_held_elsewhere(STATE) as first_run:
        threading.Timer(1, first_run.close).start()
        started = time.monotonic()
        code, summary = outcome("import_state_dept", SMALL, "--lock-wait", "30", stderr=stderr)
    assert code == 0 and summary.startswith("5 created"), summary
    assert time.monotonic() - started >= 1
    assert "Waiting for another state-dept import to finish (up to 30 s)…" in stderr.getvalue()


@postgres_only
@pytest.mark.django_db
def test_a_run_kept_waiting_past_lock_wait_exits_2_with_nothing_imported():
    with lock_held_elsewhere(STATE):
        code, error = outcome("import_state_dept", SMALL, "--lock-wait", "0.5")
    assert code == 2
    assert error.startswith(
        "Nothing imported: another state-dept import still holds its lock after 0.5 s of waiting"
    )
    assert not Advisory.objects.exists()


@postgres_only
@pytest.mark.django_db
def test_each_source_has_its_own_lock():
    with lock_held_elsewhere(STATE):
        code, summary = outcome("import_govuk", "iraq", "--from-dir", DATA, "--lock-wait", "0")
    assert code == 0 and summary.startswith("1 created")


@postgres_only
@pytest.mark.django_db
def test_the_lock_is_released_after_every_run_even_one_that_failed():
    outcome("import_state_dept", SMALL)
    outcome("import_state_dept", DATA / "state_dept_truncated.rss.xml")
    other = session_on_test_database()
    with contextlib.closing(other), other.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [running.lock_key(STATE)])
        assert cursor.fetchone()[0] is True


# Without the lock: the constraint alone


def in_threads(count, work):
    """Call `work()` in `count` threads at once, each on its own connection; their results."""
    results = [None] * count

    def one(number):
        try:
            results[number] = work()
        finally:
            connection.close()

    threads = [threading.Thread(target=one, args=(number,)) for number in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


@pytest.fixture
def no_lock(monkeypatch):
    """Runs that do not take turns, as if the lock were missing."""
    monkeypatch.setattr(running, "one_run_at_a_time", lambda *args: contextlib.nullcontext())


@pytest.fixture
def slugs_of_their_own(monkeypatch):
    """Each thread's rows get slugs no other thread's can take, so only the constraint can
    refuse a duplicate."""
    unique_slug = writing._unique_slug
    monkeypatch.setattr(
        writing, "_unique_slug", lambda entry: f"{unique_slug(entry)}-{threading.get_ident()}"
    )


@postgres_only
@committed
def test_without_the_lock_three_first_imports_leave_one_row_per_item(
    monkeypatch, no_lock, slugs_of_their_own
):
    barrier = threading.Barrier(3, timeout=30)
    staff_work_stands = writing._staff_work_stands

    def once_every_run_has_looked(previous, entry):
        barrier.wait()  # all three found no row for the item, so each of them will insert one
        return staff_work_stands(previous, entry)

    monkeypatch.setattr(writing, "_staff_work_stands", once_every_run_has_looked)
    results = in_threads(3, lambda: outcome("import_state_dept", SMALL))
    assert [code for code, _ in results] == [0, 0, 0], results
    assert created(summary for _, summary in results) == 5
    assert set(rows_per_item().values()) == {1} and len(rows_per_item()) == 5


# Iraq's item again, (its feed, the levels of its rows, what becomes of its first row): at a new
# level, and corrected (new text, the same level and date).
NEW_EDITIONS = {
    "a new level": (DATA / "state_dept_iraq_level_3.rss.xml", [3, 4], "published"),
    "a correction": (DATA / "state_dept_iraq_text_edited.rss.xml", [4, 4], "archived"),
}


@postgres_only
@committed
@pytest.mark.parametrize(("path", "levels", "first"), NEW_EDITIONS.values(), ids=NEW_EDITIONS)
def test_without_the_lock_three_imports_of_a_new_edition_make_one_new_row(
    monkeypatch, no_lock, slugs_of_their_own, path, levels, first
):
    outcome("import_state_dept", SMALL)
    barrier = threading.Barrier(3, timeout=30)
    apply_entry = writing.apply_entry

    def all_at_once(*args):
        barrier.wait()
        return apply_entry(*args)

    monkeypatch.setattr(writing, "apply_entry", all_at_once)
    results = in_threads(3, lambda: outcome("import_state_dept", path))
    assert [code for code, _ in results] == [0, 0, 0], results
    assert written(summary for _, summary in results) == 1
    iraq = Advisory.objects.filter(source=STATE, country__iso_code="IQ")
    assert sorted(iraq.values_list("level", flat=True)) == levels
    old, new = iraq.order_by("pk")
    assert new.status == "published" and new.previous_edition == old and old.status == first


def copy_of(advisory, **changes):
    """An unsaved second row like `advisory`, with its own slug and `changes`."""
    copy = Advisory.objects.get(pk=advisory.pk)
    copy.pk, copy._state.adding, copy.slug = None, True, f"{advisory.slug}-copy"
    for name, value in changes.items():
        setattr(copy, name, value)
    return copy


@pytest.mark.django_db
def test_the_constraint_alone_refuses_a_second_live_row_for_one_version():
    outcome("import_state_dept", SMALL)
    iraq = Advisory.objects.get(source=STATE, country__iso_code="IQ")
    for status in (Advisory.Status.PUBLISHED, Advisory.Status.DRAFT):
        with pytest.raises(IntegrityError), transaction.atomic():
            copy_of(iraq, status=status).save()
    assert Advisory.objects.filter(country__iso_code="IQ").count() == 1


# Every second row the import rules make for an item, as a change to its last row.
LEGITIMATE = {
    "a new level": lambda last: {"level": 3},
    "the same level issued again": lambda last: {"issued_at": last.issued_at + timedelta(days=1)},
    "a correction: new text, the same level and date": lambda last: {"body": "<div>New</div>"},
    "a new title": lambda last: {"title": f"{last.title} (updated)"},
    "a new summary": lambda last: {"summary": "Staff wrote this."},
    "a new link": lambda last: {"source_url": f"{last.source_url}?v=2"},
    "a new change note": lambda last: {"change_note": "Updated."},
    "another item": lambda last: {"source_id": f"{last.source_id}?v=2"},
    "another country": lambda last: {"country": Location.objects.get(iso_code="SY")},
    "history staff archived": lambda last: {"status": Advisory.Status.ARCHIVED},
    "staff's own": lambda last: {"source": Advisory.Source.STAFF, "source_id": ""},
}


@pytest.mark.django_db
@pytest.mark.parametrize("change", LEGITIMATE.values(), ids=LEGITIMATE.keys())
def test_the_constraint_lets_in_every_row_the_import_rules_make(change):
    outcome("import_state_dept", SMALL)
    iraq = Advisory.objects.get(source=STATE, country__iso_code="IQ")
    copy_of(iraq, **change(iraq)).save()
    assert Advisory.objects.filter(slug=f"{iraq.slug}-copy").exists()


@pytest.mark.django_db
def test_a_version_already_stored_is_counted_unchanged_not_a_crash():
    outcome("import_state_dept", SMALL)
    outcome("import_state_dept", DATA / "state_dept_iraq_level_3.rss.xml")
    # The feed goes back to the old level-4 item, which is still stored (under the level 3).
    code, summary = outcome("import_state_dept", SMALL)
    assert code == 0
    assert summary == "0 created, 0 updated, 5 unchanged, 0 held, 0 skipped (nothing changed)"
    iraq = Advisory.objects.filter(source=STATE, country__iso_code="IQ")
    assert sorted(iraq.values_list("level", flat=True)) == [3, 4]


# The migration, over duplicates made before it


def migrate(targets):
    """Migrate the test database to `targets`; the apps of that state."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@committed
def test_the_migration_archives_earlier_duplicates_and_keeps_the_latest_live_at_the_first_url():
    apps = migrate([("advisories", "0006_level_labels_with_numbers")])
    old_advisory, old_location = (
        apps.get_model("advisories", name) for name in ("Advisory", "Location")
    )
    japan = old_location.objects.get(iso_code="JP")
    version = {
        "source": STATE,
        "source_id": "https://travel.state.gov/japan-travel-advisory.html",
        "title": "Japan - Level 1: Exercise Normal Precautions",
        "country": japan,
        "level": 1,
        "status": "published",
        "issuer": "U.S. Department of State",
        "summary": "Exercise normal precautions in Japan.",
    }
    duplicates = [old_advisory.objects.create(slug=f"japan-{n}", **version) for n in range(3)]
    issued_at = duplicates[0].issued_at
    old_advisory.objects.update(issued_at=issued_at)  # made by runs at once: one version
    staff = old_advisory.objects.create(slug="japan-staff", **{**version, "source": "staff"})
    old_advisory.objects.filter(pk=staff.pk).update(issued_at=issued_at)
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    statuses = Advisory.objects.order_by("pk").values_list("slug", "status")
    assert list(statuses) == [
        ("japan-2", "archived"),
        ("japan-1", "archived"),
        ("japan-0", "published"),
        ("japan-staff", "published"),
    ]
