"""Full-text search shared by advisories, articles and people.

On PostgreSQL each model's `search_vector` column is kept up to date by a trigger (see the
`search_trigger` migrations) and searched with the visitor's own syntax (websearch: quotes,
`or`, `-word`), ranked, with highlighted snippets. Elsewhere a substring match keeps the demo
working.
"""

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection, models
from django.db.models import F, Q

from advisories.richtext import MARK_START, MARK_STOP

CONFIG = "english"


def postgresql_only(sql):
    """A RunPython operation that executes `sql` on PostgreSQL and does nothing elsewhere."""

    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return operation


def _query(text):
    return SearchQuery(text, search_type="websearch", config=CONFIG)


class SearchableQuerySet(models.QuerySet):
    """A queryset with `search(text)` and `with_snippet(text)`; subclasses name their fields."""

    fallback_fields = ()  # matched with icontains where PostgreSQL's search is not available
    snippet_field = None  # the plain text a snippet is cut from

    def search(self, text):
        """Matches for `text`, best first on PostgreSQL."""
        if connection.vendor != "postgresql":
            match = Q()
            for field in self.fallback_fields:
                match |= Q(**{f"{field}__icontains": text})
            return self.filter(match)
        query = _query(text)
        return (
            self.filter(search_vector=query)
            .annotate(rank=SearchRank(F("search_vector"), query))
            .order_by("-rank", *self.model._meta.ordering)
        )

    def with_snippet(self, text):
        """Annotate `snippet`: the snippet field with matches marked (see richtext.highlight)."""
        if connection.vendor != "postgresql":
            return self.annotate(snippet=F(self.snippet_field))
        headline = SearchHeadline(
            self.snippet_field,
            _query(text),
            config=CONFIG,
            start_sel=MARK_START,
            stop_sel=MARK_STOP,
            max_words=40,
            min_words=15,
            max_fragments=2,
        )
        return self.annotate(snippet=headline)
