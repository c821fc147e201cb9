"""The pages that show both apps: home, countries, places and search; the health check.

Models depend one way (articles → advisories); these pages show advisories, articles and people
together, so they live here, above both apps, and read both apps' querysets.
"""

import functools
import sys
from pathlib import Path

from django import forms
from django.conf import settings
from django.db import InterfaceError, OperationalError, connection
from django.db.models import Q, prefetch_related_objects
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template import loader
from django.views.defaults import server_error as django_server_error

from advisories.filters import CountryFilterForm
from advisories.issuers import ISSUERS, comparison_for
from advisories.models import Advisory, Location, LocationQuerySet
from articles.models import Article, Person
from front.world_map import map_views
from publishing.feeds import feed_links


def healthz(request):
    """200 when the database answers, 503 when it does not: for the load balancer."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


# The icon every browser, feed reader and crawler asks for at the root, whatever a page says.
FAVICON = Path(settings.BASE_DIR) / "static" / "favicon.ico"


@functools.cache
def favicon_bytes():
    return FAVICON.read_bytes()


def favicon(request):
    """/favicon.ico: the static file (read once), cached for a day."""
    return HttpResponse(
        favicon_bytes(),
        content_type="image/vnd.microsoft.icon",
        headers={"Cache-Control": "public, max-age=86400"},
    )


RETRY_AFTER = 60  # seconds: a database restart or failover takes about this long


def server_error(request):
    """The 500 page; a 503 with Retry-After when the database is down, hung or too slow, so the
    visitor is asked to come back and a proxy or monitor sees an outage, not a bug."""
    if not isinstance(sys.exception(), OperationalError | InterfaceError):
        return django_server_error(request)
    # No request context: its processors could touch the database that just failed.
    page = loader.get_template("503.html").render()
    return HttpResponse(page, status=503, headers={"Retry-After": str(RETRY_AFTER)})


def map_choices():
    """Whose levels the home page's map can show, for `?map=`: (key, link text, whose in
    words), the headline first (the default), then the highest, then each issuer's own."""
    return [
        (LocationQuerySet.HEADLINE, "Headline level", "each country's headline level"),
        (LocationQuerySet.HIGHEST, "Highest of all", "the highest any government gives"),
        *((issuer.key, issuer.short_name, issuer.name) for issuer in ISSUERS.values()),
    ]


def home(request):
    """The map coloured by `?map=`: the headline level by default, the highest any issuer
    gives, or one issuer's (a key of advisories.issuers.ISSUERS); an unknown one is a 400
    saying so, with the default map."""
    choices = {key: (label, whose) for key, label, whose in map_choices()}
    asked = request.GET.get("map", "").strip().lower() or LocationQuerySet.HEADLINE
    status, unknown = (200, "") if asked in choices else (400, request.GET["map"])
    chosen = asked if status == 200 else LocationQuerySet.HEADLINE
    countries = list(Location.objects.countries().with_current_level(by=chosen))
    world, *insets = map_views(countries)
    whose = choices[chosen][1]
    world["name"] = f"{world['name']}: {whose}"
    headline_issuers = [ISSUERS[k].short_name for k in settings.HEADLINE_ISSUERS if k in ISSUERS]
    public = Advisory.objects.public().select_related("country")
    # The latest advice is current advice: nothing superseded or past...
    advisories = public.current_advice()
    active_alerts = list(advisories.alerts()[:6])
    return render(
        request,
        "front/home.html",
        {
            "world": world,
            "insets": insets,
            "map_choices": [
                (key, label, request.path if key == LocationQuerySet.HEADLINE else f"?map={key}")
                for key, label, _ in map_choices()
            ],
            "map_chosen": chosen,
            "map_whose": whose,
            "map_unknown": unknown,
            "headline_issuers": headline_issuers,
            "dangerous": sorted(
                (c for c in countries if (c.current_level or 0) >= 3),
                key=lambda c: (-c.current_level, c.name),
            ),
            "latest_advisories": advisories.travel_advisories()[:8],
            "active_alerts": active_alerts,
            # ...but with no alert active, the latest past ones, marked, say what there was.
            "past_alerts": [] if active_alerts else public.alerts()[:6],
            "latest_articles": Article.objects.public()[:5],
            "feeds": feed_links("advisories:feed"),
        },
        status=status,
    )


