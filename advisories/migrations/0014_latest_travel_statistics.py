"""How many countries × issuers (and × sources) there are, for PostgreSQL's planner: without it
it multiplies the two columns' counts, guesses ten times too many current advisories, and reads
the whole table to find a few thousand (AdvisoryQuerySet.latest_travel)."""

from django.db import migrations

PAIRS = {"advisory_country_issuer": "issuer", "advisory_country_source": "source"}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, column in PAIRS.items():
        schema_editor.execute(
            f"CREATE STATISTICS {name} (ndistinct) ON country_id, {column} FROM advisories_advisory"
        )
    schema_editor.execute("ANALYZE advisories_advisory")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in PAIRS:
        schema_editor.execute(f"DROP STATISTICS IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("advisories", "0013_latest_travel_indexes")]

    operations = [migrations.RunPython(create, drop)]
