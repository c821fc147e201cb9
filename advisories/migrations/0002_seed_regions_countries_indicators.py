"""Every ISO 3166-1 country under its world region, and the fixed set of risk indicators.

Countries come from pycountry, so the list follows the ISO standard rather than a hand-typed copy.
Regions follow the State Department's bureaus loosely: North Africa's Egypt sits with the Middle
East, the Caucasus and Turkey with Europe.
"""

import pycountry
from django.db import migrations
from django.utils.text import slugify

REGIONS = {
    "Africa": "AO BF BI BJ BW CD CF CG CI CM CV DJ DZ EH ER ET GA GH GM GN GQ GW KE KM LR LS LY "
    "MA MG ML MR MU MW MZ NA NE NG RE RW SC SD SH SL SN SO SS ST SZ TD TG TN TZ UG YT ZA ZM ZW",
    "Americas": "AG AI AR AW BB BL BM BO BQ BR BS BZ CA CL CO CR CU CW DM DO EC FK GD GF GL GP GT "
    "GY HN HT JM KN KY LC MF MQ MS MX NI PA PE PM PR PY SR SV SX TC TT US UY VC VE VG VI",
    "Asia": "AF BD BN BT CC CN CX HK ID IN IO JP KG KH KP KR KZ LA LK MM MN MO MV MY NP PH PK SG "
    "TH TJ TL TM TW UZ VN",
    "Europe": "AD AL AM AT AX AZ BA BE BG BY CH CY CZ DE DK EE ES FI FO FR GB GE GG GI GR HR HU IE "
    "IM IS IT JE LI LT LU LV MC MD ME MK MT NL NO PL PT RO RS RU SE SI SJ SK SM TR UA VA",
    "Middle East": "AE BH EG IL IQ IR JO KW LB OM PS QA SA SY YE",
    "Oceania": "AS AU CK FJ FM GU KI MH MP NC NF NR NU NZ PF PG PN PW SB TK TO TV UM VU WF WS",
    "Antarctic": "AQ BV GS HM TF",
}

INDICATORS = [
    ("C", "Crime", "Widespread violent or organized crime."),
    ("T", "Terrorism", "Terrorist attacks have occurred or are likely."),
    ("U", "Civil unrest", "Political, economic, religious or ethnic instability, demonstrations."),
    ("H", "Health", "Health risks: outbreaks, or a collapse of medical care."),
    ("N", "Natural disaster", "Weather or geological events."),
    ("E", "Time-limited event", "A short-term event such as an election or a sporting event."),
    ("K", "Kidnapping or hostage-taking", "Criminal or terrorist groups take people for ransom."),
    ("D", "Wrongful detention", "Risk of being wrongfully detained by a government."),
    ("O", "Other", "Risks not covered by the other indicators."),
]


def seed(apps, schema_editor):
    Location = apps.get_model("advisories", "Location")
    RiskIndicator = apps.get_model("advisories", "RiskIndicator")
    region_of = {code: region for region, codes in REGIONS.items() for code in codes.split()}
    missing = [c.alpha_2 for c in pycountry.countries if c.alpha_2 not in region_of]
    if missing:
        raise RuntimeError(f"Countries without a region: {missing}")
    regions = {
        name: Location.objects.create(name=name, slug=slugify(name), kind="region")
        for name in REGIONS
    }
    for country in pycountry.countries:
        name = getattr(country, "common_name", None) or country.name
        Location.objects.create(
            name=name,
            slug=slugify(name),
            kind="country",
            iso_code=country.alpha_2,
            parent=regions[region_of[country.alpha_2]],
        )
    for code, name, description in INDICATORS:
        RiskIndicator.objects.create(code=code, name=name, description=description)


class Migration(migrations.Migration):
    dependencies = [("advisories", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
