"""The pages the bench measures, found in the generated data, and the queries each one makes.

Queries are counted and uncached renders timed here, in this process, with Django's test client
on the bench database: the servers are measured as they run, untouched.
"""

import re
import statistics
import time
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from advisories.models import Advisory
from articles.models import Article
from publishing import freshness

RENDERS = 5  # uncached renders of each page in this process, for their median

# Deep in the advisory list, where the database skips the most rows; the last page if fewer.
DEEP_PAGE = 500


@dataclass
class Page:
    path: str
    headers: dict = field(default_factory=dict)
    status: int = 200
    label: str = ""

    def __post_init__(self):
        self.label = self.label or f"`{self.path}`"


def measured_pages():
    """Every page the bench measures, at the scale of the data in the database."""
    client = Client()
    feed = "/feeds/advisories.rss"
    etag = client.get(feed)["ETag"]
    return [
        Page("/"),
        Page("/countries/"),
        Page("/countries/iq/"),
        Page(latest(Advisory.objects.public().travel_advisories()).get_absolute_url()),
        Page(latest(Article.objects.public()).get_absolute_url()),
        Page("/advisories/"),
        Page("/advisories/?level=4&indicator=T&region=middle-east"),
        Page(f"/advisories/?page={min(DEEP_PAGE, last_page(client, '/advisories/'))}"),
        Page("/articles/"),
        Page("/search/?q=terrorist"),
        Page(feed),
        Page(feed, {"If-None-Match": etag}, 304, f"`{feed}` with its ETag (304)"),
    ]


def latest(queryset):
    found = queryset.first()
    if found is None:
        raise SystemExit(f"No public {queryset.model._meta.verbose_name} to measure.")
    return found


def last_page(client, path):
    """The number of the last page of a list, as the list itself says ("Page 1 of 40")."""
    found = re.search(r"Page \d+ of (\d+)", client.get(path).text)
    return int(found[1]) if found else 1


def uncached_render(page):
    """(queries, median milliseconds) of rendering `page` in this warm process with nothing
    kept (its cached copy forgotten, the content's state read apart), RENDERS times: what a
    page nobody has opened in this state costs; exits if it does not answer as it should."""
    client = Client()
    client.get(page.path, headers=page.headers)  # modules, templates and connection ready
    times = []
    for _ in range(RENDERS):
        cache.clear()
        freshness.forget_state()
        freshness.state()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(page.path, headers=page.headers)
            times.append((time.perf_counter() - started) * 1000)
        if response.status_code != page.status:
            raise SystemExit(f"{page.path} answered {response.status_code}, not {page.status}.")
    return len(queries), statistics.median(times)
