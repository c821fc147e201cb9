"""The advisory filter: one FilterSet behind the /advisories/ page and its feeds."""

import string

import django_filters
from django import forms
from django.template.loader import render_to_string

from advisories.models import Advisory, Location, RiskIndicator
from publishing.filters import DATE_INPUT, DateRangeForm, SearchableFilterSet


class CodeMultipleChoiceField(forms.MultipleChoiceField):
    """Accepts codes in any case (`iq` or `IQ`), as people type them into URLs, and names
    (`Iraq`), as they type them into the country picker."""

    def to_python(self, value):
        values = [str(v).strip() for v in super().to_python(value)]
        by_name = {}
        if any(len(v) > 2 for v in values):  # a name: look it up among the choices
            by_name = {str(name).casefold(): code for code, name in self.choices}
        return [by_name.get(v.casefold(), v.upper()) for v in values]

    def prepare_value(self, value):
        # So that the form shows `iq` from the URL as the selected `IQ`.
        return [str(code).upper() for code in value] if isinstance(value, list) else value


class CodeMultipleChoiceFilter(django_filters.MultipleChoiceFilter):
    field_class = CodeMultipleChoiceField


class CountryPicker(forms.Widget):
    """Countries typed one at a time, with the browser's suggestions (a <datalist> of every
    country), the chosen ones kept as ticked checkboxes: no 250-line list, no script, and the
    same `country=iq&country=sy` as before. Empty boxes are ignored."""

    template_name = "includes/_country_picker.html"
    use_fieldset = True  # a legend over the ticked countries and the box to add one

    def value_from_datadict(self, data, files, name):
        values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
        return [value for value in values if value and value.strip()]

    def format_value(self, value):
        return [str(v) for v in value or []]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        choices = list(self.choices)  # the suggestions, and the names of the chosen ones
        typed = {v.casefold() for v in context["widget"]["value"]}  # a code or a name
        chosen = [(c, label) for c, label in choices if {c.casefold(), label.casefold()} & typed]
        context["widget"].update(choices=choices, chosen=chosen, value=[code for code, _ in chosen])
        return context

    def render(self, name, value, attrs=None, renderer=None):
        # The site's templates: the default form renderer sees only the apps' and Django's own.
        return render_to_string(self.template_name, self.get_context(name, value, attrs))


def country_choices():
    return Location.objects.countries().order_by("name").values_list("iso_code", "name")


def region_choices():
    return Location.objects.regions().order_by("name").values_list("slug", "name")


def indicator_choices():
    return RiskIndicator.objects.order_by("name").values_list("code", "name")


class AdvisoryFilterForm(DateRangeForm):
    date_range = ("issued_from", "issued_to")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Read from the database once per form, not again to validate, to draw and to label the
        # chips of the active filters.
        for name in ("country", "indicator"):
            self.fields[name].choices = list(self.fields[name].choices)


class AdvisoryFilter(SearchableFilterSet):
    country = CodeMultipleChoiceFilter(
        field_name="country__iso_code",
        choices=country_choices,
        label="Country",
        widget=CountryPicker,
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

    superseded = django_filters.BooleanFilter(
        method="include_superseded",
        label="Include superseded and past advice",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = Advisory
        fields = []
        form = AdvisoryFilterForm

    @property
    def qs(self):
        if not self.is_bound and not hasattr(self, "_qs"):
            # No query string: the default alone, current advice, without building the form.
            self._qs = self.queryset.current_advice()
        return super().qs

    def filter_queryset(self, queryset):
        include = self.form.cleaned_data.get("superseded")
        return super().filter_queryset(queryset).current_advice(include_superseded=include)

    def include_superseded(self, queryset, name, value):
        return queryset  # the default is undone in filter_queryset, after the other filters


class CountryFilterForm(forms.Form):
    """The country list's filters: any part of the name, the initial (the A–Z index) and the
    current level (several allowed)."""

    name = forms.CharField(label="Name", max_length=100, required=False)
    initial = forms.ChoiceField(
        choices=[(letter, letter) for letter in string.ascii_uppercase], required=False
    )
    level = forms.TypedMultipleChoiceField(
        choices=Advisory.Level.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def filter(self, countries):
        """`countries` (annotated with_current_level) narrowed to what the valid form asks."""
        data = self.cleaned_data
        if data["name"]:
            countries = countries.filter(name__icontains=data["name"])
        if data["initial"]:
            countries = countries.filter(name__istartswith=data["initial"])
        if data["level"]:
            countries = countries.filter(current_level__in=data["level"])
        return countries
