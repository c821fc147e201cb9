"""Helpers for the importer tests: where the fixtures are, running a command, a local server."""

import http.server
import io
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils.text import slugify

DATA = Path(__file__).with_name("data")
# The real samples live beside the project; tests read them in place and skip without them.
SAMPLES = Path(settings.BASE_DIR).parent / "shared" / "samples"


def sample(name):
    path = SAMPLES / name
    if not path.exists():
        pytest.skip(f"{path} is not here")
    return path


def run(*args, stderr=None):
    """Run a command; returns (ok, the summary line or the error)."""
    code, text = outcome(*args, stderr=stderr)
    return code == 0, text


def outcome(*args, stderr=None):
    """Run a command; returns (its exit code, the summary line or the error)."""
    out = io.StringIO()
    try:
        call_command(*map(str, args), stdout=out, stderr=stderr or io.StringIO())
    except CommandError as error:
        return error.returncode, str(error)
    return 0, out.getvalue().strip()


ITEM = """<item>
  <title>{name} - Level 2: Exercise Increased Caution</title>
  <link>https://travel.example.gov/advisories/{slug}.html</link>
  <pubDate>Tue, 30 Jun 2020</pubDate>
  <description><![CDATA[<p>Advisory text for {name}.</p>]]></description>
  <category domain="Threat-Level">Level 2: Exercise Increased Caution</category>
  <category domain="Country-Tag">{tag}</category>
</item>"""


def feed(path, *items):
    """Write a State Department feed of (place name, country tag) items to `path`; returns it."""
    body = "".join(ITEM.format(name=name, tag=tag, slug=slugify(name)) for name, tag in items)
    path.write_text(f'<rss version="2.0"><channel><title>Test</title>{body}</channel></rss>')
    return path


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
