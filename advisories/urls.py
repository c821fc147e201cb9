from django.urls import path

from advisories import views

app_name = "advisories"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("countries/", views.country_list, name="country-list"),
    path("countries/<str:iso>/", views.country_detail, name="country"),
    path("advisories/", views.advisory_list, name="list"),
    path("advisories/<slug:slug>/", views.advisory_detail, name="detail"),
    path("places/<slug:slug>/", views.place_detail, name="place"),
]
