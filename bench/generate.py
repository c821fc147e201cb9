"""Fill a PostgreSQL database with a large, realistic data set for the benchmark, in minutes.

    python bench/generate.py --advisories 100000 --articles 1000000

It fills the migrated database BENCH_DATABASE_URL names (unset: postgres://postgres@127.0.0.1:5432/
atlas_bench), adding to what is there; `make bench` recreates and migrates it first. Run it on a
database made for the benchmark, never on one that holds real content.

Rows go in by PostgreSQL's COPY, streamed from generators, in one transaction. save() does not
run, so what it would do is done here: every column gets what a new row gets, and each distinct
body is rendered to HTML once. The search vectors are the database's work (see `bulk_load`).
"""

import argparse
import contextlib
import io
import itertools
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

if __name__ == "__main__":
    # Run as a script: the project on the path, and Django set up before the models load.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bench.environment import BENCH_DATABASE_URL, refuse_unless_bench, setup_django

    refuse_unless_bench(BENCH_DATABASE_URL)
    setup_django(BENCH_DATABASE_URL)

from django.db import connection, transaction  # noqa: E402
from django.utils.text import slugify  # noqa: E402

from advisories.models import Advisory, Location, RiskIndicator  # noqa: E402
from articles.models import Article, Person  # noqa: E402
from publishing import richtext  # noqa: E402
from publishing.models import Status  # noqa: E402

# Advisories and articles at each scale; `make bench SCALE=…`.
SCALES = {"small": (2_000, 20_000), "medium": (20_000, 200_000), "full": (100_000, 1_000_000)}


