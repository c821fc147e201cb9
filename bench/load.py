"""A bounded load test of a running site: latency percentiles and throughput per URL.

    python bench/load.py http://127.0.0.1:8000 --requests 400 --concurrency 8

Only loopback addresses are accepted: this is for a server you started on this machine.
"""

import argparse
import statistics
import sys
import time
import urllib.request
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


def fetch(url, timeout):
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=timeout) as response:
        response.read()
        status = response.status
    return status, time.perf_counter() - started


def measure(base, path, requests, concurrency, timeout):
    with ThreadPoolExecutor(concurrency) as pool:
        started = time.perf_counter()
        results = list(pool.map(lambda _: fetch(base + path, timeout), range(requests)))
        elapsed = time.perf_counter() - started
    errors = sum(status != 200 for status, _ in results)
    times = sorted(seconds * 1000 for _, seconds in results)
    q = statistics.quantiles(times, n=100)
    return (
        f"{path:45} {requests / elapsed:7.1f} req/s  p50 {q[49]:6.1f} ms  "
        f"p95 {q[94]:6.1f} ms  p99 {q[98]:6.1f} ms  errors {errors}"
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
        fetch(args.base + path, args.timeout)  # warm up, and fail early on a broken page
        print(measure(args.base, path, requests, args.concurrency, args.timeout), flush=True)


if __name__ == "__main__":
    main()
