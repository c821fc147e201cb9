from django.urls import path

from advisories import converters  # noqa: F401 (registers <iso:…>)
from front import comparison, views
from publishing.feeds import feed_paths
from publishing.freshness import public_page

app_name = "front"

urlpatterns = [
    path("", public_page(views.home), name="home"),
    path("countries/", public_page(views.country_list), name="country-list"),
    path(
        "countries/disagreements/",
        public_page(comparison.disagreements_page),
        name="disagreements",
    ),
    *feed_paths("countries/disagreements/feed", comparison.DisagreementFeed, "disagreements-feed"),
    path("countries/<iso:iso>/", public_page(views.country_detail), name="country"),
    path("places/<slug:slug>/", public_page(views.place_detail), name="place"),
    path("search/", public_page(views.search), name="search"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
]
