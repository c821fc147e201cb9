from django.contrib.sitemaps import Sitemap

from advisories.models import Advisory, Location


class CountrySitemap(Sitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self):
        return Location.objects.countries().order_by("iso_code")


class AdvisorySitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Advisory.objects.public().order_by("pk")

    def lastmod(self, advisory):
        return advisory.updated_at


class PlaceSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.4

    def items(self):
        return Location.objects.below_country().order_by("slug")
