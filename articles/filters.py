"""The article filter: one FilterSet behind the /articles/ page and its feeds."""

import django_filters
from django import forms

from advisories.models import Location
from articles.models import Article, Person
from publishing.filters import DATE_INPUT, DateRangeForm, SearchableFilterSet


class ArticleFilterForm(DateRangeForm):
    """Places and people are named by slug, not chosen from a list that grows without bound."""

    date_range = ("published_from", "published_to")

    def clean_place(self):
        return self._existing_slug("place", Location.objects.all(), "place")

    def clean_person(self):
        return self._existing_slug("person", Person.objects.public(), "person")

    def _existing_slug(self, field, queryset, noun):
        slug = self.cleaned_data.get(field)
        if slug and not queryset.filter(slug=slug).exists():
            raise forms.ValidationError(f"There is no {noun} “{slug}”.")
        return slug


class ArticleFilter(SearchableFilterSet):
    place = django_filters.CharFilter(
        method="filter_place", label="Place", max_length=200, help_text="A place's slug: baghdad."
    )
    person = django_filters.CharFilter(
        field_name="people__slug", label="Person", max_length=200, distinct=True
    )
    outlet = django_filters.CharFilter(lookup_expr="iexact", max_length=200)
    published_from = django_filters.DateFilter(
        field_name="published_at",
        lookup_expr="date__gte",
        label="Published from",
        widget=DATE_INPUT,
    )
    published_to = django_filters.DateFilter(
        field_name="published_at", lookup_expr="date__lte", label="Published to", widget=DATE_INPUT
    )

    class Meta:
        model = Article
        fields = []
        form = ArticleFilterForm

    def filter_place(self, queryset, name, value):
        return queryset.naming(value)
