"""`make bench`: the site's speed side by side with a Django hello-world view, in one run.

    python bench/run.py --scale small          # small, medium or full (the default)
    python bench/run.py --advisories 5000 --articles 50000

1. Recreate the database BENCH_DATABASE_URL names (unset: atlas_bench on the local server),
   migrate it, and fill it with bench/generate.py.
2. Count each page's queries and time its uncached render in this process, with Django's test
   client.
3. Start two gunicorns with config/gunicorn.py on free loopback ports, DEBUG off: the site, and a
   hello-world with the same settings and middleware but one view (bench/hello_settings.py).
4. Ask each page once of the fresh site: its first, uncached render.
5. Measure each page and the hello-world alternately, in short rounds, so that both see the same
   state of the machine: at 16 connections for throughput, at 4 for latency.
6. Print one Markdown table and save it in bench/output/, beside the servers' logs.

Both servers are stopped at the end, whatever happens.
"""

import argparse
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from bench.environment import (  # noqa: E402
    BENCH_DATABASE_URL,
    PROJECT,
    recreate_database,
    refuse_unless_bench,
    setup_django,
)
from bench.load import Measurement, fetch, measure  # noqa: E402
from bench.report import (  # noqa: E402
    Row,
    format_table,
    machine_line,
    servers_line,
    unexpected_answers,
)
from bench.servers import Gunicorn  # noqa: E402

OUTPUT = PROJECT / "bench" / "output"
HELLO = "/"  # the hello-world's only page (bench/hello_urls.py)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=["small", "medium", "full"], default="full")
    parser.add_argument("--advisories", type=int, help="instead of the scale's number")
    parser.add_argument("--articles", type=int, help="instead of the scale's number")
    parser.add_argument("--people", type=int, help="unset: one for every 50 articles")
    parser.add_argument("--seed", type=int, default=2020)
    parser.add_argument("--rounds", type=int, default=3, help="per page and concurrency")
    parser.add_argument("--seconds", type=float, default=2.0, help="per round and server")
    parser.add_argument("--throughput-connections", type=int, default=16)
    parser.add_argument("--latency-connections", type=int, default=4)
    parser.add_argument(
        "--reuse-data", action="store_true", help="measure the data already in the database"
    )
    return parser.parse_args()


def say(message):
    print(message, file=sys.stderr, flush=True)


def prepare_database(args):
    """Recreate, migrate and fill the bench database, unless told to reuse it."""
    if args.reuse_data:
        setup_django(BENCH_DATABASE_URL)
        vacuum()
        return
    say(f"Recreating {BENCH_DATABASE_URL} …")
    recreate_database(BENCH_DATABASE_URL)
    setup_django(BENCH_DATABASE_URL)
    from bench import generate  # after Django is set up: it reads the models

    call_command("migrate", verbosity=0)
    advisories, articles = generate.SCALES[args.scale]
    advisories = args.advisories if args.advisories is not None else advisories
    articles = args.articles if args.articles is not None else articles
    people = args.people if args.people is not None else generate.people_for(articles)
    say("Generating the data …")
    with transaction.atomic(), connection.cursor() as cursor:
        generate.generate(cursor, advisories, articles, people, args.seed, report=say)
    vacuum()


def vacuum():
    """What autovacuum would soon do after a load, done before the measurement instead of
    during it: every page marked visible (so index-only scans skip the rows) and frozen."""
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (FREEZE, ANALYZE)")
    say(f"VACUUM (FREEZE, ANALYZE) in {time.perf_counter() - started:.1f} s")


def main():
    args = parse_args()
    refuse_unless_bench(BENCH_DATABASE_URL)
    prepare_database(args)
    from bench import pages  # after Django is set up: it reads the models

    measured = pages.measured_pages()
    renders = [pages.uncached_render(page) for page in measured]
    OUTPUT.mkdir(exist_ok=True)
    rows, notes = serve_and_measure(args, measured, renders)
    report = "\n".join([format_report(rows), "", *notes, scale_line(args), code_line()])
    print(report)
    saved = OUTPUT / f"bench-{datetime.now(UTC):%Y%m%d-%H%M%S}.md"
    saved.write_text(report + "\n")
    say(f"Saved in {saved.relative_to(PROJECT)}.")


