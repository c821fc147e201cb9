"""The read-only JSON API: countries, advisories, articles, people and places, and its OpenAPI
description and documentation page.

Every query starts from the models' `public()`, as the pages do, and the advisory and article
lists take the pages' own FilterSets, so a query string means the same here as on the site.
Every GET is a public page (publishing.freshness): an ETag, a 304 to a repeat, cached briefly.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.views.generic import View
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.generics import ListAPIView, RetrieveAPIView
from rest_framework.pagination import CursorPagination

from advisories.filters import AdvisoryFilter
from advisories.models import Advisory, Location
from api import serializers
from articles.filters import ArticleFilter
from articles.models import Article, Person
from publishing.freshness import public_page


class PublicGet:
    """What every endpoint shares: it is a public page (publishing.freshness), answered with a
    304 to a repeat and rendered once in each state of the content, the same for everyone
    (the API shows no previews and reads no session). Only GET, HEAD and OPTIONS: the views
    define nothing else."""

    @classmethod
    def as_view(cls, *args, **kwargs):
        return public_page(super().as_view(*args, **kwargs), same_for_staff=True)


# Query parameters of the list pages that a cursor cannot honour: refused, not ignored, so that
# a query string copied from a page never silently gives another order or the same page forever.
REFUSED_PARAMETERS = {
    "ordering": "The API lists in one fixed order, the one its cursor walks; sort the results "
    "yourself.",
    "page": "The API pages by cursor: follow each answer's `next` link.",
}


class CursorPages(CursorPagination):
    """Pages of 50 (up to 200 with `page_size`), walked by the `next` and `previous` links.
    Subclasses name the order: a cursor needs one that does not change, the pk breaking ties."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def paginate_queryset(self, queryset, request, view=None):
        try:
            return super().paginate_queryset(queryset, request, view)
        except DjangoValidationError:
            # A cursor made by hand, whose position is no date: as unknown as any other.
            raise NotFound(self.invalid_cursor_message) from None


class NewestAdvisoriesFirst(CursorPages):
    ordering = ("-issued_at", "-pk")


class NewestArticlesFirst(CursorPages):
    ordering = ("-published_at", "-pk")


class ByName(CursorPages):
    ordering = ("name", "pk")


class FilterSetBackend(DjangoFilterBackend):
    """django-filter's backend, its 400 made of the form's own messages: django-filter formats
    each message once more, and a `%` typed into a filter (`place=%`) then breaks it (a 500)."""

    def filter_queryset(self, request, queryset, view):
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return queryset
        if not filterset.is_valid():
            raise ValidationError({name: list(errors) for name, errors in filterset.errors.items()})
        return filterset.qs


class CursorList(PublicGet, ListAPIView):
    def filter_queryset(self, queryset):
        params = self.request.query_params
        refused = {name: [why] for name, why in REFUSED_PARAMETERS.items() if name in params}
        if refused:
            raise ValidationError(refused)
        return super().filter_queryset(queryset)


def countries():
    """Every country with its headline level and, prefetched in one query for all of them,
    `current_levels`: each issuer's current travel advisory for it, the latest first."""
    advice = Advisory.objects.public().travel_advisories().current_advice()
    current_levels = Prefetch(
        "advisories", queryset=advice.order_by("-issued_at", "-pk"), to_attr="current_levels"
    )
    return (
        Location.objects.countries()
        .with_current_level()
        .select_related("parent")
        .prefetch_related(current_levels)
    )


ISO_PARAMETER = OpenApiParameter(
    "iso", str, OpenApiParameter.PATH, description="The ISO 3166-1 alpha-2 code, in either case."
)


class CountryList(PublicGet, ListAPIView):
    """Every country, its current level and each issuer's, in one answer (no pages)."""

    serializer_class = serializers.CountrySerializer
    pagination_class = None

    def get_queryset(self):
        return countries()


@extend_schema(parameters=[ISO_PARAMETER])
class CountryDetail(PublicGet, RetrieveAPIView):
    """One country by its ISO code (`iq` or `IQ`)."""

    serializer_class = serializers.CountrySerializer

    def get_queryset(self):
        return countries()

    def get_object(self):
        return get_object_or_404(self.get_queryset(), iso_code=self.kwargs["iso"].upper())


def public_advisories():
    public = Advisory.objects.public()
    return public.select_related("country").prefetch_related("indicators", "places")


