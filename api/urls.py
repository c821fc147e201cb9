"""The API's routes, mounted at /api/v1/ (config/urls.py lists them in its route table)."""

from django.urls import path

from advisories import converters  # noqa: F401 (registers <iso:…>)
from api import views

app_name = "api"

urlpatterns = [
    path("countries/", views.CountryList.as_view(), name="country-list"),
    path("countries/<iso:iso>/", views.CountryDetail.as_view(), name="country-detail"),
    path("advisories/", views.AdvisoryList.as_view(), name="advisory-list"),
    path("advisories/<slug:slug>/", views.AdvisoryDetail.as_view(), name="advisory-detail"),
    path("articles/", views.ArticleList.as_view(), name="article-list"),
    path("articles/<slug:slug>/", views.ArticleDetail.as_view(), name="article-detail"),
    path("people/", views.PersonList.as_view(), name="person-list"),
    path("people/<slug:slug>/", views.PersonDetail.as_view(), name="person-detail"),
    path("places/", views.PlaceList.as_view(), name="place-list"),
    path("places/<slug:slug>/", views.PlaceDetail.as_view(), name="place-detail"),
    path("schema/", views.Schema.as_view(), name="schema"),
    path("docs/", views.Docs.as_view(), name="docs"),
]
