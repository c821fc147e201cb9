from django.contrib.sitemaps import GenericSitemap

from articles.models import Article, Person
from publishing.sitemaps import PublishedSitemap


class ArticleSitemap(PublishedSitemap):
    model = Article
    changefreq = "monthly"


SITEMAPS = {
    "articles": ArticleSitemap,
    "people": GenericSitemap(
        {"queryset": Person.objects.order_by("pk")}, priority=0.4, changefreq="monthly"
    ),
}
