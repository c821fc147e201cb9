"""Versions keep relations too: each version of an advisory or article records the places,
indicators, people and advisories it linked to (django-simple-history's m2m_fields), in a table
per relation written once here by `relation_versions`."""

import django.db.models.deletion
import simple_history.models
from django.db import migrations, models
from django.db.models import Max


def link(to, **options):
    """A column naming a row that may since have gone: no constraint, no cascade."""
    return models.ForeignKey(
        db_constraint=False,
        on_delete=django.db.models.deletion.DO_NOTHING,
        to=to,
        **options,
    )


def relation_versions(name, version_table, ends):
    """The table of one relation's rows at each version: `ends` names the two linked models."""
    columns = [
        (field, link(model, blank=True, db_tablespace="", null=True, related_name="+"))
        for field, model in ends
    ]
    return migrations.CreateModel(
        name=name,
        fields=[
            (
                "id",
                models.BigIntegerField(
                    auto_created=True, blank=True, db_index=True, verbose_name="ID"
                ),
            ),
            ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
            ("history", link(version_table)),
            *columns,
        ],
        options={"verbose_name": name},
        bases=(simple_history.models.HistoricalChanges, models.Model),
    )


def record_current_links(apps, schema_editor):
    """The latest version of each advisory and article records the links it has now, so that
    from here on each version is compared and restored with its links."""
    for app, model, fields in [
        ("advisories", "Advisory", ["indicators", "places"]),
        ("articles", "Article", ["people", "places", "advisories"]),
    ]:
        versions = apps.get_model("publishing", f"Historical{model}").objects
        latest = versions.order_by().values("id").annotate(latest=Max("history_id"))
        latest = dict(latest.values_list("id", "latest"))
        for name in fields:
            through = getattr(apps.get_model(app, model), name).through
            version_links = apps.get_model("publishing", f"Historical{model}_{name}")
            own, other = (field.name for field in through._meta.fields if field.name != "id")
            version_links.objects.bulk_create(
                [
                    version_links(history_id=latest[link[f"{own}_id"]], **link)
                    for link in through.objects.values("id", f"{own}_id", f"{other}_id").iterator()
                    if link[f"{own}_id"] in latest
                ],
                batch_size=1000,
            )


ADVISORY, ARTICLE = ("advisory", "advisories.advisory"), ("article", "articles.article")
PLACE = ("location", "advisories.location")


class Migration(migrations.Migration):
    dependencies = [
        ("advisories", "0010_places_by_publishers"),
        ("articles", "0006_person_editions"),
        ("publishing", "0002_person_versions"),
    ]

    operations = [
        relation_versions(
            "HistoricalAdvisory_indicators",
            "publishing.historicaladvisory",
            [ADVISORY, ("riskindicator", "advisories.riskindicator")],
        ),
        relation_versions(
            "HistoricalAdvisory_places", "publishing.historicaladvisory", [ADVISORY, PLACE]
        ),
        relation_versions(
            "HistoricalArticle_advisories", "publishing.historicalarticle", [ARTICLE, ADVISORY]
        ),
        relation_versions(
            "HistoricalArticle_people",
            "publishing.historicalarticle",
            [ARTICLE, ("person", "articles.person")],
        ),
        relation_versions(
            "HistoricalArticle_places", "publishing.historicalarticle", [ARTICLE, PLACE]
        ),
        migrations.RunPython(record_current_links, migrations.RunPython.noop),
    ]
