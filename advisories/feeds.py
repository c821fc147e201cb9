"""RSS 2.0 and Atom 1.0 feeds of advisories: all, any filtered list, one country.

A feed takes exactly the query string of the page it mirrors, through the same FilterSet.
`ListFeed` is the shared machinery (articles' feeds use it too): a 400 for a filter that cannot
be read, ETag and Last-Modified from one aggregate query, and a 304 that renders nothing.
"""

import hashlib
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.db.models import Count, Max, Q, QuerySet
from django.http import HttpResponse, HttpResponseBadRequest
from django.http.request import split_domain_port
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.http import http_date, quote_etag

from advisories.filters import AdvisoryFilter
from advisories.models import Advisory, Location

GEORSS = "http://www.georss.org/georss"
FEED_LENGTH = 50
MAX_AGE = 600  # seconds: advisories change a few times a day, readers poll often


class GeoPoints:
    """Adds the item's `point` ("lat lon") as a GeoRSS element, where the country has one."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("point"):
            handler.addQuickElement("georss:point", item["point"])


class GeoRssFeed(GeoPoints, Rss201rev2Feed):
    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:georss": GEORSS}


class GeoAtomFeed(GeoPoints, Atom1Feed):
    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:georss": GEORSS}


class InvalidFilter(Exception):
    """The query string could not be read; the message says why."""


@dataclass
class FeedSource:
    """What one feed request lists: the matching released rows, and how to name it."""

    queryset: QuerySet
    title: str
    link: str
    description: str
    host: str  # for the items' ids
    url: str  # the feed's own address, query string included


def filtered(filterset_class, request, queryset):
    """Apply a list page's FilterSet to a feed request, or raise InvalidFilter."""
    filterset = filterset_class(request.GET or None, queryset=queryset)
    if filterset.is_bound and not filterset.is_valid():
        errors = [
            f"{filterset.form.fields[name].label if name != '__all__' else 'filter'}: {message}"
            for name, messages in filterset.form.errors.items()
            for message in messages
        ]
        raise InvalidFilter("\n".join(errors))
    return filterset


def describe(filterset):
    """The filters in words: "Do Not Travel, Terrorism, Middle East"."""
    if not filterset.is_bound:
        return ""
    words = []
    for name, value in filterset.form.cleaned_data.items():
        field = filterset.form.fields[name]
        if not value or name == "ordering":
            continue
        if not hasattr(field, "choices"):
            words.append(f"{field.label} {value}")
            continue
        labels = {str(key): label for key, label in field.choices}
        words += [labels[str(v)] for v in (value if isinstance(value, list) else [value])]
    return ", ".join(words)


def host_of(request):
    """The site's host name without a port: the authority of the items' tag URIs."""
    return split_domain_port(request.get_host())[0]


