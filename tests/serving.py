"""Serving the site as production does, for the tests that need a real server: the environment
of .env.example, gunicorn with config/gunicorn.py on a free loopback port, plain HTTP requests."""

import contextlib
import http.client
import os
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.throwaway_postgres import BASE_DIR


def env_example():
    """The variables .env.example sets, as docker compose would read them."""
    values = {}
    for line in (BASE_DIR / ".env.example").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip()
    return values


def production_env(**overrides):
    """This process's environment with .env.example on top, a real key, and `overrides`."""
    env = {**os.environ, "DEBUG": "0", **env_example()}
    env["SECRET_KEY"] = secrets.token_urlsafe(50)
    env.update(overrides)
    return env


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(port, path, headers=None):
    """GET `path` from 127.0.0.1:`port` without following redirects."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


class Gunicorn:
    """gunicorn with config/gunicorn.py on a free loopback port; its output goes to `log`."""

    def __init__(self, env, log):
        self.port = free_port()
        self.log = log
        # Unbuffered output, as the Dockerfile sets it, so log lines reach the file at once.
        env = {**env, "HOST": "127.0.0.1", "PORT": str(self.port), "WEB_CONCURRENCY": "2"}
        env["PYTHONUNBUFFERED"] = "1"
        command = [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.py", "config.wsgi"]
        with open(log, "wb") as output:
            self.process = subprocess.Popen(
                command, cwd=BASE_DIR, env=env, stdout=output, stderr=subprocess.STDOUT
            )

    def wait_until_ready(self, within=30, path="/healthz", status=200):
        """Until `path` answers `status`: by default, until the site and its database answer."""
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"gunicorn exited:\n{self.output()}"
            with contextlib.suppress(OSError):
                if fetch(self.port, path)[0] == status:
                    return
            time.sleep(0.2)
        pytest.fail(f"gunicorn did not answer within {within}s:\n{self.output()}")

    def output(self):
        return Path(self.log).read_text(errors="replace")

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
