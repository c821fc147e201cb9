from django.contrib.sitemaps import Sitemap


class PublishedSitemap(Sitemap):
    """The public rows of a Publishable `model`, each with the time of its last edit."""

    model = None

    def items(self):
        return self.model.objects.public().order_by("pk")

    def lastmod(self, item):
        return item.updated_at
