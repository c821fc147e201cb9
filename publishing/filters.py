"""What the filters of every list share: the text search, the date range, the date picker, and
the active filters shown as chips."""

import django_filters
from django import forms
from django.http import QueryDict

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


def filter_errors(form, whole="filter"):
    """An invalid filter form's errors in plain words, one "Label: message" each; `whole` names
    the errors of the form as a whole (a date range running backwards)."""
    return [
        f"{form.fields[name].label if name != '__all__' else whole}: {message}"
        for name, messages in form.errors.items()
        for message in messages
    ]


def active_filters(form, path):
    """The filters a valid `form` narrows its list by, one (label, URL) pair per value: the
    chips that each remove one value and keep the rest ("Country: Iraq", `?country=SY`)."""
    chosen = {}
    for name in form.fields:
        value = form.cleaned_data.get(name)
        values = value if isinstance(value, list | tuple) else [value]
        # An unticked box (False) narrows nothing; a ticked one reads as its label alone.
        chosen[name] = [str(v) for v in values if v not in (None, "", False)]
    chips = []
    for name, values in chosen.items():
        field = form.fields[name]
        labels = (
            {str(k): v for k, v in field.choices} if values and hasattr(field, "choices") else {}
        )
        for value in values:
            query = QueryDict(mutable=True)
            for other, others in chosen.items():
                query.setlist(other, [v for v in others if other != name or v != value])
            label = str(field.label) if value == "True" else str(labels.get(value, f"“{value}”"))
            if not label.startswith(str(field.label)):  # "Level 4: Do Not Travel" says it
                label = f"{field.label}: {label}"
            chips.append((label, f"{path}?{query.urlencode()}".rstrip("?")))
    return chips
