from django.urls import path, register_converter

from advisories import feeds, views


class CountryCodeConverter:
    """Two letters, as in /countries/iq/: anything else is not a country page (404)."""

    regex = "[A-Za-z]{2}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(CountryCodeConverter, "iso")

app_name = "advisories"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("countries/", views.country_list, name="country-list"),
    path("countries/<iso:iso>/", views.country_detail, name="country"),
    path("advisories/", views.AdvisoryListView.as_view(), name="list"),
    path("advisories/<slug:slug>/", views.AdvisoryDetailView.as_view(), name="detail"),
    path("places/<slug:slug>/", views.place_detail, name="place"),
    path("search/", views.search, name="search"),
    path("feeds/advisories.rss", feeds.AdvisoryFeed(), name="feed-rss"),
    path("feeds/advisories.atom", feeds.AdvisoryAtomFeed(), name="feed-atom"),
    path("countries/<iso:iso>/feed.rss", feeds.CountryFeed(), name="country-feed-rss"),
    path("countries/<iso:iso>/feed.atom", feeds.CountryAtomFeed(), name="country-feed-atom"),
]
