from django.contrib.sitemaps import Sitemap

from articles.models import Article, Person


class ArticleSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Article.objects.public().order_by("pk")

    def lastmod(self, article):
        return article.updated_at


class PersonSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.4

    def items(self):
        return Person.objects.order_by("pk")
