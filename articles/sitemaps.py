from articles.models import Article, Person
from publishing.sitemaps import PublishedSitemap


class ArticleSitemap(PublishedSitemap):
    model = Article
    changefreq = "monthly"


class PersonSitemap(PublishedSitemap):
    model = Person
    changefreq = "monthly"
    priority = 0.4


SITEMAPS = {"articles": ArticleSitemap, "people": PersonSitemap}
