"""Every column a public page or feed filters or orders on leads an index, on both databases."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db

# table: the columns that must each lead some index (or be the unique key)
REQUIRED = {
    "advisories_advisory": [
        "status",  # public(): status, then issued_at descending
        "country_id",  # country pages, country filter, current level
        "level",
        "kind",
        "expires_at",
        "source",
        "slug",
    ],
    "advisories_location": ["parent_id", "kind", "iso_code", "slug"],
    "advisories_advisory_indicators": ["advisory_id", "riskindicator_id"],
    "advisories_advisory_places": ["advisory_id", "location_id"],
    "articles_article": ["status", "slug"],  # outlet: an UPPER() index, below
    "articles_article_people": ["article_id", "person_id"],
    "articles_article_places": ["article_id", "location_id"],
    "articles_article_advisories": ["article_id", "advisory_id"],
    "articles_person": ["slug", "name", "country_id"],
}


def leading_columns(table):
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    return {
        c["columns"][0]
        for c in constraints.values()
        if (c["index"] or c["unique"] or c["primary_key"]) and c["columns"]
    }


@pytest.mark.parametrize(("table", "columns"), REQUIRED.items())
def test_filtered_and_ordered_columns_lead_an_index(table, columns):
    missing = set(columns) - leading_columns(table)
    assert not missing, f"{table} lacks an index on {sorted(missing)}"


def test_public_lists_have_a_status_and_date_index():
    with connection.cursor() as cursor:
        advisory = connection.introspection.get_constraints(cursor, "advisories_advisory")
        article = connection.introspection.get_constraints(cursor, "articles_article")
    assert advisory["advisory_status_issued_idx"]["columns"] == ["status", "issued_at"]
    assert article["article_status_published_idx"]["columns"] == ["status", "published_at"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="expression indexes: PostgreSQL")
@pytest.mark.parametrize(
    ("table", "expression"),
    [
        ("advisories_advisory", "upper((issuer)::text)"),
        ("articles_article", "upper((outlet)::text)"),
    ],
)
def test_case_insensitive_filters_have_an_upper_index(table, expression):
    # The issuer and outlet filters match case-insensitively: WHERE UPPER(col) = UPPER(%s).
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = %s", [table])
        definitions = [row[0] for row in cursor.fetchall()]
    assert any(expression in d for d in definitions), definitions


@pytest.mark.skipif(connection.vendor != "postgresql", reason="GIN indexes: PostgreSQL")
@pytest.mark.parametrize("table", ["advisories_advisory", "articles_article", "articles_person"])
def test_search_vectors_have_a_gin_index(table):
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = %s", [table])
        definitions = [row[0] for row in cursor.fetchall()]
    assert any("USING gin (search_vector)" in d for d in definitions), definitions
