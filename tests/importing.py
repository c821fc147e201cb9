"""Helpers for the importer tests: where the fixtures are, running a command, a local server."""

import http.server
import io
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

DATA = Path(__file__).with_name("data")
# The real samples live beside the project; tests read them in place and skip without them.
SAMPLES = Path(settings.BASE_DIR).parent / "shared" / "samples"


def sample(name):
    path = SAMPLES / name
    if not path.exists():
        pytest.skip(f"{path} is not here")
    return path


def run(*args):
    """Run a command; returns (ok, the summary line or the error)."""
    out = io.StringIO()
    try:
        call_command(*map(str, args), stdout=out, stderr=io.StringIO())
    except CommandError as error:
        return False, str(error)
    return True, out.getvalue().strip()


class Handler(http.server.BaseHTTPRequestHandler):
    routes = {}  # path → (status, body bytes, seconds to wait first)

    def do_GET(self):
        status, body, delay = self.routes.get(self.path, (404, b"not found", 0))
        if delay:
            threading.Event().wait(delay)
        self.send_response(status)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # a client that timed out and left is what the timeout test wants


@contextmanager
def local_server(routes):
    """An HTTP server on a free loopback port, serving fixed responses; yields its base URL."""
    handler = type("Routes", (Handler,), {"routes": routes})
    server = Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
