"""What the filters of every list share: the text search, the date range, the date picker."""

import django_filters
from django import forms

# The browser's date picker; the server still validates what arrives.
DATE_INPUT = forms.DateInput(attrs={"type": "date"})


class DateRangeForm(forms.Form):
    """A filter form whose date range (`date_range`: the from and to fields) runs forwards."""

    date_range = ()

    def clean(self):
        cleaned = super().clean()
        start, end = (cleaned.get(name) for name in self.date_range)
        if start and end and start > end:
            raise forms.ValidationError("The start date is after the end date.")
        return cleaned


class SearchableFilterSet(django_filters.FilterSet):
    """A list's FilterSet, its first filter the words to search for (`q`, as /search/ reads)."""

    q = django_filters.CharFilter(method="filter_text", label="Text", max_length=200)

    def filter_text(self, queryset, name, value):
        return queryset.search(value)
