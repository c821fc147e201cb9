"""RSS 2.0 and Atom 1.0 feeds of articles: all, any filtered list, the articles naming a person."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.html import escape

from advisories.feeds import FeedSource, GeoAtomFeed, ListFeed, describe, filtered, host_of
from articles.filters import ArticleFilter
from articles.models import Article, Person


class ArticleFeed(ListFeed):
    """All public articles, or those the query string of /articles/ selects."""

    date_field = "published_at"

    def source(self, request):
        filterset = filtered(ArticleFilter, request, Article.objects.all())
        what = describe(filterset)
        return FeedSource(
            queryset=filterset.qs,
            title=f"Advisory Atlas — articles{': ' + what if what else ''}",
            link=reverse("articles:list") + (f"?{request.GET.urlencode()}" if what else ""),
            description="News articles behind the advisories"
            + (f" ({what})" if what else "")
            + ".",
            host=host_of(request),
            url=request.get_full_path(),
        )

    def latest(self, source):
        return source.queryset.public().prefetch_related("people")

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return f"<p>{escape(article.summary)}</p>{article.body_html}"

    def item_pubdate(self, article):
        return article.published_at

    def item_author_name(self, article):
        return article.byline or article.outlet

    def item_categories(self, article):
        return [article.outlet, *(person.name for person in article.people.all())]


class ArticleAtomFeed(ArticleFeed):
    feed_type = GeoAtomFeed


class PersonFeed(ArticleFeed):
    """The public articles naming one person."""

    def source(self, request, slug):
        person = get_object_or_404(Person, slug=slug)
        return FeedSource(
            queryset=Article.objects.filter(people=person),
            title=f"Advisory Atlas — {person.name}",
            link=person.get_absolute_url(),
            description=f"News articles naming {person.name}.",
            host=host_of(request),
            url=request.get_full_path(),
        )


class PersonAtomFeed(PersonFeed):
    feed_type = GeoAtomFeed