class ListFeed(Feed):
    """A feed of the latest public items of a list, answering conditional GETs cheaply.

    Subclasses define `source(request, *args)` returning a FeedSource and `latest(source)`
    returning the items, and name the model's `date_field` (when an item becomes public) and
    `expiry_field` (when it stops, if it can).
    """

    feed_type = GeoRssFeed
    date_field = "issued_at"
    expiry_field = None

    def __call__(self, request, *args, **kwargs):
        try:
            source = self.source(request, *args, **kwargs)
        except InvalidFilter as error:
            return HttpResponseBadRequest(
                f"This feed's filter could not be read:\n{error}\n",
                content_type="text/plain; charset=utf-8",
            )
        etag, last_modified = self.validators(request, source.queryset)
        response = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if response is None:
            feed = self.get_feed(source, request)
            response = HttpResponse(content_type=feed.content_type)
            feed.write(response, "utf-8")
        # On the 304 too, as the condition decorator does: a cache refreshes what it holds.
        response.headers["ETag"] = etag
        if last_modified:
            response.headers["Last-Modified"] = http_date(last_modified)
        patch_cache_control(response, public=True, max_age=MAX_AGE)
        return response

    def validators(self, request, queryset):
        """ETag and Last-Modified of what the feed lists, by one aggregate query.

        `queryset` is the filtered `released` rows, so that an expiry moves Last-Modified too,
        and the count catches an item leaving the feed.
        """
        now = timezone.now()
        changes = {
            "count": Count("pk", filter=queryset.public_condition()),
            "edited": Max("updated_at"),
            "appeared": Max(self.date_field),
        }
        if self.expiry_field:
            changes["expired"] = Max(
                self.expiry_field, filter=Q(**{f"{self.expiry_field}__lte": now})
            )
        state = queryset.order_by().aggregate(**changes)
        times = [t for key, t in state.items() if key != "count" and t is not None]
        # Whole seconds: HTTP dates have no fractions, and If-Modified-Since must match.
        last_modified = int(max(times).timestamp()) if times else None
        identity = f"{type(self).__name__} {request.get_full_path()} {state}"
        return quote_etag(hashlib.sha256(identity.encode()).hexdigest()[:32]), last_modified

    def released(self, model):
        """The rows the public has seen: published and issued, expired ones included.

        Feeds filter these and list their public ones. Drafts, archived and scheduled rows
        are left out from the start, so that not even the headers of a filtered feed
        (`?q=` a word only a draft holds) tell that they exist.
        """
        issued = {f"{self.date_field}__lte": timezone.now()}
        return model.objects.filter(status=model.Status.PUBLISHED, **issued)

    def items(self, source):
        items = list(self.latest(source)[:FEED_LENGTH])
        for item in items:
            # A tag URI from the row's identity, so that an edit never makes an item look new.
            kind = type(item).__name__.lower()
            item.feed_id = f"tag:{source.host},{item.created_at:%Y-%m-%d}:{kind}/{item.pk}"
        return items

    def item_guid(self, item):
        return item.feed_id

    item_guid_is_permalink = False

    def source_of(self, request, queryset, title, link, description):
        return FeedSource(
            queryset=queryset,
            title=f"Advisory Atlas — {title}",
            link=link,
            description=description,
            host=host_of(request),
            url=request.get_full_path(),
        )

    def filtered_source(self, request, filterset_class, queryset, noun, list_url):
        """The source of a feed that mirrors a filtered list page and its query string."""
        filterset = filtered(filterset_class, request, queryset)
        what = describe(filterset)
        return self.source_of(
            request,
            filterset.qs,
            title=f"{noun}: {what}" if what else noun,
            link=list_url + (f"?{request.GET.urlencode()}" if what else ""),
            description=f"{noun.capitalize()} on Advisory Atlas" + (f": {what}." if what else "."),
        )

    def title(self, source):
        return source.title

    def link(self, source):
        return source.link

    def description(self, source):
        return source.description

    def feed_url(self, source):
        return source.url

    subtitle = description  # Atom's name for it

    def item_description(self, item):
        # The summary is plain text; body_html was cleaned when it was saved.
        return f"<p>{escape(item.summary)}</p>{item.body_html}"

    def item_updateddate(self, item):
        return item.updated_at


class AdvisoryFeed(ListFeed):
    """All public advisories, or those the query string of /advisories/ selects."""

    expiry_field = "expires_at"

    def source(self, request):
        queryset = self.released(Advisory)
        list_url = reverse("advisories:list")
        return self.filtered_source(request, AdvisoryFilter, queryset, "advisories", list_url)

    def latest(self, source):
        return source.queryset.public().select_related("country").prefetch_related("indicators")

    def item_title(self, advisory):
        if not advisory.is_alert:
            return advisory.headline
        kind, title = advisory.get_kind_display(), advisory.title
        # Not twice when the title says it already: "Security Alert: depart Iraq immediately".
        if not title.lower().startswith(kind.lower()):
            title = f"{kind}: {title}"
        return f"{advisory.headline} — {title}"

    def item_pubdate(self, advisory):
        return advisory.issued_at

    def item_author_name(self, advisory):
        return advisory.issuer

    def item_categories(self, advisory):
        level = f"Level {advisory.level}: {advisory.get_level_display()}"
        indicators = [indicator.name for indicator in advisory.indicators.all()]
        return [level, advisory.get_kind_display(), *indicators]

    def item_extra_kwargs(self, advisory):
        country = advisory.country
        if country.latitude is None or country.longitude is None:
            return {}
        return {"point": f"{country.latitude} {country.longitude}"}


class AdvisoryAtomFeed(AdvisoryFeed):
    feed_type = GeoAtomFeed


class CountryFeed(AdvisoryFeed):
    """One country's public advisories and alerts."""

    def source(self, request, iso):
        country = get_object_or_404(Location.objects.countries(), iso_code=iso.upper())
        return self.source_of(
            request,
            self.released(Advisory).for_country(country),
            title=country.name,
            link=country.get_absolute_url(),
            description=f"Travel advisories and alerts for {country.name}.",
        )


class CountryAtomFeed(CountryFeed):
    feed_type = GeoAtomFeed
