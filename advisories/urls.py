from django.urls import path

from advisories import (
    converters,  # noqa: F401 (registers <iso:…>)
    feeds,
    views,
)
from publishing.feeds import feed_paths
from publishing.freshness import public_page

app_name = "advisories"

urlpatterns = [
    path("advisories/", public_page(views.AdvisoryListView.as_view()), name="list"),
    path("advisories/<slug:slug>/", public_page(views.AdvisoryDetailView.as_view()), name="detail"),
    *feed_paths("feeds/advisories", feeds.AdvisoryFeed, name="feed"),
    *feed_paths("countries/<iso:iso>/feed", feeds.CountryFeed, name="country-feed"),
]
