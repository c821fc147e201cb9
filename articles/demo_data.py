"""The demo data: the founding case (Iraq, 3 January 2020) and enough of the world to look real.

Texts are written for this project from public facts. Levels follow the State Department's
advisories of late 2019 and early 2020. Loaded by `python manage.py load_demo`.
"""

from datetime import UTC, datetime

STATE = "U.S. Department of State"
EMBASSY_BAGHDAD = "U.S. Embassy Baghdad"
ADVISORY_URL = "https://travel.state.gov/content/travel/en/traveladvisories/traveladvisories/{}-travel-advisory.html"

LEVEL_ADVICE = {
    1: "Exercise normal precautions in {country}.",
    2: "Exercise increased caution in {country}.",
    3: "Reconsider travel to {country}.",
    4: "Do not travel to {country}.",
}


def at(day, hour=12, minute=0):
    """An aware datetime in UTC from an ISO date."""
    return datetime.fromisoformat(day).replace(hour=hour, minute=minute, tzinfo=UTC)


# Country points for GeoRSS beyond those a migration gives every country on the world map:
# states too small for its 1:110m shapes, and Iraq at the centre the founding case's feeds show.
COUNTRY_COORDINATES = {
    "IQ": (33.22, 43.68),
    "SG": (1.35, 103.82),
    "BH": (26.07, 50.56),
}

# Places below country level: (slug, name, kind, parent slug, latitude, longitude).
PLACES = [
    ("kurdistan-region", "Kurdistan Region", "subdivision", "iraq", 36.41, 44.38),
    ("baghdad", "Baghdad", "city", "iraq", 33.3152, 44.3661),
    ("us-embassy-baghdad", "U.S. Embassy compound, Baghdad", "site", "baghdad", 33.2986, 44.3953),
    ("tahrir-square-baghdad", "Tahrir Square, Baghdad", "site", "baghdad", 33.3330, 44.4213),
    (
        "baghdad-international-airport",
        "Baghdad International Airport",
        "site",
        "baghdad",
        33.2625,
        44.2346,
    ),
    ("erbil", "Erbil", "city", "kurdistan-region", 36.1911, 44.0092),
    ("basra", "Basra", "city", "iraq", 30.5085, 47.7804),
    ("tehran", "Tehran", "city", "iran", 35.6892, 51.3890),
    ("kuwait-city", "Kuwait City", "city", "kuwait", 29.3759, 47.9774),
    ("jerusalem", "Jerusalem", "city", "israel", 31.7683, 35.2137),
    ("beirut", "Beirut", "city", "lebanon", 33.8938, 35.5018),
    ("wuhan", "Wuhan", "city", "china", 30.5928, 114.3055),
    ("new-south-wales", "New South Wales", "subdivision", "australia", -31.84, 145.61),
]

