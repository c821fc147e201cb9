from datetime import timedelta

import pycountry
import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from advisories.models import Advisory, Location, RiskIndicator
from tests.factories import country, make_advisory, make_place

pytestmark = pytest.mark.django_db


def test_every_iso_country_exists_under_a_region():
    for iso in pycountry.countries:
        place = Location.objects.select_related("parent").get(iso_code=iso.alpha_2)
        assert place.kind == Location.Kind.COUNTRY
        assert place.parent.kind == Location.Kind.REGION


def test_iraq_is_in_the_middle_east():
    assert country("IQ").parent.name == "Middle East"


def test_the_nine_risk_indicators_are_seeded():
    codes = set(RiskIndicator.objects.values_list("code", flat=True))
    assert codes == set("CTUHNEKDO")


def test_current_level_is_the_latest_public_travel_advisory():
    make_advisory(level=3, issued_at=timezone.now() - timedelta(days=400))
    latest = make_advisory(level=4, issued_at=timezone.now() - timedelta(days=2))
    assert country("IQ").current_advisory() == latest
    annotated = Location.objects.with_current_level().get(iso_code="IQ")
    assert annotated.current_level == 4


def test_alerts_do_not_change_the_current_level():
    make_advisory(level=3, issued_at=timezone.now() - timedelta(days=10))
    make_advisory(level=4, kind=Advisory.Kind.SECURITY_ALERT)
    assert Location.objects.with_current_level().get(iso_code="IQ").current_level == 3


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Advisory.Status.DRAFT},
        {"status": Advisory.Status.ARCHIVED},
        {
            "expires_at": timezone.now() - timedelta(hours=1),
            "issued_at": timezone.now() - timedelta(days=3),
        },
        {"issued_at": timezone.now() + timedelta(days=1)},
    ],
    ids=["draft", "archived", "expired", "not-yet-issued"],
)
def test_public_queryset_hides(fields):
    hidden = make_advisory(**fields)
    assert hidden not in Advisory.objects.public()
    assert country("IQ").current_advisory() is None
    assert Location.objects.with_current_level().get(iso_code="IQ").current_level is None


def test_current_returns_one_advisory_per_country():
    make_advisory(iso="IQ", level=3, issued_at=timezone.now() - timedelta(days=30))
    iraq_now = make_advisory(iso="IQ", level=4)
    kuwait_now = make_advisory(iso="KW", level=2)
    assert set(Advisory.objects.current()) == {iraq_now, kuwait_now}


def test_level_outside_one_to_four_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_advisory(level=5)


def test_expiry_before_issue_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_advisory(issued_at=timezone.now(), expires_at=timezone.now() - timedelta(days=1))


def test_a_country_needs_an_iso_code_and_a_city_may_not_have_one():
    with pytest.raises(IntegrityError), transaction.atomic():
        Location.objects.create(name="Nowhere", slug="nowhere", kind=Location.Kind.COUNTRY)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_place("Basra", iso_code="BQ")


def test_deleting_a_country_with_advisories_is_refused():
    from django.db.models import ProtectedError

    make_advisory()
    with pytest.raises(ProtectedError):
        country("IQ").delete()


def test_a_place_knows_its_country():
    baghdad = make_place("Baghdad")
    embassy = make_place("U.S. Embassy compound", kind=Location.Kind.SITE, parent=baghdad)
    assert embassy.country == country("IQ")
    assert country("IQ").parent.country is None


def test_body_is_rendered_to_clean_html_on_save():
    advisory = make_advisory(body="Depart **immediately**.<script>alert(1)</script>")
    assert advisory.body_html == "<p>Depart <strong>immediately</strong>.alert(1)</p>"


def test_urls():
    assert country("IQ").get_absolute_url() == "/countries/iq/"
    assert make_place("Baghdad", slug="baghdad").get_absolute_url() == "/places/baghdad/"
    assert make_advisory(slug="iraq-alert").get_absolute_url() == "/advisories/iraq-alert/"
