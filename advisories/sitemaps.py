from django.contrib.sitemaps import GenericSitemap

from advisories.models import Advisory, Location
from publishing.sitemaps import PublishedSitemap


class AdvisorySitemap(PublishedSitemap):
    model = Advisory
    changefreq = "weekly"


# Countries and places have no status: every one has its page.
SITEMAPS = {
    "countries": GenericSitemap(
        {"queryset": Location.objects.countries().order_by("iso_code")},
        priority=0.8,
        changefreq="daily",
    ),
    "advisories": AdvisorySitemap,
    "places": GenericSitemap(
        {"queryset": Location.objects.below_country().order_by("slug")},
        priority=0.4,
        changefreq="weekly",
    ),
}
