"""The advisory filter: one FilterSet behind the /advisories/ page and its feeds."""

import django_filters
from django import forms

from advisories.models import Advisory, Location, RiskIndicator
from publishing.filters import DATE_INPUT, DateRangeForm, SearchableFilterSet


class CodeMultipleChoiceField(forms.MultipleChoiceField):
    """Accepts codes in any case (`iq` or `IQ`), as people type them into URLs."""

    def to_python(self, value):
        return [code.upper() for code in super().to_python(value)]

    def prepare_value(self, value):
        # So that the form shows `iq` from the URL as the selected `IQ`.
        return [str(code).upper() for code in value] if isinstance(value, list) else value


class CodeMultipleChoiceFilter(django_filters.MultipleChoiceFilter):
    field_class = CodeMultipleChoiceField


def country_choices():
    return Location.objects.countries().order_by("name").values_list("iso_code", "name")


def region_choices():
    return Location.objects.regions().order_by("name").values_list("slug", "name")


def indicator_choices():
    return RiskIndicator.objects.order_by("name").values_list("code", "name")


class AdvisoryFilterForm(DateRangeForm):
    date_range = ("issued_from", "issued_to")


class AdvisoryFilter(SearchableFilterSet):
    country = CodeMultipleChoiceFilter(
        field_name="country__iso_code", choices=country_choices, label="Country"
    )
    region = django_filters.ChoiceFilter(
        field_name="country__parent__slug",
        choices=region_choices,
        label="Region",
        empty_label="Any region",
    )
    level = django_filters.MultipleChoiceFilter(
        choices=Advisory.Level.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    indicator = CodeMultipleChoiceFilter(
        field_name="indicators__code",
        choices=indicator_choices,
        distinct=True,
        label="Risk indicator",
        widget=forms.CheckboxSelectMultiple,
    )
    kind = django_filters.ChoiceFilter(choices=Advisory.Kind.choices, empty_label="Any kind")
    issuer = django_filters.CharFilter(lookup_expr="iexact", max_length=200)
    issued_from = django_filters.DateFilter(
        field_name="issued_at", lookup_expr="date__gte", label="Issued from", widget=DATE_INPUT
    )
    issued_to = django_filters.DateFilter(
        field_name="issued_at", lookup_expr="date__lte", label="Issued to", widget=DATE_INPUT
    )
    ordering = django_filters.OrderingFilter(
        fields=[("issued_at", "issued"), ("level", "level"), ("country__name", "country")],
        field_labels={"issued_at": "Date issued", "level": "Level", "country__name": "Country"},
        label="Order by",
        empty_label="Newest first",
    )

    class Meta:
        model = Advisory
        fields = []
        form = AdvisoryFilterForm


class CountryLevelForm(forms.Form):
    """The country list's one filter: the current level (several allowed)."""

    level = forms.TypedMultipleChoiceField(
        choices=Advisory.Level.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
