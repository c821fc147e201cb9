from django.urls import path, register_converter

from advisories import views


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
]
