"""Public pages of advisories: the filtered list and one advisory."""

from advisories.filters import AdvisoryFilter
from advisories.models import Advisory
from publishing.feeds import feed_links
from publishing.views import FilteredListView, PreviewableDetailView


class AdvisoryListView(FilteredListView):
    filterset_class = AdvisoryFilter
    feed_name = "advisories:feed"
    template_name = "advisories/advisory_list.html"
    context_object_name = "advisories"
    paginate_by = 25

    def get_queryset(self):
        public = Advisory.objects.public()
        return public.select_related("country").prefetch_related("indicators")


class AdvisoryDetailView(PreviewableDetailView):
    model = Advisory
    template_name = "advisories/advisory_detail.html"
    context_object_name = "advisory"

    def with_related(self, queryset):
        related = queryset.select_related("country__parent").prefetch_related(
            "indicators", "places"
        )
        return related.with_superseded_at()

    def get_context_data(self, **kwargs):
        advisory = self.object
        return super().get_context_data(
            # Through the reverse relation: advisories never import the articles app.
            articles=advisory.articles.public(),
            others=Advisory.objects.public()
            .for_country(advisory.country)
            .exclude(pk=advisory.pk)
            .with_superseded_at()
            .select_related("country")[:10],
            feeds=feed_links("advisories:country-feed", advisory.country.iso_code.lower()),
            # What replaced a superseded travel advisory: the issuer's current one.
            current=advisory.successor() if advisory.superseded_at else None,
            # Old advice is no search result of its own: readers should land on the current.
            noindex=bool(advisory.superseded_at) or advisory.is_past_alert,
            **kwargs,
        )
