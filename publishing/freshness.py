"""What the public sees, named cheaply: public pages answer a repeat with a 304 and serve the
rest from a cache, both keyed by that name, so a spike on one page renders it once.

What the public may see changes in two ways only:
- a commit that saves, deletes or relinks content (any model of CONTENT_APPS): a signal raises
  ContentState's counter once the transaction commits;
- the clock passing a moment some row names (an issue date reached, an expiry passed, an alert
  lapsing): each Publishable's `clock_moments()` are the latest such moments, an index lookup
  each.

`state()` reads both in one query, at most once every STATE_SECONDS per process: a change shows on
every process and replica within that time, whatever cache backend they share, since the cache
key holds the state. A process that changed something forgets its state at once.
"""

import hashlib
import time
from dataclasses import dataclass
from datetime import datetime
from functools import wraps

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F, Subquery
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag

# The apps whose rows the public pages show; their saves, deletions and links change the state.
CONTENT_APPS = {"advisories", "articles"}
STATE_SECONDS = 2  # how long a process trusts the state it read
# How long a browser or a proxy may show a page without asking again, and how long after that a
# proxy may serve it while it asks (a spike then reaches the site once per proxy and period).
MAX_AGE = 60
STALE_WHILE_REVALIDATE = 600
# Rendered pages are kept at most this long: they are found by the state, so this bounds only
# how long an entry outlives its state (and a change whose counter a dead process never raised).
CACHED_PAGE_SECONDS = 600


@dataclass(frozen=True)
class State:
    token: str
    last_modified: datetime

    def etag(self, request):
        """The ETag of `request`'s page in this state. A client compares it only for the same
        address, so the path and query name the page."""
        return quote_etag(self.digest(request))

    def digest(self, request):
        return hashlib.sha256(f"{self.token} {request.get_full_path()}".encode()).hexdigest()[:32]

    def cache_key(self, request):
        """Where the page is kept: its ETag and what else it is rendered from (its canonical
        links name the scheme and host)."""
        return f"page:{request.scheme}://{request.get_host()}:{self.digest(request)}"


_remembered = {"state": None, "until": 0.0}


def state():
    """The public content's State, read at most once every STATE_SECONDS in this process."""
    if _remembered["state"] is None or time.monotonic() >= _remembered["until"]:
        _remembered["state"] = read_state()
        _remembered["until"] = time.monotonic() + STATE_SECONDS
    return _remembered["state"]


def forget_state():
    _remembered["state"] = None


def read_state():
    """The counter and every model's latest clock moment, in one query."""
    ContentState = apps.get_model("publishing", "ContentState")
    now = timezone.now()
    moments = {
        f"{model._meta.model_name}_{name}": Subquery(moment)
        for model in publishable_models()
        for name, moment in model.clock_moments(now).items()
    }
    row = ContentState.objects.filter(pk=1).values("changes", "changed_at", **moments).first()
    if row is None:  # a database being migrated, or emptied by a test: nothing is cached
        return State(f"none {now.timestamp()}", now)
    times = [value for value in row.values() if isinstance(value, datetime) and value <= now]
    token = " ".join(f"{key}={value}" for key, value in sorted(row.items()))
    return State(token, max(times))


def publishable_models():
    from publishing.models import Publishable

    return [model for model in apps.get_models() if issubclass(model, Publishable)]


def content_changed(sender, instance=None, action="post", **kwargs):
    """Raise the counter when the transaction commits; forget this process's state now.

    Only for CONTENT_APPS' models (not the historical models a data migration saves through,
    before ContentState may exist), once per link change (its post_ signal), and not for a
    draft's saves, which change nothing the public sees (Publishable.changes_what_the_public_sees).
    """
    if sender._meta.app_label not in CONTENT_APPS or sender._meta.apps is not apps:
        return
    if not action.startswith("post"):
        return
    publishable = hasattr(instance, "changes_what_the_public_sees")
    if publishable and not instance.changes_what_the_public_sees():
        return
    forget_state()
    transaction.on_commit(raise_counter)


def raise_counter():
    ContentState = apps.get_model("publishing", "ContentState")
    ContentState.objects.filter(pk=1).update(changes=F("changes") + 1, changed_at=timezone.now())
    forget_state()


def connect_signals():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(content_changed, dispatch_uid=f"freshness {id(signal)}")


def public_page(view, same_for_staff=False):
    """Serve `view` to the public by the content's state: a 304 to a request that holds the
    current page, else the page as rendered once in this state, with headers that let a
    browser or a proxy keep it a little. Staff (who may see previews), unless the view is the
    `same_for_staff`, and anything but GET and HEAD go straight to the view, never cached."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        uncached = not same_for_staff and signed_in(request)
        if request.method not in ("GET", "HEAD") or uncached:
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True, no_cache=True)
            return response
        current = state()
        etag = current.etag(request)
        last_modified = int(current.last_modified.timestamp())
        response = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if response is None:
            key = current.cache_key(request)
            response = cached_response(key, view, request, *args, **kwargs)
        if response.status_code in (200, 304):
            response.headers["ETag"] = etag
            response.headers["Last-Modified"] = http_date(last_modified)
            patch_cache_control(
                response,
                public=True,
                max_age=MAX_AGE,
                stale_while_revalidate=STALE_WHILE_REVALIDATE,
            )
        return response

    return wrapped


def signed_in(request):
    """Whether a user is signed in. Only a request with a session cookie can be, and only it
    asks the session: asking adds `Vary: Cookie`, which would keep proxies from sharing pages."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated


def cached_response(key, view, request, *args, **kwargs):
    """The view's page from the cache, or rendered and kept there if it is a plain 200."""
    kept = cache.get(key)
    if kept is not None:
        content, headers = kept
        return HttpResponse(content, headers=headers)
    response = view(request, *args, **kwargs)
    if getattr(response, "render", None) and not response.is_rendered:
        response.render()
    if response.status_code == 200 and not response.streaming and not response.cookies:
        # The view's own headers (Content-Type, Vary…); the middleware adds theirs to each answer.
        cache.set(key, (response.content, dict(response.headers)), CACHED_PAGE_SECONDS)
    return response
