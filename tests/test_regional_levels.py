"""Regional levels: parts of a country an issuer gives a level of their own. Canada's regional
advisories become places with their level (the Trinidad and Tobago sample), staff enter them in
the admin (public once the advisory is), a place outside the country is refused in plain words,
a new edition carries them, and the country page shows them in a constant number of queries."""

import html
import re

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from advisories.models import Advisory, Location, RegionalLevel
from publishing import freshness
from tests.factories import country, make_advisory, make_place
from tests.importing import run
from tests.test_editions import change_url, draft_update_url, form_data, logged_in
from tests.test_import_canada import trinidad

pytestmark = pytest.mark.django_db

PREFIX = "regional_levels"
# The areas of Canada's regional advisory for Trinidad and Tobago, 24 September 2026.
TT_AREAS = {
    "Beetham Estate Gardens": "",
    "Cocorite": "north of Western Main Road",
    "Downtown Port of Spain": "east of Charlotte street, south and west of Picadilly street, "
    "and north of Independence Square",
    "Laventille": "",
    "Sea Lots": "",
}


def regional_rows():
    return list(
        RegionalLevel.objects.order_by("pk").values(
            "advisory", "place", "place__name", "level", "description"
        )
    )


def inline(*rows, initial=0):
    """The inline's part of the change form: `rows` as {field: value}, the first `initial` of
    them already saved (with their id)."""
    data = {
        f"{PREFIX}-TOTAL_FORMS": len(rows),
        f"{PREFIX}-INITIAL_FORMS": initial,
        f"{PREFIX}-MIN_NUM_FORMS": 0,
        f"{PREFIX}-MAX_NUM_FORMS": 1000,
    }
    for n, row in enumerate(rows):
        data |= {f"{PREFIX}-{n}-{name}": value for name, value in row.items()}
    return data


