"""A bounded load test of a running site: latency percentiles and throughput per URL.

    python bench/load.py http://127.0.0.1:8000 --requests 400 --concurrency 8

Only loopback addresses are accepted: this is for a server you started on this machine.
`make bench` (bench/run.py) measures with the same functions.
"""

import argparse
import http.client
import itertools
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

PATHS = [
    "/",
    "/countries/",
    "/countries/iq/",
    "/advisories/",
    "/advisories/?level=4&region=middle-east",
    "/advisories/?q=terrorism",
    "/articles/",
    "/search/?q=baghdad",
    "/feeds/advisories.rss",
    "/feeds/advisories.rss?level=4&indicator=T",
]
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
# A request that fails before an answer (refused, reset, timed out) counts with this status.
NO_ANSWER = 0


def fetch(base, path, headers=None, timeout=30.0):
    """GET `path` from `base` on a connection of its own, as a new visitor would: (status,
    seconds until the whole body arrived)."""
    url = urlsplit(base)
    started = time.perf_counter()
    connection = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=timeout)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        response.read()
        status = response.status
    except OSError:
        status = NO_ANSWER
    finally:
        connection.close()
    return status, time.perf_counter() - started


class Measurement:
    """What came back from many requests: their statuses and times, and how long all took."""

    def __init__(self, results, elapsed):
        self.statuses = [status for status, _ in results]
        self.milliseconds = sorted(seconds * 1000 for _, seconds in results)
        self.elapsed = elapsed

    @classmethod
    def combined(cls, measurements):
        """Several rounds as one: all their requests over all their time."""
        joined = cls([], sum(m.elapsed for m in measurements))
        joined.statuses = [status for m in measurements for status in m.statuses]
        joined.milliseconds = sorted(ms for m in measurements for ms in m.milliseconds)
        return joined

    @property
    def requests(self):
        return len(self.statuses)

    @property
    def rate(self):
        """Requests answered per second."""
        return self.requests / self.elapsed if self.elapsed else 0.0

    def percentile(self, n):
        """The `n`th percentile of the response times, in milliseconds."""
        if len(self.milliseconds) < 2:
            return self.milliseconds[0] if self.milliseconds else 0.0
        return statistics.quantiles(self.milliseconds, n=100, method="inclusive")[n - 1]

    def unexpected(self, status=200):
        """How many requests answered anything but `status`."""
        return sum(answer != status for answer in self.statuses)


def measure(base, path, concurrency, requests=None, seconds=None, headers=None, timeout=30.0):
    """`concurrency` clients GET `path` one request after another, until `requests` have been
    sent or `seconds` have passed (whichever is given, or comes first)."""
    deadline = time.perf_counter() + seconds if seconds else float("inf")
    tickets = itertools.count() if requests is None else iter(range(requests))
    lock = threading.Lock()

    def client():
        results = []
        while time.perf_counter() < deadline:
            with lock:
                if next(tickets, None) is None:
                    break
            results.append(fetch(base, path, headers, timeout))
        return results

    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        per_client = list(pool.map(lambda _: client(), range(concurrency)))
    elapsed = time.perf_counter() - started
    return Measurement([result for results in per_client for result in results], elapsed)


def summary_line(path, measurement):
    return (
        f"{path:45} {measurement.rate:7.1f} req/s  p50 {measurement.percentile(50):6.1f} ms  "
        f"p95 {measurement.percentile(95):6.1f} ms  p99 {measurement.percentile(99):6.1f} ms  "
        f"errors {measurement.unexpected()}"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", help="e.g. http://127.0.0.1:8000")
    parser.add_argument("--requests", type=int, default=200, help="per URL (at most 5000)")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--timeout", type=float, default=10.0)
    args = parser.parse_args()
    if urlsplit(args.base).hostname not in LOOPBACK:
        sys.exit("bench/load.py only targets a server on this machine (127.0.0.1 or localhost).")
    requests = min(args.requests, 5000)
    for path in PATHS:
        status, _ = fetch(args.base, path, timeout=args.timeout)  # warm up
        if status != 200:
            sys.exit(f"{path} answered {status or 'nothing'}: fix it before measuring it.")
        measurement = measure(
            args.base, path, args.concurrency, requests=requests, timeout=args.timeout
        )
        print(summary_line(path, measurement), flush=True)


if __name__ == "__main__":
    main()
