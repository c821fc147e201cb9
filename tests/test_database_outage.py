"""When the database is down or hung, gunicorn as production runs it keeps answering: 503 pages
that say so, with Retry-After, a health check that fails within seconds, static files served."""

import signal
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.serving import Gunicorn, fetch, free_port, production_env

HTTPS = {"X-Forwarded-Proto": "https"}


@pytest.fixture
def silent_database():
    """A port that accepts connections and never says a word, as a hung database does."""
    listener = socket.create_server(("127.0.0.1", 0))
    accepted = []

    def accept_forever():
        while True:
            try:
                accepted.append(listener.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept_forever, daemon=True).start()
    yield listener.getsockname()[1]
    listener.close()
    for connection in accepted:
        connection.close()


def serve(database_port, tmp_path):
    env = production_env(
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=f"postgres://atlas@127.0.0.1:{database_port}/atlas",
        DATABASE_CONNECT_TIMEOUT="2",
        STATIC_MANIFEST="0",
    )
    gunicorn = Gunicorn(env, tmp_path / "gunicorn.log")
    gunicorn.wait_until_ready(path="/robots.txt", status=301)  # up; the database is not
    return gunicorn


def timed_fetch(port, path, headers=None):
    started = time.monotonic()
    status, response_headers, body = fetch(port, path, headers)
    return status, response_headers, body, time.monotonic() - started


@pytest.fixture(params=["hung", "refusing"])
def outage(request, silent_database, tmp_path):
    """gunicorn over a database that never answers, or over a port where nothing listens."""
    port = silent_database if request.param == "hung" else free_port()
    gunicorn = serve(port, tmp_path)
    yield gunicorn
    gunicorn.stop()


def test_the_health_check_fails_within_seconds(outage):
    status, _, body, seconds = timed_fetch(outage.port, "/healthz")
    assert status == 503 and body == b"database unavailable\n"
    assert seconds < 5


def test_pages_answer_503_with_retry_after_and_a_plain_page(outage):
    status, headers, body, seconds = timed_fetch(outage.port, "/countries/iq/", HTTPS)
    assert status == 503
    assert headers["Retry-After"] == "60"
    assert b"briefly unavailable" in body and b"/static/css/site" in body
    assert b"Traceback" not in body
    assert seconds < 5


def test_static_files_are_served_while_requests_wait_on_the_database(silent_database, tmp_path):
    gunicorn = serve(silent_database, tmp_path)
    try:
        with ThreadPoolExecutor(10) as pool:
            pages = [pool.submit(fetch, gunicorn.port, "/", HTTPS) for _ in range(10)]
            time.sleep(0.5)  # every thread is now waiting on the database
            status, _, _, seconds = timed_fetch(gunicorn.port, "/static/css/site.css", HTTPS)
            assert status == 200 and seconds < 5
            assert {page.result()[0] for page in pages} == {503}
    finally:
        gunicorn.stop()


def test_a_graceful_stop_refuses_new_connections_and_finishes_those_in_flight(
    silent_database, tmp_path
):
    gunicorn = serve(silent_database, tmp_path)
    try:
        with ThreadPoolExecutor(1) as pool:
            in_flight = pool.submit(fetch, gunicorn.port, "/", HTTPS)  # waits on the database
            time.sleep(0.5)
            gunicorn.process.send_signal(signal.SIGTERM)
            time.sleep(0.3)
            started = time.monotonic()
            with pytest.raises(ConnectionRefusedError):
                fetch(gunicorn.port, "/robots.txt", HTTPS)
            assert time.monotonic() - started < 0.5
            assert in_flight.result()[0] == 503
        assert gunicorn.process.wait(timeout=30) == 0
    finally:
        gunicorn.stop()
