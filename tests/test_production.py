"""The production configuration: settings checks, security headers, gunicorn serving the site."""

import gzip
import json
import logging
import os
import re
import signal
import sys
import time
from pathlib import Path

import pytest

from config.logformat import OneLineFormatter
from tests.serving import Gunicorn, env_example, fetch, free_port, production_env
from tests.throwaway_postgres import (
    database_url,
    manage,
    require_postgres,
    run,
    throwaway_database,
)

# Settings


def test_site_refuses_to_start_without_a_secret_key():
    env = production_env(SECRET_KEY="")
    result = run([sys.executable, "manage.py", "check"], env=env, check=False)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_development_runs_without_a_secret_key():
    env = {key: value for key, value in os.environ.items() if key != "SECRET_KEY"}
    manage("check", env={**env, "DEBUG": "1"})


def test_env_example_passes_the_deployment_check():
    manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())


def test_deployment_check_fails_when_https_is_not_declared():
    env = production_env(HTTPS_ONLY="0")
    result = run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        check=False,
    )
    assert result.returncode != 0
    assert "SECURE_SSL_REDIRECT" in result.stderr


def test_env_example_commits_no_secret():
    values = env_example()
    assert values["SECRET_KEY"] == ""
    assert values["POSTGRES_PASSWORD"] == ""


def test_a_logged_traceback_is_one_line():
    formatter = OneLineFormatter("%(levelname)s %(message)s")
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", None, sys.exc_info())
    line = formatter.format(record)
    assert "\n" not in line
    assert line.startswith("ERROR failed")
    assert "ValueError: boom" in line


# Security headers, in process


def assert_no_inline_script_or_style(html):
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag or 'type="application/json"' in tag, tag
    assert "<style" not in html
    assert not re.search(r"\sstyle=", html)
    assert not re.search(r"\son[a-z]+=", html)


@pytest.mark.django_db
def test_home_page_sends_a_policy_without_inline_code(client):
    response = client.get("/")

    assert response.status_code == 200
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert_no_inline_script_or_style(response.content.decode())


@pytest.mark.django_db
def test_admin_login_works_under_the_policy(client):
    response = client.get("/admin/login/")

    assert response.status_code == 200
    assert "Content-Security-Policy" in response.headers
    assert_no_inline_script_or_style(response.content.decode())


@pytest.mark.parametrize(
    "path", ["/admin/", "/admin/advisories/advisory/", "/admin/advisories/advisory/add/"]
)
def test_admin_pages_need_no_inline_code(admin_client, path):
    response = admin_client.get(path)

    assert response.status_code == 200
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    assert_no_inline_script_or_style(response.content.decode())


# gunicorn, as the container runs it


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    """The .env.example environment on a fresh migrated database, static files collected."""
    require_postgres()
    static_root = tmp_path_factory.mktemp("static")
    with throwaway_database("atlas_prod_gunicorn") as name:
        env = production_env(
            ALLOWED_HOSTS="127.0.0.1",
            DATABASE_URL=database_url(name),
            STATIC_MANIFEST="1",
            STATIC_ROOT=str(static_root),
        )
        manage("migrate", "--no-input", env=env)
        manage("collectstatic", "--no-input", env=env)
        yield env


@pytest.fixture(scope="module")
def server(production, tmp_path_factory):
    gunicorn = Gunicorn(production, tmp_path_factory.mktemp("log") / "gunicorn.log")
    try:
        gunicorn.wait_until_ready()
        yield gunicorn
    finally:
        gunicorn.stop()


HTTPS = {"X-Forwarded-Proto": "https"}


def test_gunicorn_answers_the_plain_http_health_probe(server):
    status, _, body = fetch(server.port, "/healthz")

    assert status == 200
    assert body == b"ok\n"


def test_gunicorn_redirects_plain_http_pages_to_https(server):
    status, headers, _ = fetch(server.port, "/")

    assert status == 301
    assert headers["Location"] == f"https://127.0.0.1:{server.port}/"


def test_gunicorn_serves_pages_with_the_security_headers(server):
    status, headers, body = fetch(server.port, "/", HTTPS)

    assert status == 200
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert re.search(rb'href="/static/css/site\.[0-9a-f]{12}\.css"', body)


def test_gunicorn_serves_hashed_static_files_compressed_and_cached_for_ever(server, production):
    manifest = json.loads((Path(production["STATIC_ROOT"]) / "staticfiles.json").read_text())
    hashed = manifest["paths"]["admin/css/base.css"]

    status, headers, body = fetch(
        server.port, f"/static/{hashed}", {**HTTPS, "Accept-Encoding": "gzip"}
    )

    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert "max-age=315360000" in headers["Cache-Control"]
    assert "immutable" in headers["Cache-Control"]
    assert gzip.decompress(body) == (Path(production["STATIC_ROOT"]) / hashed).read_bytes()


def test_gunicorn_logs_each_request_on_one_line(server):
    fetch(server.port, "/healthz?from=log-test")

    deadline = time.monotonic() + 5
    while "/healthz?from=log-test" not in server.output() and time.monotonic() < deadline:
        time.sleep(0.1)
    lines = [line for line in server.output().splitlines() if "/healthz?from=log-test" in line]
    assert len(lines) == 1
    assert '"GET /healthz?from=log-test HTTP/1.1" 200' in lines[0]


def test_gunicorn_turns_away_foreign_hosts_without_logging_a_traceback(server):
    status, _, _ = fetch(server.port, "/?from=foreign-host", {"Host": "attacker.example"})

    assert status == 400
    assert "Traceback" not in server.output()


def test_container_health_check_passes_against_gunicorn(server):
    env = {**os.environ, "PORT": str(server.port), "ALLOWED_HOSTS": "127.0.0.1"}
    run([sys.executable, "docker/healthcheck.py"], env=env)


def test_container_health_check_fails_when_nothing_answers():
    env = {**os.environ, "PORT": str(free_port()), "ALLOWED_HOSTS": "127.0.0.1"}
    result = run([sys.executable, "docker/healthcheck.py"], env=env, check=False)
    assert result.returncode == 1


def test_gunicorn_exits_cleanly_on_sigterm(production, tmp_path):
    gunicorn = Gunicorn(production, tmp_path / "gunicorn.log")
    try:
        gunicorn.wait_until_ready()
        gunicorn.process.send_signal(signal.SIGTERM)
        assert gunicorn.process.wait(timeout=30) == 0, gunicorn.output()
    finally:
        gunicorn.stop()
