"""The FIPS 10-4 → ISO 3166-1 table the State Department importer maps country tags with."""

import importlib
import re

import pycountry
import pytest
from django.apps import apps
from django.db.models import ProtectedError

from advisories.importers.fips import FIPS_TO_ISO, iso_for_fips
from advisories.models import Location
from tests.factories import make_advisory
from tests.importing import sample

kosovo_migration = importlib.import_module("advisories.migrations.0011_kosovo")


# Kosovo's: ISO 3166 leaves XK to its users, and the site's countries carry it (migration 0011).
USER_ASSIGNED = {"XK"}


def test_every_iso_code_in_the_table_is_a_real_country():
    for fips, iso in FIPS_TO_ISO.items():
        assert re.fullmatch(r"[A-Z]{2}", fips)
        assert iso is None or iso in USER_ASSIGNED or pycountry.countries.get(alpha_2=iso), iso


def test_the_table_reaches_every_iso_country_but_those_fips_never_coded():
    reached = {iso for iso in FIPS_TO_ISO.values() if iso}
    every = {country.alpha_2 for country in pycountry.countries}
    # Aland has no FIPS code; Bonaire, Sint Eustatius and Saba came after FIPS 10-4 froze.
    assert every - reached == {"AX", "BQ"}


@pytest.mark.parametrize(
    ("fips", "iso"),
    [("IZ", "IQ"), ("GM", "DE"), ("JA", "JP"), ("UC", "CW"), ("BF", "BS"), ("FM", "FM")]
    + [("BM", "MM"), ("BD", "BM"), ("IV", "CI"), ("MC", "MO"), ("CH", "CN"), ("SC", "KN")]
    + [("IS", "IL"), ("WE", "PS"), ("GZ", "PS"), ("UK", "GB"), ("SZ", "CH"), ("OD", "SS")],
)
def test_codes_that_differ_from_iso(fips, iso):
    assert iso_for_fips(fips) == iso


def test_codes_without_an_iso_country_map_to_none_and_unknown_codes_are_absent():
    for code in ["AX", "DX", "PF", "PG", "PJ", "NT"]:  # Akrotiri, Dhekelia, Paracel Islands, …
        assert code in FIPS_TO_ISO and iso_for_fips(code) is None
    assert "QQ" not in FIPS_TO_ISO and iso_for_fips("QQ") is None


@pytest.mark.django_db
def test_kosovo_is_xk_a_country_in_europe():
    assert iso_for_fips("KV") == "XK"
    kosovo = Location.objects.get(iso_code="XK")
    assert (kosovo.name, kosovo.kind, kosovo.parent.name) == ("Kosovo", "country", "Europe")
    assert 42 < kosovo.latitude < 43.3 and 20 < kosovo.longitude < 21.8  # around Pristina


@pytest.mark.django_db
def test_the_kosovo_migration_reverses_and_keeps_a_kosovo_added_by_hand():
    kosovo_migration.remove_kosovo(apps, None)
    assert not Location.objects.filter(iso_code="XK").exists()
    europe = Location.objects.regions().get(name="Europe")
    Location.objects.create(
        name="Kosovo (by hand)", slug="kosovo", kind="country", iso_code="XK", parent=europe
    )
    kosovo_migration.add_kosovo(apps, None)
    kosovo = Location.objects.get(iso_code="XK")
    assert kosovo.name == "Kosovo (by hand)"
    assert (kosovo.latitude, kosovo.longitude) == kosovo_migration.POINT


@pytest.mark.django_db
def test_the_kosovo_migration_does_not_reverse_over_an_advisory_for_kosovo():
    make_advisory(iso="XK")
    with pytest.raises(ProtectedError):
        kosovo_migration.remove_kosovo(apps, None)
    assert Location.objects.filter(iso_code="XK").exists()


def test_the_table_covers_every_country_tag_of_the_real_feed():
    tags = set(
        re.findall(
            r'<category domain="Country-Tag">(\w+)</category>',
            sample("state-dept-travel-advisories.rss.xml").read_text(encoding="utf-8"),
        )
    )
    assert tags  # the sample has them
    assert {tag for tag in tags if not iso_for_fips(tag)} == set()