# Travel advisories: (iso, level, indicators, issued, reason). The reason completes
# "… due to …" in the summary; the body repeats the standard advice for the level.
# One advisory a line, however long, so that the table reads as a table.
# fmt: off
TRAVEL_ADVISORIES = [
    ("IQ", 4, "TKUO", "2018-01-10", "terrorism, kidnapping, armed conflict and civil unrest"),
    ("IQ", 4, "TKUO", "2019-05-15", "terrorism, kidnapping, armed conflict, civil unrest and the ordered departure of non-emergency U.S. government staff from Baghdad and Erbil"),
    ("IR", 4, "TKUD", "2019-05-21", "the risk of kidnapping and the arbitrary arrest and detention of U.S. citizens"),
    ("SY", 4, "TKUO", "2018-01-10", "terrorism, civil unrest, kidnapping and armed conflict"),
    ("YE", 4, "TUHKO", "2018-01-10", "terrorism, civil unrest, health risks, kidnapping and armed conflict"),
    ("AF", 4, "CTUKO", "2018-01-10", "crime, terrorism, civil unrest, kidnapping and armed conflict"),
    ("LY", 4, "CTUKO", "2018-01-10", "crime, terrorism, civil unrest, kidnapping and armed conflict"),
    ("SO", 4, "CTHKO", "2018-01-10", "crime, terrorism, health risks, kidnapping and piracy"),
    ("SS", 4, "CKO", "2018-01-10", "crime, kidnapping and armed conflict"),
    ("ML", 4, "CTK", "2018-01-10", "crime, terrorism and kidnapping"),
    ("KP", 4, "DO", "2018-01-10", "the serious risk of arrest and long-term detention of U.S. nationals"),
    ("VE", 3, "CUHD", "2018-01-10", "crime, civil unrest, poor health infrastructure and arbitrary arrest and detention of U.S. citizens"),
    ("VE", 4, "CUHKD", "2019-03-12", "crime, civil unrest, poor health infrastructure, kidnapping and the arbitrary arrest and detention of U.S. citizens"),
    ("CF", 4, "CUK", "2018-01-10", "crime, civil unrest and kidnapping"),
    ("PK", 3, "TK", "2019-03-04", "terrorism and kidnapping"),
    ("NG", 3, "CTUK", "2019-04-09", "crime, terrorism, civil unrest, kidnapping and maritime crime"),
    ("LB", 3, "TUKO", "2019-10-30", "crime, terrorism, armed conflict, civil unrest and kidnapping"),
    ("HT", 3, "CU", "2018-01-10", "crime and civil unrest"),
    ("HT", 4, "CUK", "2019-02-14", "crime, civil unrest and kidnapping"),
    ("HT", 3, "CUK", "2019-10-31", "crime, civil unrest and kidnapping"),
    ("HN", 3, "C", "2019-04-09", "crime"),
    ("SD", 3, "TUK", "2019-11-12", "terrorism, civil unrest and kidnapping"),
    ("IL", 2, "TU", "2019-03-01", "terrorism and civil unrest"),
    ("JO", 2, "T", "2019-08-15", "terrorism"),
    ("EG", 2, "T", "2019-04-09", "terrorism"),
    ("SA", 2, "T", "2019-11-15", "terrorism and the threat of missile and drone attacks on civilian facilities"),
    ("TR", 3, "TD", "2018-01-10", "terrorism and arbitrary detentions"),
    ("TR", 2, "TD", "2019-07-31", "terrorism and arbitrary detentions"),
    ("GB", 2, "T", "2019-04-09", "terrorism"),
    ("FR", 2, "TU", "2019-04-09", "terrorism and civil unrest"),
    ("DE", 2, "T", "2019-06-24", "terrorism"),
    ("MX", 2, "CK", "2019-04-09", "crime and kidnapping"),
    ("IN", 2, "CT", "2019-06-27", "crime and terrorism"),
    ("PH", 2, "CTUK", "2019-04-09", "crime, terrorism, civil unrest and kidnapping"),
    ("CN", 2, "D", "2019-01-03", "the arbitrary enforcement of local laws"),
    ("AE", 2, "T", "2019-05-20", "the threat of missile and drone attacks"),
    ("KW", 1, "", "2019-05-10", ""),
    ("OM", 1, "", "2019-06-04", ""),
    ("QA", 1, "", "2019-05-02", ""),
    ("JP", 1, "", "2019-05-14", ""),
    ("CA", 1, "", "2018-01-10", ""),
    ("AU", 1, "", "2019-01-08", ""),
    ("NZ", 1, "", "2019-03-15", ""),
    ("IS", 1, "", "2018-01-10", ""),
    ("NO", 1, "", "2018-01-10", ""),
    ("SG", 1, "", "2018-01-10", ""),
    ("BH", 2, "T", "2018-01-10", "terrorism"),
    # Territories with advisories of their own, drawn on the map as markers.
    ("HK", 2, "U", "2019-08-07", "civil unrest"),
    ("MO", 1, "", "2018-01-10", ""),
    ("BM", 1, "", "2018-01-10", ""),
    ("CW", 1, "", "2018-01-10", ""),
    ("PT", 1, "", "2018-01-10", ""),
    ("CL", 1, "", "2018-01-10", ""),
]
# fmt: on

