"""Small factories that build real rows; tests pass only what matters to them."""

import itertools
from datetime import timedelta

from django.contrib.auth.models import Group, User
from django.utils import timezone

from advisories.models import Advisory, Location, RiskIndicator
from articles.models import Article, Person

_serial = itertools.count(1)


def country(iso="IQ"):
    """A country seeded by the migrations."""
    return Location.objects.get(iso_code=iso)


def make_place(name="Baghdad", kind=Location.Kind.CITY, parent=None, **fields):
    parent = parent or country("IQ")
    slug = fields.pop("slug", f"{name.lower().replace(' ', '-')}-{next(_serial)}")
    return Location.objects.create(name=name, slug=slug, kind=kind, parent=parent, **fields)


def _create(model, defaults, fields, **relations):
    """A row of model from its defaults updated by fields, then its many-to-many relations set."""
    row = model.objects.create(**{**defaults, **fields})
    for name, related in relations.items():
        getattr(row, name).set(related)
    return row


def make_advisory(iso="IQ", level=4, indicators=(), places=(), **fields):
    n = next(_serial)
    defaults = {
        "title": f"Advisory {n}",
        "slug": f"advisory-{n}",
        "country": country(iso),
        "level": level,
        # An issuer of its own: a later advisory by the same issuer supersedes an earlier one.
        "issuer": f"Issuer {n}",
        "summary": f"Summary {n}.",
        "status": Advisory.Status.PUBLISHED,
        "issued_at": timezone.now() - timedelta(days=1),
    }
    indicators = RiskIndicator.objects.filter(code__in=indicators)
    return _create(Advisory, defaults, fields, indicators=indicators, places=places)


def make_person(name="Ian Lee", **fields):
    slug = fields.pop("slug", f"person-{next(_serial)}")
    fields.setdefault("status", Person.Status.PUBLISHED)
    return Person.objects.create(name=name, slug=slug, **fields)


def make_article(people=(), places=(), advisories=(), **fields):
    n = next(_serial)
    defaults = {
        "title": f"Article {n}",
        "slug": f"article-{n}",
        "outlet": "CBS News",
        "summary": f"Article summary {n}.",
        "status": Article.Status.PUBLISHED,
        "published_at": timezone.now() - timedelta(hours=1),
    }
    return _create(Article, defaults, fields, people=people, places=places, advisories=advisories)


def make_staff(username, group):
    user = User.objects.create_user(username, password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user
