import pytest
from django.core.management import call_command

from advisories.models import Advisory, Location
from articles.models import Article, Person

pytestmark = pytest.mark.django_db

MODELS = [
    Location,
    Advisory,
    Article,
    Person,
    Advisory.indicators.through,
    Advisory.places.through,
    Article.people.through,
    Article.places.through,
    Article.advisories.through,
]


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_load_demo_twice_changes_nothing(demo):
    before = counts()
    updated_at = list(Advisory.objects.order_by("pk").values_list("updated_at", flat=True))
    call_command("load_demo", verbosity=0)
    assert counts() == before
    assert list(Advisory.objects.order_by("pk").values_list("updated_at", flat=True)) == updated_at


def test_founding_case_is_loaded(demo):
    alert = Advisory.objects.public().get(slug="iraq-security-alert-2020-01-03-depart-immediately")
    assert alert.kind == Advisory.Kind.SECURITY_ALERT
    assert alert.level == 4
    assert alert.issuer == "U.S. Embassy Baghdad"
    assert set(alert.indicators.values_list("code", flat=True)) == set("TUKO")
    assert {"Baghdad", "U.S. Embassy compound, Baghdad"} <= {p.name for p in alert.places.all()}
    assert alert.issued_at.isoformat().startswith("2020-01-03")

    article = Article.objects.public().get(
        title="State Department tells Americans in Iraq to leave immediately"
    )
    assert article.outlet == "CBS News"
    assert {p.name for p in article.people.all()} == {
        "Qassem Soleimani",
        "Donald Trump",
        "Ali Khamenei",
        "Ian Lee",
    }
    assert {"Baghdad", "Tahrir Square, Baghdad", "Kuwait", "Israel", "Iran"} <= {
        p.name for p in article.places.all()
    }
    assert alert in article.advisories.all()


def test_embassy_compound_lies_in_baghdad_in_iraq_in_the_middle_east(demo):
    compound = Location.objects.get(slug="us-embassy-baghdad")
    assert [compound.parent.name, compound.parent.parent.name, compound.country.parent.name] == [
        "Baghdad",
        "Iraq",
        "Middle East",
    ]


def test_demo_covers_thirty_countries_all_levels_and_history(demo):
    levelled = Location.objects.countries().with_current_level().exclude(current_level=None)
    assert levelled.count() >= 30
    assert set(levelled.values_list("current_level", flat=True)) == {1, 2, 3, 4}
    kinds = set(Advisory.objects.public().values_list("kind", flat=True))
    assert len(kinds) == len(Advisory.Kind)
    history = Advisory.objects.public().travel_advisories().filter(country__iso_code="VE")
    assert list(history.values_list("level", flat=True)) == [4, 3]
    assert Location.objects.with_current_level().get(iso_code="IQ").current_level == 4


def test_demo_keeps_drafts_out_of_public(demo):
    assert Advisory.objects.filter(status=Advisory.Status.DRAFT).exists()
    assert not Advisory.objects.public().filter(status=Advisory.Status.DRAFT).exists()
    assert Article.objects.filter(status=Article.Status.DRAFT).exists()
    assert not Article.objects.public().filter(status=Article.Status.DRAFT).exists()


def test_migrations_are_complete():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
