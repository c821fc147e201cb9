from django.urls import path

from advisories import converters  # noqa: F401 (registers <iso:…>)
from front import views

app_name = "front"

urlpatterns = [
    path("", views.home, name="home"),
    path("countries/", views.country_list, name="country-list"),
    path("countries/<iso:iso>/", views.country_detail, name="country"),
    path("places/<slug:slug>/", views.place_detail, name="place"),
    path("search/", views.search, name="search"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
]