def country_list(request):
    form = CountryFilterForm(request.GET)
    countries = (
        Location.objects.countries()
        .with_current_level()
        .select_related("parent")
        .order_by("parent__name", "name")
    )
    status = 200
    if not form.is_valid():
        countries, status = countries.none(), 400
    else:
        countries = form.filter(countries)
    return render(
        request,
        "front/country_list.html",
        {
            "form": form,
            "countries": countries,
            "feeds": feed_links("advisories:feed"),
        },
        status=status,
    )


HISTORY_LENGTH = 20  # a country page's latest levels; the advisory list holds the rest


def country_detail(request, iso):
    country = get_object_or_404(
        Location.objects.countries().select_related("parent"), iso_code=iso.upper()
    )
    public = Advisory.objects.public().for_country(country)
    # Each government's current advice; the headline issuer's sets the banner.
    comparison = comparison_for(country)
    current = comparison.headline.advisory if comparison.readings else None
    prefetch_related_objects([current] if current else [], "indicators")
    # The latest public travel advisories of every issuer, newest first.
    travel_advisories = public.travel_advisories().order_by("-issued_at", "-pk")
    history = list(travel_advisories[:HISTORY_LENGTH])
    articles = list(Article.objects.public().naming(country.slug)[:10])
    # The latest alerts in one query, split into active and past (see Advisory.is_past_alert).
    alerts = list(public.alerts().select_related("country")[:30])
    return render(
        request,
        "front/country_detail.html",
        {
            "country": country,
            "current": current,
            "level_since": travel_advisories.filter(source=current.source).level_since(current)
            if current
            else None,
            "history": history,
            "history_length": HISTORY_LENGTH,
            "alerts": [alert for alert in alerts if not alert.is_past_alert][:10],
            "past_alerts": [alert for alert in alerts if alert.is_past_alert][:10],
            "alert_active_days": settings.ALERT_ACTIVE_DAYS,
            "places": Location.objects.below_country()
            .filter(Q(parent=country) | Q(parent__parent=country))
            .select_related("parent"),
            "articles": articles,
            "people": Person.objects.public().of_country(country, articles).order_by("name")[:20],
            "feeds": feed_links("advisories:country-feed", country.iso_code.lower()),
            "comparison": comparison,
        },
    )


def place_detail(request, slug):
    place = get_object_or_404(
        Location.objects.below_country().select_related("parent__parent__parent"), slug=slug
    )
    return render(
        request,
        "front/place_detail.html",
        {
            "place": place,
            "country": place.country,
            "children": place.children.all(),
            "advisories": Advisory.objects.public()
            .filter(Q(places=place) | Q(places__parent=place))
            .distinct()
            .with_superseded_at()
            .select_related("country")[:20],
            "articles": Article.objects.public().naming(place.slug)[:20],
        },
    )


class SearchForm(forms.Form):
    q = forms.CharField(label="Search", max_length=200, strip=True)
    superseded = forms.BooleanField(label="Include superseded and past advice", required=False)


# The search page ranks the latest this many matches of each kind and shows the best ten: a word
# in every advisory would otherwise rank every advisory.
RANKED = 500


def search(request):
    """One search over advisories, articles, people and places; each kind shows its best few."""
    form = SearchForm(request.GET or None)
    context = {"form": form}
    status = 200
    if form.is_valid():
        q = form.cleaned_data["q"]
        context.update(
            q=q,
            advisories=Advisory.objects.public()
            .search(q, among_latest=RANKED)
            .with_snippet(q)
            .current_advice(include_superseded=form.cleaned_data["superseded"])
            .select_related("country")[:10],
            superseded=form.cleaned_data["superseded"],
            articles=Article.objects.public().search(q, among_latest=RANKED).with_snippet(q)[:10],
            people=Person.objects.public().search(q, among_latest=RANKED).with_snippet(q)[:10],
            places=Location.objects.exclude(kind=Location.Kind.REGION)
            .search(q)
            .select_related("parent")[:10],
        )
    elif request.GET:
        status = 400
    return render(request, "front/search.html", context, status=status)