def serve_and_measure(args, measured, renders):
    """Start both servers, measure, read the workers' memory, and stop them whatever happens."""
    servers = []
    try:
        site = Gunicorn("config.settings", BENCH_DATABASE_URL, OUTPUT / "site.log")
        servers.append(site)
        hello = Gunicorn("bench.hello_settings", BENCH_DATABASE_URL, OUTPUT / "hello.log")
        servers.append(hello)
        site.wait_until_answering("/healthz")
        hello.wait_until_answering(HELLO)
        first = [first_render_ms(site, page) for page in measured]
        results = []
        for number, (page, render, first_ms) in enumerate(
            zip(measured, renders, first, strict=True), 1
        ):
            say(f"Measuring {page.label} ({number} of {len(measured)}) …")
            results.append(measure_page(site, hello, page, render, first_ms, args))
        notes = [
            hello_line(results, args),
            servers_line(site.workers_rss_mb(), hello.workers_rss_mb(), postgresql_version()),
            machine_line(),
        ]
    finally:
        for server in servers:
            server.stop()
    rows = [row for row, _ in results]
    return rows, notes


def first_render_ms(site, page):
    _, seconds = fetch(site.base, page.path, page.headers)
    return seconds * 1000


def measure_page(site, hello, page, render, first_ms, args):
    """The page's row, and the hello-world's measurements in the rounds that alternated with it."""
    # Every worker thread warm, on both servers, before anything counts.
    for server, path, headers in [(site, page.path, page.headers), (hello, HELLO, {})]:
        connections = args.throughput_connections
        measure(server.base, path, connections, requests=connections, headers=headers)
    throughput, hello_throughput = alternate(site, hello, page, args.throughput_connections, args)
    latency, hello_latency = alternate(site, hello, page, args.latency_connections, args)
    row = Row(
        label=page.label,
        rate=throughput.rate,
        hello_rate=hello_throughput.rate,
        p50=latency.percentile(50),
        p95=latency.percentile(95),
        p99=latency.percentile(99),
        queries=render[0],
        render_ms=render[1],
        first_ms=first_ms,
        requests=throughput.requests + latency.requests,
        unexpected=throughput.unexpected(page.status) + latency.unexpected(page.status),
    )
    return row, (hello_throughput, hello_latency)


def alternate(site, hello, page, connections, args):
    """Rounds of the page, then the hello-world, then the page…: each as one measurement."""
    page_rounds, hello_rounds = [], []
    for _ in range(args.rounds):
        page_rounds.append(
            measure(site.base, page.path, connections, seconds=args.seconds, headers=page.headers)
        )
        hello_rounds.append(measure(hello.base, HELLO, connections, seconds=args.seconds))
    return Measurement.combined(page_rounds), Measurement.combined(hello_rounds)


def format_report(rows):
    return "\n".join([format_table(rows), "", *unexpected_answers(rows)]).rstrip()


def hello_line(results, args):
    throughput = Measurement.combined([hello for _, (hello, _) in results])
    latency = Measurement.combined([hello for _, (_, hello) in results])
    return (
        f"Hello-world: {throughput.rate:.1f} req/s at {args.throughput_connections} connections; "
        f"p50 {latency.percentile(50):.1f}, p95 {latency.percentile(95):.1f}, "
        f"p99 {latency.percentile(99):.1f} ms at {args.latency_connections} "
        f"(all its rounds; each page was measured in {args.rounds} round(s) of "
        f"{args.seconds:g} s at each concurrency, alternating with it)."
    )


def postgresql_version():
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return cursor.fetchone()[0].split()[0]


def scale_line(args):
    from bench.generate import counts

    what = ", ".join(f"{count:,} {name}" for name, count in counts().items())
    return f"Scale: {what} ({scale_name(args)})."


def scale_name(args):
    if args.reuse_data:
        return "the data already in the database"
    if args.advisories is not None or args.articles is not None:
        return "numbers of advisories and articles given"
    return f"{args.scale} scale"


def code_line():
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT, capture_output=True, text=True
    ).stdout.strip()
    return f"Code: the working tree at commit {commit or 'unknown'}."


if __name__ == "__main__":
    main()
