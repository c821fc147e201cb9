"""Places in the admin: only publishers add or change them, as they are public at once, and a
broken rule is said in plain words on the field concerned, with nothing saved."""

import pytest
from django.urls import reverse

from advisories.models import Location
from tests.factories import country, make_place

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:advisories_location_add")


def change_url(place):
    return reverse("admin:advisories_location_change", args=[place.pk])


def history_url(place):
    return reverse("admin:advisories_location_history", args=[place.pk])


def place_form(place=None, **overrides):
    """The admin form's fields for place (a new city in Iraq without one), with overrides."""
    data = {
        "name": "Atlantis",
        "slug": "atlantis",
        "kind": Location.Kind.CITY,
        "parent": country("IQ").pk,
        "iso_code": "",
        "latitude": "",
        "longitude": "",
    }
    if place is not None:
        data.update(
            name=place.name,
            slug=place.slug,
            kind=place.kind,
            parent=place.parent_id or "",
            iso_code=place.iso_code or "",
            latitude="" if place.latitude is None else place.latitude,
            longitude="" if place.longitude is None else place.longitude,
        )
    data.update(overrides)
    return data


def error_on_field(field, message):
    return f'<ul class="errorlist" id="id_{field}_error"><li>{message}</li></ul>'


def saved_fields(place):
    place.refresh_from_db()
    fields = ("name", "kind", "parent_id", "iso_code", "latitude", "longitude")
    return {name: getattr(place, name) for name in fields}


# Plain words


BAD_PLACES = [
    (
        {"kind": Location.Kind.COUNTRY, "parent": "", "iso_code": ""},
        "iso_code",
        "A country needs its two-letter ISO code, e.g. IQ.",
    ),
    (
        {"kind": Location.Kind.COUNTRY, "parent": "", "iso_code": "1Q"},
        "iso_code",
        "An ISO code is two letters, e.g. IQ.",
    ),
    (
        {"iso_code": "AT"},
        "iso_code",
        "Only countries have an ISO code; leave it empty for a city.",
    ),
    (
        {"kind": Location.Kind.SUBDIVISION, "iso_code": "AT"},
        "iso_code",
        "Only countries have an ISO code; leave it empty for a province or state.",
    ),
    ({"latitude": "90.5"}, "latitude", "Latitude runs from -90 (south) to 90 (north)."),
    ({"latitude": "-91"}, "latitude", "Latitude runs from -90 (south) to 90 (north)."),
    ({"longitude": "181"}, "longitude", "Longitude runs from -180 (west) to 180 (east)."),
    ({"longitude": "-180.1"}, "longitude", "Longitude runs from -180 (west) to 180 (east)."),
]


@pytest.mark.parametrize(("overrides", "field", "message"), BAD_PLACES)
def test_a_new_place_breaking_a_rule_is_told_so_on_the_field(
    client, publisher, overrides, field, message
):
    client.force_login(publisher)
    response = client.post(ADD_URL, place_form(**overrides))
    html = response.content.decode()
    assert response.status_code == 200
    assert error_on_field(field, message) in html
    assert "Constraint" not in html and "violated" not in html
    assert not Location.objects.filter(slug="atlantis").exists()


@pytest.mark.parametrize(("overrides", "field", "message"), BAD_PLACES[2:])
def test_a_change_breaking_a_rule_is_told_so_and_changes_nothing(
    client, publisher, overrides, field, message
):
    place = make_place("Basra", latitude=30.5, longitude=47.8)
    before = saved_fields(place)
    client.force_login(publisher)
    response = client.post(change_url(place), place_form(place, **overrides))
    assert response.status_code == 200
    assert error_on_field(field, message) in response.content.decode()
    assert saved_fields(place) == before


def test_a_country_code_typed_in_lower_case_is_found_taken(client, publisher):
    client.force_login(publisher)
    data = place_form(kind=Location.Kind.COUNTRY, parent="", iso_code="iq")
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    assert error_on_field("iso_code", "Location with this ISO code already exists.") in (
        response.content.decode()
    )
    assert not Location.objects.filter(slug="atlantis").exists()


def test_a_country_code_typed_in_lower_case_is_saved_in_capitals(client, publisher):
    client.force_login(publisher)
    data = place_form(kind=Location.Kind.COUNTRY, parent="", iso_code="zz")
    assert client.post(ADD_URL, data).status_code == 302
    assert Location.objects.get(slug="atlantis").iso_code == "ZZ"


# Only publishers change places


def test_an_editor_cannot_add_a_place(client, editor):
    client.force_login(editor)
    assert client.get(ADD_URL).status_code == 403
    assert client.post(ADD_URL, place_form()).status_code == 403
    assert not Location.objects.filter(slug="atlantis").exists()


def test_an_editor_sees_a_place_read_only_and_a_forged_change_is_refused(client, editor):
    place = make_place("Basra", latitude=30.5, longitude=47.8)
    before = saved_fields(place)
    client.force_login(editor)
    page = client.get(change_url(place))
    assert page.status_code == 200  # Django's read-only view: editors pick places in forms
    assert 'name="_save"' not in page.content.decode()
    forged = client.post(change_url(place), place_form(place, name="Basrah", latitude="31"))
    assert forged.status_code == 403
    assert saved_fields(place) == before


def test_an_editor_cannot_restore_an_old_version_of_a_place(client, editor):
    place = make_place("Basra")
    place.name = "Basrah"
    place.save()
    first = place.history.earliest()
    client.force_login(editor)
    assert "Restore as a draft" not in client.get(history_url(place)).content.decode()
    url = reverse("admin:advisories_location_restore", args=[place.pk, first.history_id])
    assert client.post(url).status_code == 403
    place.refresh_from_db()
    assert place.name == "Basrah"


def test_a_publisher_changes_a_place_and_its_history_says_so(client, publisher):
    place = make_place("Basra", latitude=30.5, longitude=47.8)
    client.force_login(publisher)
    response = client.post(change_url(place), place_form(place, name="Basrah", latitude="30.51"))
    assert response.status_code == 302
    assert saved_fields(place)["name"] == "Basrah"
    html = client.get(history_url(place)).content.decode()
    assert "Basrah" in html and "publisher" in html
    assert place.history.latest().history_user == publisher


@pytest.mark.parametrize(
    ("app_label", "model_name"), [("advisories", "advisory"), ("articles", "article")]
)
def test_an_editor_still_picks_places_in_the_advisory_and_article_forms(
    client, editor, app_label, model_name
):
    make_place("Basra")
    client.force_login(editor)
    response = client.get(
        reverse("admin:autocomplete"),
        {"term": "Bas", "app_label": app_label, "model_name": model_name, "field_name": "places"},
    )
    assert response.status_code == 200
    assert "Basra" in {result["text"] for result in response.json()["results"]}
