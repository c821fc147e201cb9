"""What `make bench` prints: one Markdown table of the pages, then a few lines on what they were
measured against (the hello-world, the workers' memory, the scale, the machine, the date)."""

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

COLUMNS = [
    "page",
    "req/s",
    "share of hello-world",
    "p50 ms",
    "p95 ms",
    "p99 ms",
    "queries",
    "uncached render ms",
    "first render ms",
]


@dataclass
class Row:
    """One page's figures: throughput beside the hello-world's in the same rounds, latency,
    queries and uncached render time in a warm process, and its first request on a fresh
    server."""

    label: str
    rate: float
    hello_rate: float
    p50: float
    p95: float
    p99: float
    queries: int
    render_ms: float
    first_ms: float
    requests: int = 0
    unexpected: int = 0


def format_table(rows):
    lines = [
        "| " + " | ".join(COLUMNS) + " |",
        "| --- |" + " ---: |" * (len(COLUMNS) - 1),
    ]
    for row in rows:
        share = f"{row.rate / row.hello_rate:.1%}" if row.hello_rate else "–"
        cells = [
            row.label,
            f"{row.rate:.1f}",
            share,
            f"{row.p50:.1f}",
            f"{row.p95:.1f}",
            f"{row.p99:.1f}",
            str(row.queries),
            f"{row.render_ms:.0f}",
            f"{row.first_ms:.0f}",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def unexpected_answers(rows):
    """A line for each page that answered other than it should, at any time under load."""
    return [
        f"**{row.label}: {row.unexpected:,} of {row.requests:,} requests answered other than "
        "expected** (see the servers' logs in bench/output/)."
        for row in rows
        if row.unexpected
    ]


def servers_line(site_mb, hello_mb, postgresql):
    """How the servers ran, and their workers' memory (RSS) at the end of the run."""

    def workers(sizes):
        if not sizes:
            return "no workers found"
        low, high = f"{min(sizes):.0f}", f"{max(sizes):.0f}"
        return f"{len(sizes)} workers of {low if low == high else f'{low}–{high}'} MB"

    return (
        f"Servers: gunicorn -c config/gunicorn.py, DEBUG off, PostgreSQL {postgresql} on the same "
        f"machine. Memory after the run (RSS): site {workers(site_mb)}, "
        f"hello-world {workers(hello_mb)}."
    )


def machine_line(when=None):
    """The CPU model and count, the memory and the date, read from /proc."""
    when = when or datetime.now(UTC)
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        "unknown CPU",
    )
    memory_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal:")
    )
    return (
        f"Machine: {cpu}, {os.cpu_count()} CPUs, {memory_kb / 1024**2:.1f} GB RAM; "
        f"{when:%Y-%m-%d %H:%M} UTC."
    )
