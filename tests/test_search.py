"""Full-text search: the trigger-kept vectors, ranking and snippets on PostgreSQL; the fallback."""

import pytest
from django.db import connection
from django.template import Context, Template

from advisories.models import Advisory, Location
from advisories.richtext import MARK_START, MARK_STOP, highlight_snippet
from articles.models import Article, Person
from tests.factories import make_advisory, make_article, make_person

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's full-text search"
)
sqlite_only = pytest.mark.skipif(connection.vendor == "postgresql", reason="the fallback")


def titles(queryset):
    return [item.title for item in queryset]


@postgresql_only
def test_trigger_fills_the_vector_on_create_update_and_bulk_create():
    advisory = make_advisory(title="Flooding in the delta")
    assert Advisory.objects.search("flooding").get() == advisory
    Advisory.objects.filter(pk=advisory.pk).update(title="Wildfires in the hills")
    assert not Advisory.objects.search("flooding").exists()
    assert Advisory.objects.search("wildfire").get() == advisory
    Person.objects.bulk_create([Person(name="Ada Lovelace", slug="ada")])
    assert Person.objects.search("lovelace").get().slug == "ada"


@postgresql_only
def test_country_name_finds_its_advisories(demo):
    found = Advisory.objects.public().search("iraq")
    assert found.filter(slug="iraq-security-alert-2020-01-03-depart-immediately").exists()
    assert set(found.values_list("country__iso_code", flat=True)) >= {"IQ"}


@postgresql_only
def test_title_match_ranks_above_body_match():
    body_only = make_advisory(title="Routine notice", body="Sandstorms expected.")
    in_title = make_advisory(title="Sandstorms across the region")
    assert list(Advisory.objects.search("sandstorm")) == [in_title, body_only]


@postgresql_only
def test_websearch_syntax_phrases_and_exclusions(demo):
    phrase = Advisory.objects.public().search('"depart Iraq immediately"')
    assert "iraq-security-alert-2020-01-03-depart-immediately" in phrase.values_list(
        "slug", flat=True
    )
    without_kuwait = Advisory.objects.public().search("tensions -kuwait")
    assert not without_kuwait.filter(country__iso_code="KW").exists()
    assert without_kuwait.filter(country__iso_code="IL").exists()


@pytest.mark.parametrize("junk", ["'&|!:*()", "-", '"', "x" * 1000, "漢字 ü 🙂", "a:* & b"])
def test_junk_queries_never_raise(junk):
    make_advisory()
    assert Advisory.objects.search(junk).with_snippet(junk).count() >= 0
    assert list(Article.objects.search(junk).with_snippet(junk)) is not None
    assert list(Person.objects.search(junk).with_snippet(junk)) is not None


def test_public_chained_with_search_leaves_drafts_out():
    make_advisory(title="Volcano warning", status=Advisory.Status.DRAFT)
    published = make_advisory(title="Volcano ash cloud")
    assert list(Advisory.objects.public().search("volcano")) == [published]


@postgresql_only
def test_snippet_marks_the_matched_words(demo):
    article = (
        Article.objects.public()
        .search("Soleimani")
        .with_snippet("Soleimani")
        .get(slug="state-department-tells-americans-in-iraq-to-leave-immediately")
    )
    assert f"{MARK_START}Soleimani{MARK_STOP}" in article.snippet
    html = Template("{% load atlas %}{{ a.snippet|highlight }}").render(Context({"a": article}))
    assert "<mark>Soleimani</mark>" in html


def test_highlight_escapes_everything_but_the_marks():
    html = highlight_snippet(f"<script>alert(1)</script> {MARK_START}Baghdad{MARK_STOP} & co")
    assert html == "&lt;script&gt;alert(1)&lt;/script&gt; <mark>Baghdad</mark> &amp; co"


@sqlite_only
def test_fallback_matches_substrings_of_title_summary_and_country():
    advisory = make_advisory(title="Storm warning", summary="Heavy rain.")
    assert list(Advisory.objects.search("storm")) == [advisory]
    assert list(Advisory.objects.search("RAIN")) == [advisory]
    assert list(Advisory.objects.search("iraq")) == [advisory]
    assert Advisory.objects.search("storm").with_snippet("storm").get().snippet == "Heavy rain."


def test_people_and_places_are_searchable():
    person = make_person("Ian Lee", role="Correspondent", organization="CBS News")
    make_article(people=[person])
    assert list(Person.objects.search("correspondent")) == [person]
    assert Location.objects.search("baghd").count() == 0  # no places in a fresh database
    assert Location.objects.search("Iraq").get().iso_code == "IQ"


@postgresql_only
def test_search_page_ranks_and_highlights(demo, client):
    html = client.get("/search/", {"q": "depart immediately"}).content.decode()
    alerts = html.split('id="advisories-heading"')[1].split("</section>")[0]
    assert alerts.index("depart-immediately") < alerts.index("</ul>")
    assert "<mark>" in alerts
