from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import TemplateView

from advisories.sitemaps import AdvisorySitemap, CountrySitemap, PlaceSitemap
from articles.sitemaps import ArticleSitemap, PersonSitemap

sitemaps = {
    "countries": CountrySitemap,
    "advisories": AdvisorySitemap,
    "places": PlaceSitemap,
    "articles": ArticleSitemap,
    "people": PersonSitemap,
}

urlpatterns = [
    path("admin/", admin.site.urls),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
    path("", include("advisories.urls")),
    path("", include("articles.urls")),
]
