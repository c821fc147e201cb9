"""Keep advisories' search_vector up to date in the database, on PostgreSQL only.

A trigger rather than save(): QuerySet.update(), bulk_create and raw SQL keep it right too.
"""

from django.db import migrations


def postgresql_only(sql):
    """Run `sql` on PostgreSQL; SQLite has no tsvector and searches by substring instead."""

    # Defined here, not imported: a migration must not change when application code does.
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return operation


FORWARD = """
-- Weights rank a match in the title (A) above one in the summary (B) above one in the body (C);
-- coalesce because one NULL would make the whole vector NULL.
CREATE FUNCTION advisories_advisory_search_vector() RETURNS trigger AS $$
BEGIN
    NEW.search_vector :=
        -- The country's name counts like the title: "iraq" finds Iraq's advisories. (Renaming
        -- a country does not touch its advisories; a country name is all but fixed.)
        setweight(to_tsvector('english', coalesce(NEW.title, '') || ' ' || coalesce(
            (SELECT name FROM advisories_location WHERE id = NEW.country_id), '')), 'A')
        || setweight(to_tsvector('english',
            coalesce(NEW.summary, '') || ' ' || coalesce(NEW.issuer, '')), 'B')
        || setweight(to_tsvector('english', coalesce(NEW.body, '')), 'C');
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

-- BEFORE, so the row is written once, vector included.
CREATE TRIGGER advisories_advisory_search_vector_trigger
    BEFORE INSERT OR UPDATE ON advisories_advisory
    FOR EACH ROW EXECUTE FUNCTION advisories_advisory_search_vector();

-- Existing rows: any update fires the trigger.
UPDATE advisories_advisory SET search_vector = NULL;
"""

BACKWARD = """
DROP TRIGGER IF EXISTS advisories_advisory_search_vector_trigger ON advisories_advisory;
DROP FUNCTION IF EXISTS advisories_advisory_search_vector();
-- Nothing would keep the vectors up to date any more: empty rather than stale.
UPDATE advisories_advisory SET search_vector = NULL;
"""


class Migration(migrations.Migration):
    dependencies = [("advisories", "0002_seed_regions_countries_indicators")]

    operations = [migrations.RunPython(postgresql_only(FORWARD), postgresql_only(BACKWARD))]
