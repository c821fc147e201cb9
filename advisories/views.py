from django.db import connection
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from advisories.models import Advisory, Location


def healthz(request):
    """200 when the database answers, 503 when it does not: for the load balancer."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


def home(request):
    latest = Advisory.objects.public().select_related("country")[:10]
    return render(request, "advisories/home.html", {"latest": latest})


def country_list(request):
    countries = Location.objects.countries().with_current_level().select_related("parent")
    return render(request, "advisories/country_list.html", {"countries": countries})


def country_detail(request, iso):
    country = get_object_or_404(Location.objects.countries(), iso_code=iso.upper())
    return render(request, "advisories/country_detail.html", {"country": country})


def advisory_list(request):
    advisories = Advisory.objects.public().select_related("country")[:50]
    return render(request, "advisories/advisory_list.html", {"advisories": advisories})


def advisory_detail(request, slug):
    advisory = get_object_or_404(Advisory.objects.public().select_related("country"), slug=slug)
    return render(request, "advisories/advisory_detail.html", {"advisory": advisory})


def place_detail(request, slug):
    place = get_object_or_404(Location.objects.below_country(), slug=slug)
    return render(request, "advisories/place_detail.html", {"place": place})
