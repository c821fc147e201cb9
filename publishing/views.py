"""The list and detail views every public model shares: filtered lists that offer their own
feeds, and detail pages that staff may preview before the public sees them."""

from django.http import Http404
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers
from django.views.generic import DetailView
from django_filters.views import FilterView

from publishing.feeds import feed_links
from publishing.filters import active_filters
from publishing.freshness import signed_in
from publishing.pagination import CappedPaginator


class FilteredListView(FilterView):
    """A filtered, paginated list whose query string is also the query string of its feeds."""

    feed_name = None  # the feeds' URL name without -rss/-atom
    paginator_class = CappedPaginator
    strict = True  # an invalid filter shows its errors and no results, never everything

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        form = self.filterset.form
        return super().get_context_data(
            feeds=feed_links(self.feed_name, query=query),
            active_filters=active_filters(form, self.request.path) if form.is_valid() else [],
            **kwargs,
        )

    def render_to_response(self, context, **kwargs):
        if self.filterset.is_bound and not self.filterset.is_valid():
            kwargs["status"] = 400
        return super().render_to_response(context, **kwargs)


class PreviewableDetailView(DetailView):
    """One public item's page. Staff who may view the model also see drafts, archived, expired
    and scheduled items there (the admin's "view on site"), marked as a preview and never cached.

    Subclasses give `with_related(queryset)`: the select_related/prefetch_related the page needs.
    """

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            # An edition retired by a newer one: its address leads to the one now published.
            edition = self.model.objects.filter(slug=kwargs.get("slug")).first()
            latest = edition.latest_edition() if edition else None
            if latest is None or latest == edition or not latest.is_public():
                raise
            return redirect(latest, permanent=True)

    def previewing(self):
        meta = self.model._meta
        permission = f"{meta.app_label}.view_{meta.model_name}"
        return signed_in(self.request) and self.request.user.has_perm(permission)

    def get_queryset(self):
        queryset = self.with_related(self.model.objects.all())
        return queryset if self.previewing() else queryset.public()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["preview"] = self.previewing() and not self.object.is_public()
        return context

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if context["preview"]:
            add_never_cache_headers(response)
        return response