SEARCH_PARAMETER = OpenApiParameter(
    "q",
    str,
    description="Words to find, as the site's search reads them (quotes, `or`, `-word`); the "
    "results stay in the list's order.",
)
FILTER_ERRORS = OpenApiResponse(
    {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
    description="A parameter could not be read: its name, and what was wrong with it.",
)


@extend_schema(
    parameters=[
        # Sharper words than the FilterSet's labels; the other parameters are documented
        # from the FilterSet as they are.
        OpenApiParameter(
            "country",
            str,
            many=True,
            description="A country's ISO code (`iq`, in either case) or name; repeat for any of "
            "several.",
        ),
        OpenApiParameter("region", str, description="A world region's slug: `middle-east`."),
        OpenApiParameter(
            "indicator",
            str,
            many=True,
            description="A risk indicator's code (`T` terrorism, `K` kidnapping or "
            "hostage-taking, …); repeat for any of several.",
        ),
        SEARCH_PARAMETER,
        OpenApiParameter("ordering", exclude=True),
    ],
    responses={200: serializers.AdvisorySerializer(many=True), 400: FILTER_ERRORS},
)
class AdvisoryList(CursorList):
    """Public advisories and alerts, newest first, filtered as on /advisories/: the same
    parameters, meaning the same. Without `superseded`, current advice only (no superseded
    travel advisory, no past alert). `q` finds what the page finds, listed newest first here
    rather than by relevance; `ordering` and `page` answer 400 (a cursor walks one order)."""

    serializer_class = serializers.AdvisorySerializer
    pagination_class = NewestAdvisoriesFirst
    filter_backends = [FilterSetBackend]
    filterset_class = AdvisoryFilter

    def get_queryset(self):
        return public_advisories()


class AdvisoryDetail(PublicGet, RetrieveAPIView):
    """One public advisory or alert, with its public earlier editions and, if superseded, what
    superseded it."""

    serializer_class = serializers.AdvisoryDetailSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return public_advisories().with_superseded_at()


def public_articles():
    return (
        Article.objects.public()
        .with_people()
        .prefetch_related("places", Prefetch("advisories", Advisory.objects.public()))
    )


@extend_schema(
    parameters=[
        OpenApiParameter("person", str, description="A person's slug: `ian-lee`."),
        SEARCH_PARAMETER,
    ],
    responses={200: serializers.ArticleSerializer(many=True), 400: FILTER_ERRORS},
)
class ArticleList(CursorList):
    """Public articles, newest first, filtered as on /articles/ (`place` includes the places
    inside it). `q` lists newest first here rather than by relevance."""

    serializer_class = serializers.ArticleSerializer
    pagination_class = NewestArticlesFirst
    filter_backends = [FilterSetBackend]
    filterset_class = ArticleFilter

    def get_queryset(self):
        return public_articles()


class ArticleDetail(PublicGet, RetrieveAPIView):
    """One public article."""

    serializer_class = serializers.ArticleSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return public_articles()


def public_people():
    return Person.objects.public().select_related("country")


class PersonList(CursorList):
    """The people whose pages are public, by name."""

    serializer_class = serializers.PersonSerializer
    pagination_class = ByName

    def get_queryset(self):
        return public_people()


class PersonDetail(PublicGet, RetrieveAPIView):
    """One person."""

    serializer_class = serializers.PersonSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return public_people()


class PlaceList(CursorList):
    """Every place by name: world regions, countries and the places inside them."""

    serializer_class = serializers.PlaceSerializer
    pagination_class = ByName

    def get_queryset(self):
        return Location.objects.select_related("parent")


class PlaceDetail(PublicGet, RetrieveAPIView):
    """One place."""

    serializer_class = serializers.PlaceSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return Location.objects.select_related("parent")


class Schema(PublicGet, SpectacularAPIView):
    """The OpenAPI 3 description: YAML, or JSON with `?format=json`."""


class Docs(PublicGet, SpectacularSwaggerSplitView):
    """Swagger UI from this site's static files, its start-up script a file of its own
    (`?script`): the Content Security Policy allows no inline script or style."""

    url_name = "api:schema"
    template_name = "api/swagger_ui.html"
    template_name_js = "api/swagger_ui.js"

    def options(self, request, *args, **kwargs):
        # Django's plain answer: DRF's would describe the view through the page's template.
        return View.options(self, request, *args, **kwargs)
