"""RSS 2.0 and Atom 1.0 feeds of articles: all, any filtered list, the articles naming a person."""

from django.shortcuts import get_object_or_404

from articles.filters import ArticleFilter
from articles.models import Person
from publishing.feeds import ListFeed


class ArticleFeed(ListFeed):
    """All public articles, or those the query string of /articles/ selects."""

    filterset_class = ArticleFilter

    def latest(self, source):
        return source.queryset.public().with_people()

    def item_title(self, article):
        return article.title

    def item_author_name(self, article):
        return article.byline or article.outlet

    def item_categories(self, article):
        return [article.outlet, *(person.name for person in article.people.all())]


class PersonFeed(ArticleFeed):
    """The public articles naming one person."""

    def source(self, request, slug):
        person = get_object_or_404(Person.objects.public(), slug=slug)
        return self.source_of(
            request,
            self.model.objects.released().filter(people=person),
            title=person.name,
            link=person.get_absolute_url(),
            description=f"News articles naming {person.name}.",
        )
