"""Public pages for articles and the people they name."""

from django.views.generic import ListView

from articles.filters import ArticleFilter
from articles.models import Article, Person
from publishing.feeds import feed_links
from publishing.views import FilteredListView, PreviewableDetailView


class ArticleListView(FilteredListView):
    filterset_class = ArticleFilter
    feed_name = "articles:feed"
    template_name = "articles/article_list.html"
    context_object_name = "articles"
    paginate_by = 20

    def get_queryset(self):
        return Article.objects.public().with_people()


class ArticleDetailView(PreviewableDetailView):
    model = Article
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def with_related(self, queryset):
        return queryset.with_people().prefetch_related("places")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            advisories=self.object.advisories.public()
            .with_superseded_at()
            .select_related("country"),
            feeds=feed_links("articles:feed"),
            **kwargs,
        )


class PersonListView(ListView):
    template_name = "articles/person_list.html"
    context_object_name = "people"
    paginate_by = 50
    queryset = Person.objects.public().select_related("country")


class PersonDetailView(PreviewableDetailView):
    model = Person
    template_name = "articles/person_detail.html"
    context_object_name = "person"

    def with_related(self, queryset):
        return queryset.select_related("country")

    def get_context_data(self, **kwargs):
        person = self.object
        return super().get_context_data(
            articles=person.articles.public(),
            feeds=feed_links("articles:person-feed", person.slug),
            **kwargs,
        )
