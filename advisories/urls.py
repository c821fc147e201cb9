from django.urls import path

from advisories import views

app_name = "advisories"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("countries/", views.country_list, name="country-list"),
    path("countries/<str:iso>/", views.country_detail, name="country"),
    path("advisories/", views.AdvisoryListView.as_view(), name="list"),
    path("advisories/<slug:slug>/", views.AdvisoryDetailView.as_view(), name="detail"),
    path("places/<slug:slug>/", views.place_detail, name="place"),
    path("search/", views.search, name="search"),
]
