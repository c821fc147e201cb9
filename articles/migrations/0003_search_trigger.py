"""Keep articles' and people's search_vector up to date in the database, on PostgreSQL only.

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
-- Weights rank title (A) over summary (B) over body (C) over who wrote it (D); coalesce because
-- one NULL would make the whole vector NULL.
CREATE FUNCTION articles_article_search_vector() RETURNS trigger AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('english', coalesce(NEW.title, '')), 'A')
        || setweight(to_tsvector('english', coalesce(NEW.summary, '')), 'B')
        || setweight(to_tsvector('english', coalesce(NEW.body, '')), 'C')
        || setweight(to_tsvector('english',
            coalesce(NEW.outlet, '') || ' ' || coalesce(NEW.byline, '')), 'D');
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

-- BEFORE, so the row is written once, vector included.
CREATE TRIGGER articles_article_search_vector_trigger
    BEFORE INSERT OR UPDATE ON articles_article
    FOR EACH ROW EXECUTE FUNCTION articles_article_search_vector();

-- A person is found by name first (A), then by what they do (B), then by the bio (C).
CREATE FUNCTION articles_person_search_vector() RETURNS trigger AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('english', coalesce(NEW.name, '')), 'A')
        || setweight(to_tsvector('english',
            coalesce(NEW.role, '') || ' ' || coalesce(NEW.organization, '')), 'B')
        || setweight(to_tsvector('english', coalesce(NEW.bio, '')), 'C');
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER articles_person_search_vector_trigger
    BEFORE INSERT OR UPDATE ON articles_person
    FOR EACH ROW EXECUTE FUNCTION articles_person_search_vector();

-- Existing rows: any update fires the triggers.
UPDATE articles_article SET search_vector = NULL;
UPDATE articles_person SET search_vector = NULL;
"""

BACKWARD = """
DROP TRIGGER IF EXISTS articles_article_search_vector_trigger ON articles_article;
DROP FUNCTION IF EXISTS articles_article_search_vector();
DROP TRIGGER IF EXISTS articles_person_search_vector_trigger ON articles_person;
DROP FUNCTION IF EXISTS articles_person_search_vector();
-- Nothing would keep the vectors up to date any more: empty rather than stale.
UPDATE articles_article SET search_vector = NULL;
UPDATE articles_person SET search_vector = NULL;
"""


class Migration(migrations.Migration):
    dependencies = [("articles", "0002_staff_groups"), ("advisories", "0003_search_trigger")]

    operations = [migrations.RunPython(postgresql_only(FORWARD), postgresql_only(BACKWARD))]
