"""Naming countries: the Location a source's name (or ISO code) for a country means, and the
places inside it that a source names."""

import functools
import re
import unicodedata

import pycountry
from django.utils.text import slugify

from advisories.models import Location

# Names the sources use that are none of pycountry's names for the country (after `normalize`).
NAME_ALIASES = {
    "burma": "MM",
    "myanmar burma": "MM",
    "macau": "MO",
    "mainland china": "CN",
    "cote d ivoire": "CI",
    "ivory coast": "CI",
    "micronesia": "FM",
    "republic of korea": "KR",  # Smartraveller's "South Korea (Republic of Korea)"
    "russia": "RU",
    "turkey": "TR",
    "brunei": "BN",
    "cape verde": "CV",
    "east timor": "TL",
    "vatican city": "VA",
    "democratic republic of the congo": "CD",
    "republic of the congo": "CG",
    "usa": "US",
    "uk": "GB",
    "british virgin islands": "VG",
    "falkland islands": "FK",
    "pitcairn island": "PN",
    "saint maarten": "SX",
    "saint martin and saint barthelemy": "MF",  # GOV.UK's one page for both
    "bonaire saint eustatius saba": "BQ",
    "british antarctic territory": "AQ",
    "antarctica british antarctic territory": "AQ",
    "west bank": "PS",
    "gaza": "PS",
    "palestine": "PS",
    "palestinian territories": "PS",
    "occupied palestinian territories": "PS",
    # Not in ISO 3166-1: XK is the code everyone uses for it (migration 0011 adds the country).
    "kosovo": "XK",
}
# Words that mean "Saint": the English short form and the Dutch ("Sint Maarten").
SAINT = {"st", "sint"}


def normalize(name):
    """A name for comparing: "The Côte d'Ivoire" → "cote d ivoire", "St Lucia" → "saint lucia",
    "Sint Maarten" → "saint maarten"."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", " ", ascii_name.lower().replace("&", " and ")).split()
    words = ["saint" if word in SAINT else word for word in words]
    return " ".join(words[1:] if words[:1] == ["the"] else words)


@functools.cache
def _iso_by_name():
    names = {}
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            if value := getattr(country, attribute, None):
                names.setdefault(normalize(value), country.alpha_2)
    return names | NAME_ALIASES


def country_by_name(name):
    """The country Location a source's name for it means, or None."""
    key = normalize(name or "")
    iso = _iso_by_name().get(key)
    if iso:
        return country_by_iso(iso)
    return next((c for c in Location.objects.countries() if normalize(c.name) == key), None)


def country_by_iso(iso):
    """The country Location with this ISO 3166-1 alpha-2 code, or None."""
    return Location.objects.countries().filter(iso_code=iso).first()


def place_in(country, name, kind=Location.Kind.SUBDIVISION):
    """A place inside a country, created the first time a source names it."""
    place, _ = Location.objects.get_or_create(
        slug=slugify(name), defaults={"name": name, "kind": kind, "parent": country}
    )
    return place
