"""Public pages: home, countries, advisories, places and search; the health check.

Models depend one way (articles → advisories), but the home, country, place and search pages
show articles and people too, so these views read both apps' querysets.
"""

from django import forms
from django.db import connection
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.generic import DetailView
from django_filters.views import FilterView

from advisories.filters import AdvisoryFilter, CountryLevelForm
from advisories.models import Advisory, Location, level_since
from advisories.world_map import VIEWBOX, country_shapes
from articles.models import Article, Person


def healthz(request):
    """200 when the database answers, 503 when it does not: for the load balancer."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


def feed_links(name, *args, query=None):
    """The RSS and Atom URLs of one feed, with the query string of the page that offers it."""
    suffix = f"?{query.urlencode()}" if query else ""
    return {
        "rss": reverse(f"{name}-rss", args=args) + suffix,
        "atom": reverse(f"{name}-atom", args=args) + suffix,
    }


def home(request):
    countries = Location.objects.countries().with_current_level()
    shapes = country_shapes()
    advisories = Advisory.objects.public().select_related("country")
    return render(
        request,
        "advisories/home.html",
        {
            "map_countries": [(c, shapes[c.iso_code]) for c in countries if c.iso_code in shapes],
            "map_viewbox": VIEWBOX,
            "dangerous": sorted(
                (c for c in countries if (c.current_level or 0) >= 3),
                key=lambda c: (-c.current_level, c.name),
            ),
            "latest_advisories": advisories.travel_advisories()[:8],
            "latest_alerts": advisories.alerts()[:6],
            "latest_articles": Article.objects.public()[:5],
            "feeds": feed_links("advisories:feed"),
        },
    )


def country_list(request):
    form = CountryLevelForm(request.GET)
    countries = (
        Location.objects.countries()
        .with_current_level()
        .select_related("parent")
        .order_by("parent__name", "name")
    )
    status = 200
    if not form.is_valid():
        countries, status = countries.none(), 400
    elif levels := form.cleaned_data["level"]:
        countries = countries.filter(current_level__in=levels)
    return render(
        request,
        "advisories/country_list.html",
        {"form": form, "countries": countries, "feeds": feed_links("advisories:feed")},
        status=status,
    )


def country_detail(request, iso):
    country = get_object_or_404(
        Location.objects.countries().select_related("parent"), iso_code=iso.upper()
    )
    public = Advisory.objects.public().for_country(country)
    # The history holds every public travel advisory, newest first; the first is current.
    history = list(
        public.travel_advisories().order_by("-issued_at", "-pk").prefetch_related("indicators")
    )
    articles = Article.objects.public().naming(country.slug)
    return render(
        request,
        "advisories/country_detail.html",
        {
            "country": country,
            "current": history[0] if history else None,
            "level_since": level_since(history),
            "history": history,
            "alerts": public.alerts().select_related("country")[:10],
            "places": Location.objects.below_country()
            .filter(Q(parent=country) | Q(parent__parent=country))
            .select_related("parent"),
            "articles": articles[:10],
            "people": Person.objects.filter(Q(country=country) | Q(articles__in=articles))
            .distinct()
            .order_by("name")[:20],
            "feeds": feed_links("advisories:country-feed", country.iso_code.lower()),
        },
    )


class FilteredListView(FilterView):
    """A filtered, paginated list whose query string is also the query string of its feeds."""

    feed_name = None  # the feeds' URL name without -rss/-atom
    strict = True  # an invalid filter shows its errors and no results, never everything

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(feeds=feed_links(self.feed_name, query=query), **kwargs)

    def render_to_response(self, context, **kwargs):
        if self.filterset.is_bound and not self.filterset.is_valid():
            kwargs["status"] = 400
        return super().render_to_response(context, **kwargs)


class AdvisoryListView(FilteredListView):
    filterset_class = AdvisoryFilter
    feed_name = "advisories:feed"
    template_name = "advisories/advisory_list.html"
    context_object_name = "advisories"
    paginate_by = 25

    def get_queryset(self):
        return Advisory.objects.public().select_related("country").prefetch_related("indicators")


class PreviewableDetailView(DetailView):
    """One public item's page. Staff who may view the model also see drafts, archived, expired
    and scheduled items there (the admin's "view on site"), marked as a preview and never cached.

    Subclasses give `with_related(queryset)`: the select_related/prefetch_related the page needs.
    """

    def previewing(self):
        meta = self.model._meta
        return self.request.user.has_perm(f"{meta.app_label}.view_{meta.model_name}")

    def get_queryset(self):
        queryset = self.with_related(self.model.objects.all())
        return queryset if self.previewing() else queryset.public()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        public = self.model.objects.public().filter(pk=self.object.pk)
        context["preview"] = self.previewing() and not public.exists()
        return context

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if context["preview"]:
            add_never_cache_headers(response)
        return response


class AdvisoryDetailView(PreviewableDetailView):
    model = Advisory
    template_name = "advisories/advisory_detail.html"
    context_object_name = "advisory"

    def with_related(self, queryset):
        return queryset.select_related("country__parent").prefetch_related("indicators", "places")

    def get_context_data(self, **kwargs):
        advisory = self.object
        return super().get_context_data(
            articles=Article.objects.public().filter(advisories=advisory),
            others=Advisory.objects.public()
            .for_country(advisory.country)
            .exclude(pk=advisory.pk)
            .select_related("country")[:10],
            feeds=feed_links("advisories:country-feed", advisory.country.iso_code.lower()),
            **kwargs,
        )


def place_detail(request, slug):
    place = get_object_or_404(
        Location.objects.below_country().select_related("parent__parent__parent"), slug=slug
    )
    return render(
        request,
        "advisories/place_detail.html",
        {
            "place": place,
            "country": place.country,
            "children": place.children.all(),
            "advisories": Advisory.objects.public()
            .filter(Q(places=place) | Q(places__parent=place))
            .distinct()
            .select_related("country")[:20],
            "articles": Article.objects.public().naming(place.slug)[:20],
        },
    )


class SearchForm(forms.Form):
    q = forms.CharField(label="Search", max_length=200, strip=True)


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
            .search(q)
            .with_snippet(q)
            .select_related("country")[:10],
            articles=Article.objects.public().search(q).with_snippet(q)[:10],
            people=Person.objects.search(q).with_snippet(q)[:10],
            places=Location.objects.exclude(kind=Location.Kind.REGION)
            .search(q)
            .select_related("parent")[:10],
        )
    elif request.GET:
        status = 400
    return render(request, "advisories/search.html", context, status=status)
