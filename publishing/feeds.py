"""The machinery of every RSS 2.0, Atom 1.0 and JSON Feed 1.1 feed: a list's feed takes exactly
the query string of the page it mirrors, through the same FilterSet; a filter that cannot be read
is a 400. Every feed is a public page (publishing.freshness): a 304 to a repeat, rendered once
in each state of the content.
"""

import json
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import HttpResponse, HttpResponseBadRequest
from django.http.request import split_domain_port
from django.urls import path, reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed
from django.utils.html import escape

from publishing.filters import filter_errors
from publishing.freshness import public_page
from publishing.richtext import strip_control_characters

GEORSS = "http://www.georss.org/georss"
FEED_LENGTH = 50


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


class JsonFeed(SyndicationFeed):
    """JSON Feed 1.1 (jsonfeed.org/version/1.1), from the same items as the RSS and Atom feeds."""

    content_type = "application/feed+json; charset=utf-8"

    def write(self, outfile, encoding):
        outfile.write(json.dumps(self.document(), ensure_ascii=False, indent=1))

    def document(self):
        feed = self.feed
        return {
            "version": "https://jsonfeed.org/version/1.1",
            "title": feed["title"],
            "home_page_url": feed["link"],
            "feed_url": feed["feed_url"],
            # Plain text: the RSS description is escaped for readers that render it as HTML.
            "description": feed["subtitle"],
            "language": feed["language"],
            "items": [self.json_item(item) for item in self.items],
        }

    @staticmethod
    def json_item(item):
        entry = {
            "id": item["unique_id"],
            "url": item["link"],
            "title": item["title"],
            "content_html": item["description"],
            "date_published": item["pubdate"].isoformat(),
            "date_modified": item["updateddate"].isoformat(),
            "authors": [{"name": item["author_name"]}],
            "tags": list(item["categories"]),
        }
        if item.get("point"):
            entry["_georss"] = {"about": GEORSS, "point": item["point"]}
        return entry


def xml_safe(value):
    """A feed's value (a string, or a dict or list of them) without XML's forbidden characters."""
    if isinstance(value, dict):
        return {key: xml_safe(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [xml_safe(item) for item in value]
    return strip_control_characters(value)


FEED_TYPES = {"rss": GeoRssFeed, "atom": GeoAtomFeed, "json": JsonFeed}


def feed_paths(route, feed_class, name):
    """A feed's routes, one per format: `route`.rss, .atom and .json, named `name`-rss etc."""
    routes = []
    for extension, feed_type in FEED_TYPES.items():
        view = feed_class()
        view.feed_type = feed_type
        routes.append(path(f"{route}.{extension}", public_page(view), name=f"{name}-{extension}"))
    return routes


def feed_links(name, *args, query=None):
    """The URLs of one feed (see `feed_paths`), with the query string of the page offering it."""
    suffix = f"?{query.urlencode()}" if query else ""
    return {
        extension: reverse(f"{name}-{extension}", args=args) + suffix for extension in FEED_TYPES
    }


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
        raise InvalidFilter("\n".join(filter_errors(filterset.form)))
    return filterset


def describe(filterset):
    """The filters in words: "Middle East, Level 4: Do Not Travel, Terrorism"."""
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
    """A feed of the latest public items of a list.

    Subclasses name the `filterset_class` of the list they mirror (its model, a Publishable, is
    the feed's) and define `latest(source)`, the items. A feed of something other than the list
    defines `source(request, *args)`, returning a FeedSource.
    """

    feed_type = GeoRssFeed
    filterset_class = None

    @property
    def model(self):
        return self.filterset_class._meta.model

    def __call__(self, request, *args, **kwargs):
        try:
            source = self.source(request, *args, **kwargs)
        except InvalidFilter as error:
            return HttpResponseBadRequest(
                f"This feed's filter could not be read:\n{error}\n",
                content_type="text/plain; charset=utf-8",
            )
        feed = self.get_feed(source, request)
        response = HttpResponse(content_type=feed.content_type)
        feed.write(response, "utf-8")
        return response

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

    def source(self, request):
        """What a feed mirroring a filtered list lists: the list's query string, applied."""
        filterset = filtered(self.filterset_class, request, self.model.objects.released())
        what, noun = describe(filterset), str(self.model._meta.verbose_name_plural)
        list_url = reverse(f"{self.model._meta.app_label}:list")  # /advisories/, /articles/
        return self.source_of(
            request,
            filterset.qs,
            title=f"{noun}: {what}" if what else noun,
            link=list_url + (f"?{request.GET.urlencode()}" if what else ""),
            description=f"{noun.capitalize()} on Advisory Atlas" + (f": {what}." if what else "."),
        )

    def get_feed(self, source, request):
        """The feed, its text stripped of the control characters XML cannot carry: a row written
        around save() (by SQL, or before that rule) must not take every feed down."""
        feed = super().get_feed(source, request)
        feed.feed = xml_safe(feed.feed)
        feed.items = [xml_safe(item) for item in feed.items]
        return feed

    def title(self, source):
        return source.title

    def link(self, source):
        return source.link

    def description(self, source):
        # Readers render an RSS channel's description as HTML: what a visitor typed into the
        # query string is shown as text there, never as markup.
        return escape(source.description)

    def subtitle(self, source):
        return source.description  # Atom's is plain text (type="text")

    def feed_url(self, source):
        return source.url

    def item_description(self, item):
        # The summary is plain text; body_html was cleaned when it was saved.
        return f"<p>{escape(item.summary)}</p>{item.body_html}"

    def item_pubdate(self, item):
        return getattr(item, self.model.date_field)

    def item_updateddate(self, item):
        return item.updated_at
