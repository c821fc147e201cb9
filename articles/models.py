from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import Prefetch, Q
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from advisories.models import Advisory, Location
from publishing.models import Publishable, PublishableQuerySet


class PersonQuerySet(PublishableQuerySet):
    # The same fields as the trigger in migrations/0003_search_trigger.py.
    search_fields = ("name", "role", "organization", "bio")
    # The role already stands beside the name; the snippet is the bio on both databases.
    snippet_fields = ("bio",)
    plain_snippet_field = "bio"

    def of_country(self, country, articles):
        """People of `country`, or named in `articles` (the few its page lists): the cost then
        follows the articles shown, not the thousands behind them."""
        named = Article.people.through.objects.filter(article__in=articles)
        return self.filter(Q(country=country) | Q(pk__in=named.values("person")))


class Person(Publishable):
    """Someone the news names: a commander, a head of state, a correspondent.

    A person's page is public once published: it has no date of its own to wait for. An update
    is a new edition, as for an article; publishing it moves the articles naming the person over.
    """

    rich_text_field = "bio"
    date_field = None

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    role = models.CharField(
        max_length=200, blank=True, help_text='e.g. "Commander of the Quds Force".'
    )
    organization = models.CharField(max_length=200, blank=True)
    country = models.ForeignKey(
        Location,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        limit_choices_to={"kind": Location.Kind.COUNTRY},
    )
    bio = models.TextField(blank=True, help_text="Markdown.")
    bio_html = models.TextField(blank=True, editable=False)

    objects = PersonQuerySet.as_manager()
    history = HistoricalRecords(app="publishing", excluded_fields=Publishable.unversioned_fields)

    class Meta:
        verbose_name_plural = "people"
        ordering = ["name"]
        permissions = [("publish_person", "Can publish and unpublish people's pages")]
        indexes = [
            models.Index(fields=["name"], name="person_name_idx"),
            GinIndex(fields=["search_vector"], name="person_search_idx"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:person", args=[self.slug])


class ArticleQuerySet(PublishableQuerySet):
    # The same fields as the trigger in migrations/0003_search_trigger.py.
    search_fields = ("title", "summary", "body", "outlet", "byline")
    snippet_fields = ("summary", "body")
    plain_snippet_field = "summary"

    def with_people(self):
        """Prefetch each article's people, those with a public page only."""
        return self.prefetch_related(Prefetch("people", queryset=Person.objects.public()))

    def naming(self, slug):
        """Articles naming the place with this slug or a place inside it: Iraq finds Baghdad's."""
        naming = Article.objects.filter(
            Q(places__slug=slug)
            | Q(places__parent__slug=slug)
            | Q(places__parent__parent__slug=slug)
        )
        return self.filter(pk__in=naming.values("pk"))


class Article(Publishable):
    """A news article about the situation behind one or more advisories."""

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=300, unique=True)
    outlet = models.CharField(max_length=200, help_text="e.g. CBS News.")
    url = models.URLField("original article", max_length=500, blank=True)
    byline = models.CharField(max_length=300, blank=True)
    published_at = models.DateTimeField(default=timezone.now)
    summary = models.TextField(blank=True, help_text="Plain text, a few sentences.")
    body = models.TextField(blank=True, help_text="Markdown.")
    body_html = models.TextField(blank=True, editable=False)
    people = models.ManyToManyField(Person, blank=True, related_name="articles")
    places = models.ManyToManyField(Location, blank=True, related_name="articles")
    advisories = models.ManyToManyField(Advisory, blank=True, related_name="articles")

    objects = ArticleQuerySet.as_manager()
    history = HistoricalRecords(
        app="publishing",
        excluded_fields=Publishable.unversioned_fields,
        m2m_fields=[people, places, advisories],
    )

    class Meta:
        ordering = ["-published_at", "-pk"]
        permissions = [("publish_article", "Can publish and unpublish articles")]
        indexes = [
            # Public lists and feeds: status filter, newest first.
            models.Index(fields=["status", "-published_at"], name="article_status_published_idx"),
            # The outlet filter matches case-insensitively: UPPER(outlet) = UPPER(%s).
            models.Index(Upper("outlet"), name="article_outlet_upper_idx"),
            GinIndex(fields=["search_vector"], name="article_search_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("articles:detail", args=[self.slug])
