"""Full-text search shared by advisories, articles and people.

On PostgreSQL each model's `search_vector` column is kept up to date by a trigger (see the
`search_trigger` migrations) and searched with the visitor's own syntax (websearch: quotes,
`or`, `-word`), ranked, with highlighted snippets. Elsewhere a substring match of every word,
each in any of the same fields, keeps the demo working; tests/test_search.py proves both search
the fields that each queryset's `search_fields` names.
"""

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection, models
from django.db.models import F, Q, TextField, Value
from django.db.models.functions import Concat

from publishing.richtext import MARK_START, MARK_STOP

CONFIG = "english"


def clean_text(text):
    """The search text as the database can take it: no NUL (PostgreSQL refuses it), trimmed."""
    return str(text or "").replace("\x00", " ").strip()


def _query(text):
    return SearchQuery(text, search_type="websearch", config=CONFIG)


def _on_postgresql():
    return connection.vendor == "postgresql"


class SearchableQuerySet(models.QuerySet):
    """A queryset with `search(text)` and `with_snippet(text)`; subclasses name their fields."""

    search_fields = ()  # what the trigger indexes; matched with icontains off PostgreSQL
    snippet_fields = ()  # the plain text a snippet is cut from, in order: summary, then body
    plain_snippet_field = None  # the snippet where there is no headline to cut

    def search(self, text, among_latest=None):
        """Matches for `text`, best first (annotated `rank`) on PostgreSQL; none for blank text.
        With `among_latest`, only that many of the latest matches are ranked: a word in every
        row would otherwise rank them all (the search page's few best; lists count them all).

        Chain it after `public()` and before any `order_by()` that should replace the ranking.
        """
        text = clean_text(text)
        if not text:
            return self.none()
        if not _on_postgresql():
            # Every word, each in any of the fields, as PostgreSQL matches "iraq leave".
            match = Q()
            for word in text.replace('"', " ").split():
                in_any_field = Q()
                for field in self.search_fields:
                    in_any_field |= Q(**{f"{field}__icontains": word})
                match &= in_any_field
            return self.filter(match)
        query = _query(text)
        matches = self.filter(search_vector=query)
        if among_latest:
            latest = matches.order_by(*self.model._meta.ordering).values("pk")[:among_latest]
            matches = self.filter(pk__in=latest)
        ranked = matches.annotate(rank=SearchRank(F("search_vector"), query))
        return ranked.order_by("-rank", *self.model._meta.ordering)

    def with_snippet(self, text):
        """Annotate `snippet`: plain text with the words matching `text` between the sentinels.

        Never HTML-safe: templates show it through `highlight` (richtext.highlight_snippet).
        """
        if not _on_postgresql():
            return self.annotate(snippet=F(self.plain_snippet_field))
        # One document, summary first: the fragments come from wherever the words are, and a row
        # found by other words (a country's name) still gets its summary's opening.
        document = F(self.snippet_fields[0])
        for field in self.snippet_fields[1:]:
            document = Concat(document, Value("\n\n"), F(field), output_field=TextField())
        headline = SearchHeadline(
            document,
            _query(clean_text(text)),
            config=CONFIG,
            start_sel=MARK_START,
            stop_sel=MARK_STOP,
            max_words=35,
            min_words=15,
            max_fragments=2,
        )
        return self.annotate(snippet=headline)
