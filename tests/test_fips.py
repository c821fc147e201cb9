"""The FIPS 10-4 → ISO 3166-1 table the State Department importer maps country tags with."""

import re

import pycountry
import pytest

from advisories.importers.fips import FIPS_TO_ISO, iso_for_fips
from tests.importing import sample


def test_every_iso_code_in_the_table_is_a_real_country():
    for fips, iso in FIPS_TO_ISO.items():
        assert re.fullmatch(r"[A-Z]{2}", fips)
        assert iso is None or pycountry.countries.get(alpha_2=iso), (fips, iso)


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
    for code in ["KV", "AX", "DX", "PF", "PG", "PJ", "NT"]:  # Kosovo, Akrotiri, Dhekelia, …
        assert code in FIPS_TO_ISO and iso_for_fips(code) is None
    assert "QQ" not in FIPS_TO_ISO and iso_for_fips("QQ") is None


def test_the_table_covers_every_country_tag_of_the_real_feed():
    tags = set(
        re.findall(
            r'<category domain="Country-Tag">(\w+)</category>',
            sample("state-dept-travel-advisories.rss.xml").read_text(encoding="utf-8"),
        )
    )
    assert tags  # the sample has them
    assert {tag for tag in tags if not iso_for_fips(tag)} == set()
