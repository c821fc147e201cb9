"""The route table at the top of config/urls.py names the view that really serves each route."""

import inspect
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import URLResolver, get_resolver, resolve

TABLE = re.findall(
    r"^# (/\S*)\s+([\w.]+)$",
    (Path(settings.BASE_DIR) / "config" / "urls.py").read_text(),
    re.MULTILINE,
)


def view_name(func):
    """The dotted name of what serves a route: a function, a class-based view or a feed, and
    not the decorator that serves it to the public (publishing.freshness.public_page)."""
    func = inspect.unwrap(func)
    view = getattr(func, "view_class", None) or getattr(func, "__func__", func)
    if not hasattr(view, "__qualname__"):
        view = type(view)  # a feed instance
    return f"{view.__module__}.{view.__qualname__}"


def routes(patterns, prefix=""):
    """Every route the site answers, the admin's as one."""
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver) and route != "admin/":
            yield from routes(pattern.url_patterns, route)
        else:
            yield "/" + re.sub(r"<\w+:(\w+)>", r"<\1>", route)


def test_the_table_lists_every_route():
    assert sorted(route for route, _ in TABLE) == sorted(routes(get_resolver().url_patterns))


@pytest.mark.parametrize("route, view", TABLE)
def test_each_route_is_served_by_the_view_the_table_names(route, view):
    url = route.replace("<iso>", "iq").replace("<slug>", "baghdad")
    assert view_name(resolve(url).func) == view
