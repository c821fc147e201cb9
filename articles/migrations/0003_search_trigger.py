"""Keep articles' and people's search_vector up to date in the database, on PostgreSQL only.

A trigger rather than save(): QuerySet.update(), bulk_create and raw SQL keep it right too.
"""

from django.db import migrations

from advisories.search import postgresql_only

FORWARD = """
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

CREATE TRIGGER articles_article_search_vector_trigger
    BEFORE INSERT OR UPDATE ON articles_article
    FOR EACH ROW EXECUTE FUNCTION articles_article_search_vector();

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
UPDATE articles_article SET search_vector = NULL;
UPDATE articles_person SET search_vector = NULL;
"""


class Migration(migrations.Migration):
    dependencies = [("articles", "0002_staff_groups"), ("advisories", "0003_search_trigger")]

    operations = [migrations.RunPython(postgresql_only(FORWARD), postgresql_only(BACKWARD))]
