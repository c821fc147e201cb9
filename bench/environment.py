"""The benchmark's database and the environment its processes run in: DEBUG off, a throwaway
key, the bench database, loopback hosts only."""

import contextlib
import os
import secrets
import sys
from pathlib import Path
from urllib.parse import urlsplit

PROJECT = Path(__file__).resolve().parent.parent
BENCH_DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/atlas_bench"
)


def bench_environment(database_url):
    """This process's environment as a production server of the bench would see it."""
    return {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": database_url,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }


def setup_django(database_url):
    """Django in this process, on the bench database, with the bench's settings."""
    import django

    if str(PROJECT) not in sys.path:
        sys.path.insert(0, str(PROJECT))
    os.environ.update(bench_environment(database_url))
    # The test client, which counts each page's queries in this process, asks as "testserver".
    os.environ["ALLOWED_HOSTS"] += ",testserver"
    django.setup()


def database_name(url):
    return urlsplit(url).path.lstrip("/")


def refuse_unless_bench(url):
    """Exit unless `url` names a database made for the benchmark: the bench drops and fills it."""
    name = database_name(url)
    if urlsplit(url).scheme not in {"postgres", "postgresql"} or "bench" not in name:
        sys.exit(f"{url}: the benchmark needs a PostgreSQL database with 'bench' in its name.")


def recreate_database(url):
    """Drop the database `url` names, if it exists, and create it empty."""
    import psycopg2
    from psycopg2 import sql

    parts = urlsplit(url)
    server = parts._replace(path="/postgres").geturl()
    name = sql.Identifier(database_name(url))
    with contextlib.closing(psycopg2.connect(server, connect_timeout=5)) as connection:
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(name))