# Alerts: the founding case first. Slugs are fixed so that links stay stable.
ALERTS = [
    {
        "slug": "iraq-security-alert-2020-01-03-depart-immediately",
        "title": "Security Alert: U.S. citizens should depart Iraq immediately",
        "iso": "IQ",
        "kind": "security-alert",
        "level": 4,
        "indicators": "TUKO",
        "issuer": EMBASSY_BAGHDAD,
        "issued_at": at("2020-01-03", 6, 30),
        "places": ["baghdad", "us-embassy-baghdad", "baghdad-international-airport"],
        "source_url": "https://iq.usembassy.gov/",
        "summary": "Due to heightened tensions in Iraq and the region after the airstrike near "
        "Baghdad International Airport, the U.S. Embassy urges U.S. citizens to heed the "
        "Level 4 travel advisory and depart Iraq immediately: by airline while possible, and "
        "failing that, to other countries over land.",
        "body": """\
**Event:** Heightened tensions in Iraq and the region after the airstrike near Baghdad
International Airport in the early hours of 3 January 2020.

The U.S. Embassy in Baghdad urges U.S. citizens to heed the January 2020 travel advisory
and **depart Iraq immediately**. U.S. citizens should leave by airline while possible, and failing
that, to other countries over land.

Due to Iranian-backed militia attacks at the embassy compound, all public consular operations are
suspended until further notice. U.S. citizens should not approach the embassy.

## Actions to take

- Do not approach the U.S. Embassy compound.
- Leave Iraq by air while flights operate; otherwise cross by land to a neighbouring country.
- Keep a low profile and monitor local media for updates.
- Enrol in the Smart Traveler Enrollment Program (STEP) to receive alerts.

U.S. citizens in Iraq needing help may contact the U.S. Consulate General in Erbil.
""",
    },
    {
        "slug": "iraq-security-alert-2019-12-31-embassy-compound",
        "title": "Security Alert: militia supporters attack the U.S. Embassy compound in Baghdad",
        "iso": "IQ",
        "kind": "security-alert",
        "level": 4,
        "indicators": "TU",
        "issuer": EMBASSY_BAGHDAD,
        "issued_at": at("2019-12-31", 14, 0),
        "places": ["baghdad", "us-embassy-baghdad"],
        "source_url": "https://iq.usembassy.gov/",
        "summary": "Supporters of Iranian-backed militias breached the outer perimeter of the "
        "U.S. Embassy compound in Baghdad. Public consular appointments are cancelled; "
        "U.S. citizens should not approach the embassy.",
        "body": """\
Protesters supporting Kata'ib Hizballah and other Iranian-backed militias set fires at the
reception area of the **U.S. Embassy compound** in Baghdad's International Zone.

- All public consular appointments are cancelled until further notice.
- Do not attempt to approach the embassy.
- Avoid areas of demonstrations and monitor local media.
""",
    },
    {
        "slug": "iraq-demonstration-alert-2019-10-25-tahrir-square",
        "title": "Demonstration Alert: protests in Tahrir Square and across southern Iraq",
        "iso": "IQ",
        "kind": "demonstration-alert",
        "level": 4,
        "indicators": "U",
        "issuer": EMBASSY_BAGHDAD,
        "issued_at": at("2019-10-25", 9, 0),
        "places": ["baghdad", "tahrir-square-baghdad", "basra"],
        "source_url": "https://iq.usembassy.gov/",
        "summary": "Large demonstrations are taking place in Baghdad's Tahrir Square and in "
        "cities across southern Iraq. Security forces have used live fire and tear gas; "
        "curfews may be imposed at short notice.",
        "body": """\
Demonstrations continue in **Tahrir Square** and along the bridges leading to the International
Zone, and in Basra and other southern cities.

- Avoid areas of demonstrations and crowds.
- Expect road closures, curfews and disruptions to internet service.
""",
    },
    {
        "slug": "kuwait-security-alert-2020-01-03-regional-tensions",
        "title": "Security Alert: heightened regional tensions",
        "iso": "KW",
        "kind": "security-alert",
        "level": 1,
        "indicators": "T",
        "issuer": "U.S. Embassy Kuwait",
        "issued_at": at("2020-01-03", 10, 0),
        "places": ["kuwait-city"],
        "source_url": "https://kw.usembassy.gov/",
        "summary": "After events in neighbouring Iraq, the embassy reminds U.S. citizens in "
        "Kuwait to stay alert and keep a low profile. Travellers leaving Iraq by land may arrive "
        "at the Abdali border crossing.",
        "body": "Review your personal security plans and monitor local media for updates.",
    },
    {
        "slug": "israel-security-alert-2020-01-04-regional-tensions",
        "title": "Security Alert: heightened tensions in the region",
        "iso": "IL",
        "kind": "security-alert",
        "level": 2,
        "indicators": "T",
        "issuer": "U.S. Embassy Jerusalem",
        "issued_at": at("2020-01-04", 8, 0),
        "places": ["jerusalem"],
        "source_url": "https://il.usembassy.gov/",
        "summary": "Heightened tensions in the Middle East may lead to attacks against U.S. "
        "citizens and interests. Stay alert in places frequented by tourists.",
        "body": "Know the location of the nearest shelter and follow the instructions of the "
        "Home Front Command.",
    },
    {
        "slug": "lebanon-demonstration-alert-2019-10-18-beirut",
        "title": "Demonstration Alert: nationwide protests and road closures",
        "iso": "LB",
        "kind": "demonstration-alert",
        "level": 3,
        "indicators": "U",
        "issuer": "U.S. Embassy Beirut",
        "issued_at": at("2019-10-18", 12, 0),
        "places": ["beirut"],
        "source_url": "https://lb.usembassy.gov/",
        "summary": "Protests across Lebanon have closed major roads, including the airport road "
        "in Beirut. Avoid demonstrations and allow extra time to reach the airport.",
        "body": "Demonstrations can turn violent with little warning.",
    },
    {
        "slug": "china-health-alert-2020-01-11-wuhan-pneumonia",
        "title": "Health Alert: pneumonia outbreak caused by a novel coronavirus in Wuhan",
        "iso": "CN",
        "kind": "health-alert",
        "level": 2,
        "indicators": "H",
        "issuer": "U.S. Embassy Beijing",
        "issued_at": at("2020-01-11", 3, 0),
        "places": ["wuhan"],
        "source_url": "https://china.usembassy-china.org.cn/",
        "summary": "Chinese health authorities report an outbreak of pneumonia caused by a novel "
        "coronavirus in Wuhan, Hubei Province. Avoid animals, animal markets and contact with "
        "sick people.",
        "body": "Seek medical care promptly if you develop a fever, cough or difficulty breathing "
        "after travel to Wuhan, and tell your doctor where you have been.",
    },
    {
        "slug": "australia-weather-alert-2020-01-02-bushfires",
        "title": "Weather Alert: bushfires in New South Wales and Victoria",
        "iso": "AU",
        "kind": "weather-alert",
        "level": 1,
        "indicators": "N",
        "issuer": "U.S. Embassy Canberra",
        "issued_at": at("2020-01-02", 2, 0),
        "places": ["new-south-wales"],
        "source_url": "https://au.usembassy.gov/",
        "summary": "Severe bushfires are burning in New South Wales and Victoria; a state of "
        "emergency is in force. Leave areas under evacuation orders and follow local authorities.",
        "body": "Check the NSW Rural Fire Service and VicEmergency for current fire danger.",
    },
    {
        # Staff are still writing this one: it must never reach the public.
        "slug": "iran-security-alert-draft",
        "title": "Security Alert (draft): travel restrictions after the Baghdad strike",
        "iso": "IR",
        "kind": "security-alert",
        "level": 4,
        "indicators": "DK",
        "issuer": "U.S. Department of State",
        "issued_at": at("2020-01-05", 9, 0),
        "places": ["tehran"],
        "status": "draft",
        "summary": "Draft, not for publication.",
        "body": "Draft text under review.",
    },
]