def people_for(articles):
    """How many people the news names, for this many articles."""
    return max(100, articles // 50)


# Countries whose advice is usually at level 4, and those usually at 3; the rest sit at 1 or 2.
USUAL_LEVELS = {
    4: "AF BY CF HT IQ IR KP LB LY ML MM RU SD SO SS SY UA VE YE",
    3: "BF CD CO ER ET GT HN IL MX NE NG NI PK PS SV TD",
}
KINDS = {
    Advisory.Kind.TRAVEL_ADVISORY: 50,
    Advisory.Kind.SECURITY_ALERT: 20,
    Advisory.Kind.DEMONSTRATION_ALERT: 12,
    Advisory.Kind.HEALTH_ALERT: 10,
    Advisory.Kind.WEATHER_ALERT: 8,
}
GOVERNMENTS = [
    "U.S. Department of State",
    "UK Foreign, Commonwealth & Development Office",
    "Global Affairs Canada",
    "Australian Department of Foreign Affairs and Trade",
    "German Federal Foreign Office",
]
EMBASSIES = ["U.S. Embassy in {country}", "British Embassy in {country}"]
ADVICE = {
    1: ("Exercise normal precautions", "petty crime"),
    2: ("Exercise increased caution", "crime and terrorism"),
    3: ("Reconsider travel", "terrorism, civil unrest and kidnapping"),
    4: ("Do not travel", "terrorism, armed conflict, kidnapping and civil unrest"),
}
EVENTS = {
    Advisory.Kind.SECURITY_ALERT: "Reports of gunfire and explosions near government buildings",
    Advisory.Kind.DEMONSTRATION_ALERT: "Large demonstrations are planned over the coming days",
    Advisory.Kind.HEALTH_ALERT: "Health authorities report an outbreak of cholera",
    Advisory.Kind.WEATHER_ALERT: "A tropical storm is expected to bring flooding",
}
# Every advisory body names terrorist groups, so a search for "terrorist" finds them all.
TRAVEL_BODY = """**{advice}** in {country} due to {risks}.

Terrorist groups continue plotting possible attacks in {country}. Terrorists may attack with
little or no warning, targeting tourist locations, transportation hubs, markets and shopping
malls, and local government facilities.

If you decide to travel to {country}:

- Enroll in a traveller registration programme to receive alerts and be located in an emergency.
- Make contingency plans to leave the country that do not rely on government help.
- Review your personal security plans and stay alert in places frequented by tourists.
- Monitor local media for breaking events and be prepared to adjust your plans.

Read the [country information page](https://travel.example.org/{slug}/) before you go."""
ALERT_BODY = """**Event:** {event} in {country}.

Terrorist attacks remain possible anywhere in {country}, and crowds can turn violent without
warning. Expect disruption to roads, flights and telephone networks.

**Actions to take:**

- Avoid the area and any demonstrations.
- Keep a low profile and monitor local media for updates.
- Keep your travel documents with you and your phone charged."""

OUTLETS = {
    "Reuters": "reuters.com",
    "BBC News": "bbc.co.uk",
    "Al Jazeera": "aljazeera.com",
    "CBS News": "cbsnews.com",
    "The Guardian": "theguardian.com",
    "Associated Press": "apnews.com",
    "France 24": "france24.com",
    "Deutsche Welle": "dw.com",
}
HEADLINES = [
    "Protests spread across {country} as talks stall",
    "{country} declares a state of emergency after attacks",
    "Aid agencies warn of worsening conditions in {country}",
    "Foreign governments urge citizens to leave {country}",
    "Ceasefire in {country} holds for a second week",
    "Elections in {country} pass without major incident",
]
ARTICLE_BODIES = [
    """Thousands gathered in the capital of {country} on Friday, the third week of protests.

Security forces used tear gas to disperse crowds near the parliament, witnesses said. Several
foreign embassies advised their citizens to avoid the city centre.

> "We will stay until our demands are heard," one organiser said.

Talks between the government and the opposition are due to resume next week.""",
    """The government of {country} announced new security measures after a series of attacks.

Checkpoints were set up on the main roads and a curfew imposed in several provinces. Officials
said the measures would stay in place *until further notice*.

Travel advisories for {country} were updated by several governments within hours.""",
    """Humanitarian organisations say access to parts of {country} remains difficult.

Food prices have doubled in some areas, and hospitals report shortages of medicine. The United
Nations called for safe passage for aid convoys.

- Roads to the north remain closed.
- Flights resumed at the main airport on Monday.""",
]
FIRST_NAMES = (  # noqa: SIM905 (a list of words reads best as words)
    "Ahmed Maria Wei Olena Carlos Fatima John Aisha Dmitri Priya Kofi Ana Yusuf Leila Ivan "
    "Mei Omar Sofia Tariq Grace Hassan Elena Samuel Nadia Pablo Amina Jonas Zainab Luis Hana"
).split()
LAST_NAMES = (  # noqa: SIM905 (a list of words reads best as words)
    "Haddad Kovalenko Chen Okafor Silva Rahman Smith Petrov Mensah Garcia Khan Novak "
    "Abdi Moreau Tanaka Alvarez Nasser Ivanova Mwangi Rossi Hussein Lindqvist Santos Begum Weber"
).split()
ROLES = [
    ("Minister of Foreign Affairs", "Government of {country}"),
    ("Commander of the armed forces", "{country} Armed Forces"),
    ("Spokesperson", "Ministry of the Interior of {country}"),
    ("Opposition leader", "National Movement of {country}"),
    ("Country director", "International Rescue Committee"),
]
PERSON_BIO = """{role}, {organization}.

Quoted often on security in {country}, in particular on the safety of foreign nationals."""

TEN_YEARS = 10 * 365 * 24 * 3600
# Lines handed to the database per read: a chunk large enough to keep COPY busy.
LINES_PER_READ = 5000


class Escaped(str):
    """Text already in COPY's format: each rendered body is escaped once, not once a row."""


def copy_field(value):
    """`value` in COPY's text format: None is NULL; a backslash, tab or line end is escaped."""
    if value is None:
        return r"\N"
    if isinstance(value, Escaped):
        return value
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def copy_line(*fields):
    return "\t".join(map(copy_field, fields)) + "\n"


def stamp(moment):
    return moment.isoformat(sep=" ")


# What every published model's row has (publishing.models.Publishable), and the values of a
# first edition: version 1, no change note, no minor change, created and last changed at once.
EDITION_COLUMNS = ["status", "version", "change_note", "minor_change", "created_at", "updated_at"]


def first_edition(status, created_at):
    return (status, 1, "", "f", created_at, created_at)


class LineReader:
    """A file that psycopg2's copy_expert reads: lines from a generator, many per read, so that
    the database works on one chunk while Python makes the next."""

    def __init__(self, lines):
        self.lines = iter(lines)

    def read(self, size=-1):
        return "".join(itertools.islice(self.lines, LINES_PER_READ))


def copy(cursor, model, columns, lines):
    """COPY `lines` (COPY lines from an iterable, or a file of them) into `model`'s table."""
    statement = f"COPY {model._meta.db_table} ({', '.join(columns)}) FROM STDIN"
    source = lines if hasattr(lines, "read") else LineReader(lines)
    cursor.copy_expert(statement, source, size=1 << 20)


class Links:
    """The rows of a many-to-many table, as COPY lines in memory."""

    def __init__(self):
        self.buffer = io.StringIO()
        self.count = 0

    def lines(self):
        self.buffer.seek(0)
        return self.buffer


class Country:
    def __init__(self, location, usual_level):
        self.id = location.pk
        self.name = location.name
        self.slug = location.slug
        self.region_id = location.parent_id
        self.usual_level = usual_level
        self.advisory_ids = []
        self.person_ids = []


class World:
    """The seeded countries and indicators, and the rows made so far that later rows link to."""

    def __init__(self, rng):
        usual = {code: level for level, codes in USUAL_LEVELS.items() for code in codes.split()}
        self.countries = [
            Country(location, usual.get(location.iso_code) or rng.choice([1, 1, 2]))
            for location in Location.objects.countries().order_by("pk")
        ]
        if not self.countries:
            sys.exit("No countries: migrate the database first (they are seeded by migrations).")
        self.by_region = {}
        for country in self.countries:
            self.by_region.setdefault(country.region_id, []).append(country)
        # Crisis countries make more news and more advice than quiet ones.
        self.weights = list(itertools.accumulate(3 if c.usual_level >= 3 else 1 for c in self))
        self.indicator_ids = dict(RiskIndicator.objects.values_list("code", "pk"))
        self.person_ids = []

    def __iter__(self):
        return iter(self.countries)

    def pick(self, rng):
        return rng.choices(self.countries, cum_weights=self.weights)[0]


class Generator:
    """Makes the rows: COPY lines of each table, links gathered as they go."""

    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.now = datetime.now(UTC).replace(microsecond=0)
        self.world = World(self.rng)
        self.rendered = {}
        self.links = {}

    def rich_text(self, markdown):
        """Markdown as save() stores it, and its HTML: rendered once per distinct text."""
        if markdown not in self.rendered:
            stored = richtext.stored_text(markdown)
            html = richtext.render(stored)
            self.rendered[markdown] = (Escaped(copy_field(stored)), Escaped(copy_field(html)))
        return self.rendered[markdown]

    def link(self, through, *ids):
        """Remember a row of a many-to-many table, to COPY once its rows exist."""
        links = self.links.setdefault(through, Links())
        links.buffer.write("\t".join(map(str, ids)) + "\n")
        links.count += 1

    def some_time_ago(self):
        return self.now - timedelta(seconds=self.rng.randrange(TEN_YEARS))

    def status(self, drafts_percent):
        draft = self.rng.randrange(100) < drafts_percent
        return Status.DRAFT if draft else Status.PUBLISHED

    # Advisories

    ADVISORY_COLUMNS = [
        "id",
        "title",
        "slug",
        "kind",
        "level",
        "issuer",
        "summary",
        "body",
        "body_html",
        "source_url",
        "issued_at",
        "expires_at",
        "source",
        "source_id",
        "source_data",
        "country_id",
        *EDITION_COLUMNS,
    ]

    def advisories(self, first_id, count):
        kinds, weights = list(KINDS), list(itertools.accumulate(KINDS.values()))
        for pk in range(first_id, first_id + count):
            country = self.world.pick(self.rng)
            kind = self.rng.choices(kinds, cum_weights=weights)[0]
            level = self.level(country)
            issued_at = self.some_time_ago()
            # A few percent expire, some of them already.
            expires = self.rng.randrange(100) < 4
            expires_at = issued_at + timedelta(days=self.rng.randint(7, 365)) if expires else None
            if kind == Advisory.Kind.TRAVEL_ADVISORY:
                title = f"{country.name} Travel Advisory"
                issuer = self.rng.choice(GOVERNMENTS)
                advice, risks = ADVICE[level]
                body = TRAVEL_BODY.format(
                    advice=advice, risks=risks, country=country.name, slug=country.slug
                )
            else:
                title = f"{kind.label}: {country.name}"
                issuer = self.rng.choice(EMBASSIES).format(country=country.name)
                body = ALERT_BODY.format(event=EVENTS[kind], country=country.name)
            summary = f"{Advisory.Level(level).label}. {ADVICE[level][0]} in {country.name}."
            country.advisory_ids.append(pk)
            for code in self.indicators(level):
                self.link(Advisory.indicators.through, pk, self.world.indicator_ids[code])
            yield copy_line(
                pk,
                title,
                f"{slugify(title)}-{pk}",
                kind.value,
                level,
                issuer,
                summary,
                *self.rich_text(body),
                f"https://travel.example.org/{country.slug}/{pk}/",
                stamp(issued_at),
                stamp(expires_at) if expires_at else None,
                Advisory.Source.STAFF.value,
                "",
                "{}",
                country.id,
                *first_edition(self.status(drafts_percent=5), stamp(issued_at)),
            )

    def level(self, country):
        """Usually the country's usual level; one step off a quarter of the time."""
        if self.rng.randrange(4):
            return country.usual_level
        return min(4, max(1, country.usual_level + self.rng.choice([-1, 1])))

    def indicators(self, level):
        codes = self.rng.sample(list(self.world.indicator_ids), self.rng.randint(0, 3))
        if level >= 3 and "T" not in codes and self.rng.randrange(10) < 7:
            codes.append("T")
        return codes

    # People

    PERSON_COLUMNS = [
        "id",
        "name",
        "slug",
        "role",
        "organization",
        "bio",
        "bio_html",
        "country_id",
        *EDITION_COLUMNS,
    ]

    def people(self, first_id, count):
        for pk in range(first_id, first_id + count):
            country = self.world.pick(self.rng)
            name = f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"
            role, organization = self.rng.choice(ROLES)
            organization = organization.format(country=country.name)
            bio = PERSON_BIO.format(role=role, organization=organization, country=country.name)
            created_at = stamp(self.some_time_ago())
            country.person_ids.append(pk)
            self.world.person_ids.append(pk)
            yield copy_line(
                pk,
                name,
                f"{slugify(name)}-{pk}",
                role,
                organization,
                *self.rich_text(bio),
                country.id,
                *first_edition(Status.PUBLISHED.value, created_at),
            )

    # Articles

    ARTICLE_COLUMNS = [
        "id",
        "title",
        "slug",
        "outlet",
        "url",
        "byline",
        "published_at",
        "summary",
        "body",
        "body_html",
        *EDITION_COLUMNS,
    ]

    def articles(self, first_id, count):
        outlets = list(OUTLETS.items())
        for pk in range(first_id, first_id + count):
            country = self.world.pick(self.rng)
            outlet, domain = self.rng.choice(outlets)
            title = self.rng.choice(HEADLINES).format(country=country.name)
            slug = f"{slugify(title)}-{pk}"
            published_at = stamp(self.some_time_ago())
            byline = f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"
            body = self.rng.choice(ARTICLE_BODIES).format(country=country.name)
            self.link_article(pk, country)
            yield copy_line(
                pk,
                title,
                slug,
                outlet,
                f"https://www.{domain}/world/{slug}",
                byline,
                published_at,
                f"The latest from {country.name}, reported by {outlet}.",
                *self.rich_text(body),
                *first_edition(self.status(drafts_percent=3), published_at),
            )

    def link_article(self, pk, country):
        """1–3 people (of the country where it has any), 1–3 places (the country and its
        neighbours in the region), 0–2 of the country's advisories."""
        rng = self.rng
        people = country.person_ids or self.world.person_ids
        for person_id in rng.sample(people, min(len(people), rng.randint(1, 3))):
            self.link(Article.people.through, pk, person_id)
        region = self.world.by_region[country.region_id]
        places = {country, *rng.sample(region, min(len(region), rng.randint(0, 2)))}
        for place in places:
            self.link(Article.places.through, pk, place.id)
        advisories = country.advisory_ids
        for advisory_id in rng.sample(advisories, min(len(advisories), rng.randint(0, 2))):
            self.link(Article.advisories.through, pk, advisory_id)


def through_columns(through):
    """The two foreign key columns of a many-to-many table, in the order `link` gives them."""
    return [field.column for field in through._meta.fields if field.is_relation]


def first_free_id(cursor, model):
    cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {model._meta.db_table}")
    return cursor.fetchone()[0]


def move_sequence_past_rows(cursor, model):
    """After rows went in with ids of their own, the next row the site adds gets the next one."""
    table = model._meta.db_table
    cursor.execute(
        f"SELECT setval(pg_get_serial_sequence(%s, 'id'), (SELECT MAX(id) FROM {table}))",
        [table],
    )


class Timer:
    """Prints how long each step took."""

    def __init__(self, report):
        self.report = report
        self.started = time.perf_counter()

    def step(self, what, rows=None):
        now = time.perf_counter()
        rows = f"{rows:>10,} rows" if rows is not None else ""
        self.report(f"{what:30} {rows:15} {now - self.started:6.1f} s")
        self.started = now


@contextlib.contextmanager
def bulk_load(cursor, tables, timer):
    """PostgreSQL's advice for loading many rows ("Populating a Database"): drop the indexes and
    foreign keys of `tables` (the keys and unique constraints stay), load, then build each index
    in one pass and check each foreign key in one query, instead of row by row."""
    quote_name = connection.ops.quote_name
    # Checks still pending from earlier in the transaction would forbid the DROPs.
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
    foreign_keys = table_definitions(cursor, FOREIGN_KEYS, tables)
    indexes = table_definitions(cursor, INDEXES, tables)
    for table, name, _ in foreign_keys:
        cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {quote_name(name)}")
    for _, name, _ in indexes:
        cursor.execute(f"DROP INDEX {name}")
    yield
    for _, _, definition in indexes:
        cursor.execute(definition)
    timer.step(f"{len(indexes)} indexes built")
    for table, name, definition in foreign_keys:
        cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {quote_name(name)} {definition}")
    timer.step(f"{len(foreign_keys)} foreign keys checked")


FOREIGN_KEYS = """
    SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint
    WHERE contype = 'f' AND conrelid = ANY(%s::regclass[]) ORDER BY 1, 2
"""
# Indexes of their own, not those of a primary key or unique constraint.
INDEXES = """
    SELECT indrelid::regclass::text, indexrelid::regclass::text, pg_get_indexdef(indexrelid)
    FROM pg_index
    WHERE indrelid = ANY(%s::regclass[])
        AND indexrelid NOT IN (SELECT conindid FROM pg_constraint WHERE conindid <> 0)
    ORDER BY 1, 2
"""


def table_definitions(cursor, query, tables):
    cursor.execute(query, [tables])
    return cursor.fetchall()


def generate(cursor, advisories, articles, people, seed=2020, report=print):
    """Add `advisories`, `articles` and `people` and their links through `cursor` (a Django
    cursor on PostgreSQL, in a transaction); `report` hears how long each table took."""
    timer = Timer(report)
    generator = Generator(seed)
    tables = [
        (Advisory, generator.ADVISORY_COLUMNS, generator.advisories, advisories),
        (Person, generator.PERSON_COLUMNS, generator.people, people),
        (Article, generator.ARTICLE_COLUMNS, generator.articles, articles),
    ]
    throughs = [
        Advisory.indicators.through,
        Article.people.through,
        Article.places.through,
        Article.advisories.through,
    ]
    names = [model._meta.db_table for model, *_ in tables] + [t._meta.db_table for t in throughs]
    with bulk_load(cursor, names, timer):
        for model, columns, rows, count in tables:
            copy(cursor, model, columns, rows(first_free_id(cursor, model), count))
            move_sequence_past_rows(cursor, model)
            timer.step(model._meta.verbose_name_plural, count)
        for through in throughs:
            links = generator.links.get(through, Links())
            copy(cursor, through, through_columns(through), links.lines())
            timer.step(through._meta.db_table, links.count)
    # Fresh statistics, as autovacuum would gather them: without them the planner guesses.
    cursor.execute("ANALYZE")
    timer.step("ANALYZE")


def counts():
    """How many advisories, articles and people the database holds."""
    return {
        model._meta.verbose_name_plural: model.objects.count()
        for model in (Advisory, Article, Person)
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=SCALES, default="small")
    parser.add_argument("--advisories", type=int, help="instead of the scale's number")
    parser.add_argument("--articles", type=int, help="instead of the scale's number")
    parser.add_argument("--people", type=int, help="unset: one for every 50 articles")
    parser.add_argument("--seed", type=int, default=2020)
    args = parser.parse_args()
    advisories, articles = SCALES[args.scale]
    advisories = args.advisories if args.advisories is not None else advisories
    articles = args.articles if args.articles is not None else articles
    people = args.people if args.people is not None else people_for(articles)
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        generate(cursor, advisories, articles, people, args.seed)
    print(f"{'total, with the commit':46} {time.perf_counter() - started:6.1f} s")


if __name__ == "__main__":
    main()
