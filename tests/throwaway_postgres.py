"""Throwaway PostgreSQL databases for tests that run production commands in subprocesses.

They live on the server DATABASE_URL names when it is PostgreSQL, else on the local one, so they
run in both CI passes. Names carry the process id, so parallel runs do not collide.
"""

import contextlib
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import psycopg2
import pytest
from psycopg2 import sql

BASE_DIR = Path(__file__).resolve().parent.parent
LOCAL_SERVER = "postgres://postgres@127.0.0.1:5432"


def server_url():
    """The PostgreSQL server to create databases on, as a URL without a database name."""
    url = urlsplit(os.environ.get("DATABASE_URL", ""))
    if url.scheme in {"postgres", "postgresql"}:
        return f"{url.scheme}://{url.netloc}"
    return LOCAL_SERVER


def connect(database="postgres"):
    """An autocommit connection to `database` on the server."""
    connection = psycopg2.connect(f"{server_url()}/{database}", connect_timeout=5)
    connection.autocommit = True
    return connection


def require_postgres():
    """Skip the calling test when no PostgreSQL server answers."""
    try:
        connect().close()
    except psycopg2.OperationalError as error:
        pytest.skip(f"no PostgreSQL answers at {server_url()}: {error}")


def drop_database(name):
    """Drop `name` if it exists, closing any sessions still on it."""
    with contextlib.closing(connect()) as connection, connection.cursor() as cursor:
        cursor.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


@contextlib.contextmanager
def throwaway_database(prefix, template=None):
    """Create an empty database (or a copy of `template`), yield its name, drop it after."""
    name = f"{prefix}_{os.getpid()}"
    drop_database(name)
    statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
    if template:
        statement += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
    with contextlib.closing(connect()) as connection, connection.cursor() as cursor:
        cursor.execute(statement)
    try:
        yield name
    finally:
        drop_database(name)


def database_url(name):
    """The DATABASE_URL of database `name` on the server."""
    return f"{server_url()}/{name}"


def run(command, env, timeout=120, check=True):
    """Run `command` in the project directory; unless told not to, fail the test if it fails."""
    result = subprocess.run(
        command, cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=timeout
    )
    if check:
        assert result.returncode == 0, f"{command} failed:\n{result.stdout}\n{result.stderr}"
    return result


def manage(*args, env):
    """Run `python manage.py *args` with `env`."""
    return run([sys.executable, "manage.py", *args], env=env)