PEOPLE = [
    {
        "slug": "qassem-soleimani",
        "name": "Qassem Soleimani",
        "role": "Commander of the Quds Force",
        "organization": "Islamic Revolutionary Guard Corps",
        "country": "IR",
        "bio": "Iranian major general who led the Quds Force, the Revolutionary Guard's "
        "external operations arm, from 1998. Killed by a U.S. drone strike near Baghdad "
        "International Airport on 3 January 2020.",
    },
    {
        "slug": "donald-trump",
        "name": "Donald Trump",
        "role": "President of the United States",
        "organization": "The White House",
        "country": "US",
        "bio": "45th President of the United States, who ordered the strike that killed "
        "Qassem Soleimani.",
    },
    {
        "slug": "ali-khamenei",
        "name": "Ali Khamenei",
        "role": "Supreme Leader of Iran",
        "organization": "Islamic Republic of Iran",
        "country": "IR",
        "bio": "Supreme Leader of Iran since 1989. After the strike he declared three days of "
        'mourning and promised "severe revenge".',
    },
    {
        "slug": "ian-lee",
        "name": "Ian Lee",
        "role": "Correspondent",
        "organization": "CBS News",
        "country": None,
        "bio": "CBS News foreign correspondent covering the Middle East.",
    },
]

ARTICLES = [
    {
        "slug": "state-department-tells-americans-in-iraq-to-leave-immediately",
        "title": "State Department tells Americans in Iraq to leave immediately",
        "outlet": "CBS News",
        "url": "https://www.cbsnews.com/",
        "byline": "CBS News",
        "published_at": at("2020-01-03", 9, 15),
        "summary": "The State Department urged all U.S. citizens to leave Iraq immediately, "
        "hours after a U.S. airstrike in Baghdad killed Iranian General Qassem Soleimani.",
        "body": """\
The U.S. Embassy in Baghdad told Americans in Iraq to **depart immediately**, by air while
possible and otherwise over land, hours after a U.S. airstrike near Baghdad International
Airport killed General Qassem Soleimani, the commander of Iran's Quds Force.

President Donald Trump ordered the strike. Iran's Supreme Leader, Ayatollah Ali Khamenei,
promised "severe revenge" and declared three days of public mourning.

The embassy compound had been attacked days earlier by supporters of Iranian-backed militias,
and public consular services remain suspended. Thousands of protesters had filled Tahrir Square
in the months before, in demonstrations against the government.

CBS News correspondent Ian Lee reported on fears across the region: U.S. allies and bases in
Kuwait and Israel prepared for possible Iranian retaliation.
""",
        "people": ["qassem-soleimani", "donald-trump", "ali-khamenei", "ian-lee"],
        "places": [
            "baghdad",
            "us-embassy-baghdad",
            "tahrir-square-baghdad",
            "baghdad-international-airport",
            "kuwait",
            "israel",
            "iran",
        ],
        "advisories": [
            "iraq-security-alert-2020-01-03-depart-immediately",
            "iraq-security-alert-2019-12-31-embassy-compound",
        ],
    },
    {
        "slug": "what-level-4-means-for-travellers-in-iraq",
        "title": 'What "Level 4: Do Not Travel" means for travellers in Iraq',
        "outlet": "Advisory Atlas",
        "url": "",
        "byline": "Advisory Atlas desk",
        "published_at": at("2020-01-04", 11, 0),
        "summary": "Iraq has been at the highest advisory level since the levels were "
        "introduced in January 2018. What changed on 3 January 2020 is the instruction to leave.",
        "body": """\
Iraq has carried a **Level 4: Do Not Travel** advisory since January 2018, citing terrorism,
kidnapping, armed conflict and civil unrest. In May 2019 non-emergency U.S. government staff
were ordered to leave Baghdad and Erbil.

The security alert of 3 January 2020 goes further: it tells citizens already in the country to
leave at once. Travellers in the Kurdistan Region can still reach the consulate in Erbil.
""",
        "people": ["qassem-soleimani"],
        "places": ["baghdad", "erbil", "kurdistan-region"],
        "advisories": ["iraq-security-alert-2020-01-03-depart-immediately"],
    },
    {
        "slug": "draft-iran-retaliation-explainer",
        "title": "Draft: how Iran might retaliate",
        "outlet": "Advisory Atlas",
        "url": "",
        "byline": "Advisory Atlas desk",
        "published_at": at("2020-01-05", 8, 0),
        "status": "draft",
        "summary": "Draft, not for publication.",
        "body": "Draft text under review.",
        "people": ["ali-khamenei"],
        "places": ["iran"],
        "advisories": [],
    },
]
