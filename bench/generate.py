"""Fill a database with a large, realistic-looking data set for the load benchmark.

    DATABASE_URL=postgres://… python bench/generate.py --advisories 20000 --articles 5000

Rows are bulk-inserted, so `save()` does not run: the rendered HTML is set here instead.
Run it on a database made for the benchmark, never on one that holds real content.
"""

import argparse
import os
import random
import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from advisories.models import Advisory, Location, RiskIndicator  # noqa: E402
from articles.models import Article, Person  # noqa: E402
from publishing import richtext  # noqa: E402

BODY = "**{advice}** Terrorist groups continue plotting attacks in {country}.\n\n- Avoid crowds."
BATCH = 1000


def advisories(count, countries, rng):
    now = timezone.now()
    for n in range(count):
        country = rng.choice(countries)
        level = rng.randint(1, 4)
        body = BODY.format(advice=Advisory.Level(level).label, country=country.name)
        yield Advisory(
            title=f"{country.name} Travel Advisory {n}",
            slug=f"bench-advisory-{n}",
            country=country,
            kind=rng.choice(Advisory.Kind.values),
            level=level,
            issuer=rng.choice(["U.S. Department of State", "UK FCDO", "U.S. Embassy Baghdad"]),
            summary=f"{Advisory.Level(level).label} in {country.name}. Benchmark row {n}.",
            body=body,
            body_html=richtext.render(body),
            status=rng.choice([Advisory.Status.PUBLISHED] * 8 + [Advisory.Status.DRAFT]),
            issued_at=now - timedelta(days=rng.randint(1, 3000), minutes=n),
        )


def articles(count, rng):
    now = timezone.now()
    for n in range(count):
        body = f"Reporting from the region, article {n}."
        yield Article(
            title=f"Benchmark article {n}",
            slug=f"bench-article-{n}",
            outlet=rng.choice(["CBS News", "Reuters", "BBC News", "Al Jazeera"]),
            summary=f"What happened, part {n}.",
            body=body,
            body_html=richtext.render(body),
            status=Article.Status.PUBLISHED,
            published_at=now - timedelta(days=rng.randint(1, 3000), minutes=n),
        )


def insert(model, rows):
    created = []
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            created += model.objects.bulk_create(batch)
            batch = []
    return created + model.objects.bulk_create(batch)


def link(through, pairs):
    through.objects.bulk_create([through(**pair) for pair in pairs], batch_size=BATCH)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--advisories", type=int, default=20000)
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=2020)
    args = parser.parse_args()
    with transaction.atomic():
        generate(args)
    # Fresh statistics, as autovacuum would gather them: without them the planner guesses.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def generate(args):
    rng = random.Random(args.seed)

    countries = list(Location.objects.countries())
    indicators = list(RiskIndicator.objects.all())
    created = insert(Advisory, advisories(args.advisories, countries, rng))
    link(
        Advisory.indicators.through,
        [
            {"advisory_id": a.pk, "riskindicator_id": i.pk}
            for a in created
            for i in rng.sample(indicators, rng.randint(0, 3))
        ],
    )
    people = insert(
        Person,
        (
            Person(name=f"Person {n}", slug=f"bench-person-{n}", status=Person.Status.PUBLISHED)
            for n in range(args.people)
        ),
    )
    stories = insert(Article, articles(args.articles, rng))
    link(
        Article.people.through,
        [{"article_id": s.pk, "person_id": rng.choice(people).pk} for s in stories],
    )
    link(
        Article.advisories.through,
        [{"article_id": s.pk, "advisory_id": rng.choice(created).pk} for s in stories],
    )
    print(f"created {len(created)} advisories, {len(stories)} articles, {len(people)} people")


if __name__ == "__main__":
    main()