def regional_section(page):
    """The country page's regional levels, as text, or "" without any."""
    found = re.findall(r'<section class="regional-levels".*?</section>', page, re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", " ".join(found))).split())


# Canada's regional advisories


def test_canadas_regional_advisory_gives_trinidad_and_tobago_places_at_level_3(tmp_path, client):
    ok, summary = run("import_canada", "--from-dir", trinidad(tmp_path))
    assert ok and summary.startswith("1 created"), summary
    tt = Advisory.objects.get(source=Advisory.Source.CANADA)
    assert tt.level == 2  # the national level stays Canada's state
    regional = {row.place.name: row for row in tt.regional_levels.select_related("place")}
    assert {name: row.description for name, row in regional.items()} == TT_AREAS
    assert {row.level for row in regional.values()} == {3}
    for row in regional.values():
        assert row.place.parent == tt.country and row.place.kind == Location.Kind.SUBDIVISION

    page = client.get("/countries/tt/").content.decode()
    section = regional_section(page)
    assert section.startswith("Parts of Trinidad and Tobago (Global Affairs Canada)")
    assert "Laventille: Level 3: Reconsider Travel Avoid non-essential travel" in section
    assert "Cocorite (north of Western Main Road): Level 3: Reconsider Travel" in section
    laventille = regional["Laventille"].place
    assert f'<a href="{laventille.get_absolute_url()}">Laventille</a>' in page
    assert client.get(laventille.get_absolute_url()).status_code == 200
    assert 'href="#regional-levels-canada">Yes, 5 parts</a>' in page


def test_a_second_run_changes_nothing(tmp_path):
    run("import_canada", "--from-dir", trinidad(tmp_path))
    rows, places = regional_rows(), list(Location.objects.order_by("pk").values())
    ok, summary = run("import_canada", "--from-dir", tmp_path)
    assert ok and summary.endswith("1 unchanged, 0 held, 0 skipped (nothing changed)"), summary
    assert regional_rows() == rows
    assert list(Location.objects.order_by("pk").values()) == places


def test_a_place_of_the_same_name_in_the_country_is_reused_and_a_taken_slug_is_not(tmp_path):
    """Laventille exists in Trinidad and Tobago under another slug; "sea-lots" is a place of
    another country: the first is found, the second made with a slug of its own."""
    laventille = make_place("Laventille", parent=country("TT"), slug="laventille-tt")
    elsewhere = make_place("Sea Lots", parent=country("IQ"), slug="sea-lots")
    run("import_canada", "--from-dir", trinidad(tmp_path))
    places = {row["place__name"]: row["place"] for row in regional_rows()}
    assert places["Laventille"] == laventille.pk
    sea_lots = Location.objects.get(pk=places["Sea Lots"])
    assert sea_lots.parent == country("TT") and sea_lots.slug == "sea-lots-2"
    assert elsewhere.regional_levels.count() == 0


# Staff's regional levels


@pytest.fixture
def iraq():
    return make_advisory(iso="IQ", level=3, title="Iraq Travel Advisory", slug="iraq-advisory")


@pytest.fixture
def erbil():
    return make_place("Erbil", parent=country("IQ"), slug="erbil")


def test_staffs_regional_level_shows_once_published_and_not_while_a_draft(
    editor, publisher, iraq, erbil, client, commits
):
    with commits():
        logged_in(editor).post(draft_update_url(iraq))
    draft = Advisory.objects.get(previous_edition=iraq)
    row = {"place": erbil.pk, "level": 2, "description": "the Kurdistan Region's capital"}
    data = form_data(draft, change_note="Erbil is calmer.") | inline(row)
    with commits():
        response = logged_in(editor).post(change_url(draft), data)
    assert response.status_code == 302
    assert list(draft.regional_levels.values_list("place", "level")) == [(erbil.pk, 2)]
    assert not iraq.regional_levels.exists()
    assert regional_section(client.get("/countries/iq/").content.decode()) == ""

    with commits():
        logged_in(publisher).post(
            reverse("admin:advisories_advisory_changelist"),
            {"action": "publish", "_selected_action": [draft.pk]},
        )
    section = regional_section(client.get("/countries/iq/").content.decode())
    assert "Erbil (the Kurdistan Region's capital): Level 2: Exercise Increased Caution" in section


def test_an_editor_cannot_add_a_regional_level_to_a_published_advisory(editor, iraq, erbil):
    html = logged_in(editor).get(change_url(iraq)).content.decode()
    assert (
        f'name="{PREFIX}-0-place"' not in html and f'name="{PREFIX}-__prefix__-place"' not in html
    )
    assert f'name="{PREFIX}-MAX_NUM_FORMS" value="0"' in html  # read-only: no row to add
    data = form_data(iraq) | inline({"place": erbil.pk, "level": 2})
    assert logged_in(editor).post(change_url(iraq), data).status_code == 403
    assert not RegionalLevel.objects.exists()


def test_a_form_without_the_regional_levels_leaves_them_as_they_are(publisher, erbil):
    draft = make_advisory(status=Advisory.Status.DRAFT, slug="draft")
    RegionalLevel.objects.create(advisory=draft, place=erbil, level=4)
    response = logged_in(publisher).post(change_url(draft), form_data(draft, title="Retitled"))
    assert response.status_code == 302
    assert list(draft.regional_levels.values_list("place", "level")) == [(erbil.pk, 4)]


@pytest.mark.parametrize(
    ("where", "message"),
    [
        ("paris", "Paris is not in Iraq: choose a place inside it."),
        ("iraq", "Choose a part of Iraq: the whole country has the advisory&#x27;s level."),
    ],
)
def test_a_place_outside_the_country_is_refused_in_plain_words(publisher, where, message):
    draft = make_advisory(status=Advisory.Status.DRAFT, slug="draft")
    place = country("IQ") if where == "iraq" else make_place("Paris", parent=country("FR"))
    data = form_data(draft) | inline({"place": place.pk, "level": 4})
    response = logged_in(publisher).post(change_url(draft), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not RegionalLevel.objects.exists()
    # The model says so too, to any code that validates it.
    with pytest.raises(ValidationError) as refused:
        RegionalLevel(advisory=draft, place=place, level=4).full_clean()
    assert refused.value.message_dict["place"] == [message.replace("&#x27;", "'")]


def test_a_place_inside_a_place_of_the_country_is_accepted(erbil):
    citadel = make_place("Erbil Citadel", kind=Location.Kind.SITE, parent=erbil)
    RegionalLevel(advisory=make_advisory(), place=citadel, level=4).full_clean()


def test_a_new_edition_carries_the_regional_levels(editor, iraq, erbil):
    RegionalLevel.objects.create(advisory=iraq, place=erbil, level=2, description="the capital")
    logged_in(editor).post(draft_update_url(iraq))
    draft = Advisory.objects.get(previous_edition=iraq)
    fields = ("place", "level", "description")
    assert list(draft.regional_levels.values_list(*fields)) == [(erbil.pk, 2, "the capital")]
    assert list(iraq.regional_levels.values_list(*fields)) == [(erbil.pk, 2, "the capital")]


# The country page's queries


def country_page_queries(client):
    cache.clear()
    freshness.forget_state()
    freshness.state()
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/countries/iq/")
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_the_country_page_queries_do_not_grow_with_the_regional_levels(client):
    staff = make_advisory(level=3, slug="staff")
    canada = make_advisory(level=2, slug="canada", source=Advisory.Source.CANADA, source_id="IQ")
    for advisory in (staff, canada):
        RegionalLevel.objects.create(advisory=advisory, place=make_place("Place 0"), level=4)
    one, page = country_page_queries(client)
    assert page.count('class="regional-levels"') == 2
    for n in range(1, 20):
        for advisory in (staff, canada):
            RegionalLevel.objects.create(advisory=advisory, place=make_place(f"Place {n}"), level=4)
    twenty, page = country_page_queries(client)
    assert regional_section(page).count("Place 19: Level 4") == 2
    assert twenty == one
