"""Keep advisories' search_vector up to date in the database, on PostgreSQL only.

A trigger rather than save(): QuerySet.update(), bulk_create and raw SQL keep it right too.
"""

from django.db import migrations

from advisories.search import postgresql_only

FORWARD = """
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

CREATE TRIGGER advisories_advisory_search_vector_trigger
    BEFORE INSERT OR UPDATE ON advisories_advisory
    FOR EACH ROW EXECUTE FUNCTION advisories_advisory_search_vector();

-- Existing rows: any update fires the trigger.
UPDATE advisories_advisory SET search_vector = NULL;
"""

BACKWARD = """
DROP TRIGGER IF EXISTS advisories_advisory_search_vector_trigger ON advisories_advisory;
DROP FUNCTION IF EXISTS advisories_advisory_search_vector();
UPDATE advisories_advisory SET search_vector = NULL;
"""


class Migration(migrations.Migration):
    dependencies = [("advisories", "0002_seed_regions_countries_indicators")]

    operations = [migrations.RunPython(postgresql_only(FORWARD), postgresql_only(BACKWARD))]
