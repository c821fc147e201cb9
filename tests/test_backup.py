"""`make backup` and `make restore` round-trip a PostgreSQL database."""

import contextlib
import os

import pytest

from tests.throwaway_postgres import (
    connect,
    database_url,
    manage,
    require_postgres,
    run,
    throwaway_database,
)


def row_counts(database):
    """Rows in every table of the public schema, by table name."""
    with contextlib.closing(connect(database)) as connection, connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
        )
        tables = [row[0] for row in cursor.fetchall()]
        counts = {}
        for table in tables:
            cursor.execute(f'SELECT count(*) FROM "{table}"')
            counts[table] = cursor.fetchone()[0]
    return counts


def execute(database, statement):
    with contextlib.closing(connect(database)) as connection, connection.cursor() as cursor:
        cursor.execute(statement)


@pytest.fixture
def source_database():
    """A migrated database with the seeded countries and one staff account."""
    require_postgres()
    with throwaway_database("atlas_prod_backup_src") as name:
        env = {**os.environ, "SECRET_KEY": "backup-test-key", "DATABASE_URL": database_url(name)}
        manage("migrate", "--no-input", env=env)
        env["DJANGO_SUPERUSER_PASSWORD"] = "a-long-test-password"
        manage("createsuperuser", "--no-input", "--username=desk", "--email=d@example.org", env=env)
        yield name


def backup(database, backup_dir):
    env = {**os.environ, "DATABASE_URL": database_url(database)}
    result = run(["make", "--no-print-directory", "backup", f"BACKUP_DIR={backup_dir}"], env=env)
    dumps = list(backup_dir.glob("atlas-*.dump"))
    assert len(dumps) == 1, result.stdout
    return dumps[0]


def restore(dump, database):
    env = {**os.environ, "DATABASE_URL": database_url(database)}
    run(["make", "--no-print-directory", "restore", f"FILE={dump}"], env=env)


def test_restore_into_an_empty_database_reproduces_every_table(source_database, tmp_path):
    dump = backup(source_database, tmp_path)

    with throwaway_database("atlas_prod_backup_dst") as destination:
        restore(dump, destination)
        restored = row_counts(destination)

    original = row_counts(source_database)
    assert restored == original
    assert original["auth_user"] == 1
    assert original["advisories_location"] > 200


def test_restore_replaces_what_the_database_held(source_database, tmp_path):
    dump = backup(source_database, tmp_path)

    with throwaway_database("atlas_prod_backup_dst", template=source_database) as destination:
        execute(destination, "DELETE FROM auth_user")
        restore(dump, destination)
        restored = row_counts(destination)

    assert restored["auth_user"] == 1
    assert restored == row_counts(source_database)


def test_backup_without_a_database_url_refuses():
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    result = run(["make", "--no-print-directory", "-s", "backup"], env=env, check=False)
    assert result.returncode != 0
    assert "DATABASE_URL must name" in result.stderr
