"""RSS 2.0 and Atom 1.0 feeds of advisories: all, any filtered list, one country."""

from django.shortcuts import get_object_or_404

from advisories.filters import AdvisoryFilter
from advisories.models import Location
from publishing.feeds import ListFeed


class AdvisoryFeed(ListFeed):
    """All public advisories, or those the query string of /advisories/ selects."""

    filterset_class = AdvisoryFilter

    def latest(self, source):
        return source.queryset.public().select_related("country").prefetch_related("indicators")

    def item_title(self, advisory):
        if not advisory.is_alert:
            return advisory.headline
        kind, title = advisory.get_kind_display(), advisory.title
        # Not twice when the title says it already: "Security Alert: depart Iraq immediately".
        if not title.lower().startswith(kind.lower()):
            title = f"{kind}: {title}"
        return f"{advisory.headline} — {title}"

    def item_author_name(self, advisory):
        return advisory.issuer

    def item_categories(self, advisory):
        indicators = [indicator.name for indicator in advisory.indicators.all()]
        return [advisory.get_level_display(), advisory.get_kind_display(), *indicators]

    def item_extra_kwargs(self, advisory):
        country = advisory.country
        if country.latitude is None or country.longitude is None:
            return {}
        return {"point": f"{country.latitude} {country.longitude}"}


class CountryFeed(AdvisoryFeed):
    """One country's public advisories and alerts."""

    def source(self, request, iso):
        country = get_object_or_404(Location.objects.countries(), iso_code=iso.upper())
        return self.source_of(
            request,
            self.model.objects.released().for_country(country),
            title=country.name,
            link=country.get_absolute_url(),
            description=f"Travel advisories and alerts for {country.name}.",
        )
