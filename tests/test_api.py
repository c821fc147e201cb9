"""The read-only JSON API under /api/v1/, through real HTTP requests: what each endpoint says,
that it says only what the public may see, and that its filters mean what the pages' mean."""

import os
import re
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.http import QueryDict
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisories.filters import AdvisoryFilter
from advisories.models import Advisory, Location
from articles.filters import ArticleFilter
from articles.models import Article, Person
from publishing import freshness
from tests.factories import country, make_advisory, make_article, make_person, make_place
from tests.test_hostile_input import HOSTILE_VALUES, KEYS

pytestmark = pytest.mark.django_db

API = "/api/v1"
HOST = "http://testserver"
DAY = timedelta(days=1)
NOW = timezone.now()
HIDDEN = {
    "draft": {"status": Advisory.Status.DRAFT},
    "archived": {"status": Advisory.Status.ARCHIVED},
    "scheduled": {"issued_at": NOW + DAY},
    "expired": {"issued_at": NOW - 5 * DAY, "expires_at": NOW - DAY},
}


def get_json(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "application/json"
    return response.json()


def walk(client, url):
    """Every result of a paginated list, following `next` to the end."""
    results = []
    while url:
        page = get_json(client, url)
        results += page["results"]
        url = page["next"]
    return results


def slugs(results):
    return [result["slug"] for result in results]


# Countries


def test_country_list_is_every_country_in_one_answer(client):
    countries = get_json(client, f"{API}/countries/")
    assert isinstance(countries, list)  # no pages
    by_name = Location.objects.countries().order_by("name", "pk")
    assert [c["iso_code"] for c in countries] == [c.iso_code for c in by_name]
    assert len(countries) > 200


def test_a_country_says_where_it_is_and_where_its_pages_are(client):
    Location.objects.filter(iso_code="IQ").update(latitude=33.22, longitude=43.68)
    iraq = get_json(client, f"{API}/countries/iq/")
    assert iraq["iso_code"] == "IQ" and iraq["name"] == "Iraq"
    assert iraq["region"] == {
        "slug": "middle-east",
        "name": "Middle East",
        "api_url": f"{HOST}{API}/places/middle-east/",
    }
    assert (iraq["latitude"], iraq["longitude"]) == (33.22, 43.68)
    assert iraq["url"] == f"{HOST}/countries/iq/"
    assert iraq["api_url"] == f"{HOST}{API}/countries/iq/"


@pytest.mark.parametrize("iso", ["iq", "IQ", "Iq"])
def test_country_code_may_be_in_either_case(client, iso):
    assert get_json(client, f"{API}/countries/{iso}/")["iso_code"] == "IQ"


@pytest.mark.parametrize("iso", ["zz", "irq", "1q"])
def test_unknown_country_is_404(client, iso):
    assert client.get(f"{API}/countries/{iso}/").status_code == 404


def test_country_without_advice_has_no_level(client):
    norway = get_json(client, f"{API}/countries/no/")
    assert (norway["level"], norway["level_label"], norway["levels"]) == (None, None, [])


def test_country_level_is_its_latest_travel_advisory_and_levels_are_each_issuers(client):
    state, fcdo = "U.S. Department of State", "UK FCDO"
    make_advisory(level=3, issuer=state, issued_at=NOW - 30 * DAY)  # superseded by the next
    current_state = make_advisory(level=4, issuer=state, issued_at=NOW - 10 * DAY)
    current_fcdo = make_advisory(level=2, issuer=fcdo, issued_at=NOW - 5 * DAY)
    make_advisory(level=1, kind=Advisory.Kind.SECURITY_ALERT, issued_at=NOW - DAY)  # no level
    make_advisory(level=1, issuer=fcdo, status=Advisory.Status.DRAFT, issued_at=NOW - DAY)

    iraq = get_json(client, f"{API}/countries/iq/")

    assert (iraq["level"], iraq["level_label"]) == (2, "Level 2: Exercise Increased Caution")
    assert iraq["levels"] == [
        {
            "issuer": fcdo,
            "level": 2,
            "label": "Level 2: Exercise Increased Caution",
            "issued_at": current_fcdo.issued_at.isoformat().replace("+00:00", "Z"),
            "url": f"{HOST}/advisories/{current_fcdo.slug}/",
            "api_url": f"{HOST}{API}/advisories/{current_fcdo.slug}/",
        },
        {
            "issuer": state,
            "level": 4,
            "label": "Level 4: Do Not Travel",
            "issued_at": current_state.issued_at.isoformat().replace("+00:00", "Z"),
            "url": f"{HOST}/advisories/{current_state.slug}/",
            "api_url": f"{HOST}{API}/advisories/{current_state.slug}/",
        },
    ]


def test_country_list_carries_the_same_levels_as_the_country(client):
    make_advisory(iso="SY", level=4, issuer="U.S. Department of State")
    make_advisory(iso="SY", level=3, issuer="UK FCDO")
    by_iso = {c["iso_code"]: c for c in get_json(client, f"{API}/countries/")}
    assert by_iso["SY"] == get_json(client, f"{API}/countries/sy/")
    assert [level["level"] for level in by_iso["SY"]["levels"]] == [3, 4]


@pytest.mark.parametrize("how_many", [3, 30])
def test_country_list_queries_do_not_grow_with_the_countries_advised(
    client, django_assert_max_num_queries, how_many
):
    for place in Location.objects.countries().order_by("iso_code")[:how_many]:
        make_advisory(iso=place.iso_code, level=3, issuer="U.S. Department of State")
        make_advisory(iso=place.iso_code, level=2, issuer="UK FCDO", indicators=("T",))
    # The countries, and every issuer's current advisory for all of them (the content's state,
    # which publishing.freshness reads once every few seconds, read apart).
    freshness.state()
    with django_assert_max_num_queries(2):
        countries = get_json(client, f"{API}/countries/")
    assert sum(len(c["levels"]) for c in countries) == 2 * how_many


# Advisories


def test_advisory_says_everything_its_page_does(client):
    baghdad = make_place("Baghdad", slug="baghdad")
    advisory = make_advisory(
        level=4,
        slug="iraq-2026",
        title="Iraq Travel Advisory",
        issuer="U.S. Department of State",
        summary="Do not travel to Iraq.",
        body="Leave **now**.",
        indicators=("T", "K"),
        places=[baghdad],
        change_note="Level raised to 4.",
        source_url="https://travel.state.gov/iraq",
        issued_at=NOW - DAY,
        expires_at=NOW + 30 * DAY,
    )
    listed = get_json(client, f"{API}/advisories/")["results"]
    detail = get_json(client, f"{API}/advisories/iraq-2026/")
    assert listed == [{k: v for k, v in detail.items() if k not in {"editions", "superseded_by"}}]
    assert detail == {
        "id": advisory.pk,
        "slug": "iraq-2026",
        "title": "Iraq Travel Advisory",
        "kind": "travel-advisory",
        "level": 4,
        "level_label": "Level 4: Do Not Travel",
        "country": {"iso_code": "IQ", "name": "Iraq", "api_url": f"{HOST}{API}/countries/iq/"},
        "issuer": "U.S. Department of State",
        "summary": "Do not travel to Iraq.",
        "body_html": "<p>Leave <strong>now</strong>.</p>",
        "indicators": [
            {"code": "K", "name": "Kidnapping or hostage-taking"},
            {"code": "T", "name": "Terrorism"},
        ],
        "places": [
            {"slug": "baghdad", "name": "Baghdad", "api_url": f"{HOST}{API}/places/baghdad/"}
        ],
        "issued_at": (NOW - DAY).isoformat().replace("+00:00", "Z"),
        "expires_at": (NOW + 30 * DAY).isoformat().replace("+00:00", "Z"),
        "superseded_at": None,
        "change_note": "Level raised to 4.",
        "source_url": "https://travel.state.gov/iraq",
        "url": f"{HOST}/advisories/iraq-2026/",
        "api_url": f"{HOST}{API}/advisories/iraq-2026/",
        "editions": [],
        "superseded_by": None,
    }


def test_superseded_advisory_says_when_and_by_what(client):
    state = {"iso": "KW", "issuer": "U.S. Department of State"}
    old = make_advisory(level=1, slug="kuwait-2019", issued_at=NOW - 900 * DAY, **state)
    new = make_advisory(level=3, slug="kuwait-2021", issued_at=NOW - 600 * DAY, **state)
    detail = get_json(client, f"{API}/advisories/kuwait-2019/")
    assert detail["superseded_at"] == new.issued_at.isoformat().replace("+00:00", "Z")
    assert detail["superseded_by"] == f"{HOST}{API}/advisories/kuwait-2021/"
    current = get_json(client, f"{API}/advisories/kuwait-2021/")
    assert (current["superseded_at"], current["superseded_by"]) == (None, None)
    # Lists give current advice unless asked, as the page does.
    assert slugs(get_json(client, f"{API}/advisories/")["results"]) == [new.slug]
    listed = get_json(client, f"{API}/advisories/?superseded=on")["results"]
    assert slugs(listed) == [new.slug, old.slug]


def test_editions_are_the_public_ones_it_was_drafted_from(client, commits):
    first = make_advisory(level=2, slug="first", issued_at=NOW - 30 * DAY)
    second = make_advisory(level=3, slug="second", previous_edition=first, issued_at=NOW - 20 * DAY)
    third = make_advisory(level=4, slug="third", previous_edition=second, issued_at=NOW - 10 * DAY)
    editions = get_json(client, f"{API}/advisories/{third.slug}/")["editions"]
    assert slugs(editions) == ["second", "first"]
    assert editions[0] == {
        "id": second.pk,
        "slug": "second",
        "title": second.title,
        "level": 3,
        "level_label": "Level 3: Reconsider Travel",
        "issued_at": second.issued_at.isoformat().replace("+00:00", "Z"),
        "change_note": "",
        "url": f"{HOST}/advisories/second/",
        "api_url": f"{HOST}{API}/advisories/second/",
    }
    # An archived edition ends the chain: what lies beyond it is not shown through it.
    second.status = Advisory.Status.ARCHIVED
    with commits():
        second.save()
    assert get_json(client, f"{API}/advisories/{third.slug}/")["editions"] == []


@pytest.mark.parametrize(
    "query",
    [
        "",
        "level=4&indicator=T&region=middle-east",
        "country=iq&country=sy",
        "country=Iraq&superseded=on",
        "kind=security-alert&superseded=on",
        "issued_from=2019-12-01&issued_to=2020-01-31&superseded=on",
        "q=depart&superseded=on",
        "issuer=u.s.+embassy+baghdad&superseded=on",
        "superseded=true&level=1",
    ],
)
def test_advisory_filters_find_what_the_list_page_finds(demo, client, query):
    found = slugs(walk(client, f"{API}/advisories/?{query}"))
    filtered = AdvisoryFilter(QueryDict(query), queryset=Advisory.objects.public()).qs
    assert found == slugs(filtered.order_by("-issued_at", "-pk").values("slug"))
    assert found
    page = client.get(f"/advisories/?{query}").content.decode()
    on_page = dict.fromkeys(re.findall(r'<a href="/advisories/([\w-]+)/">', page))
    if len(found) <= 25:  # the page's first page holds them all
        assert set(on_page) == set(found)
    else:
        assert list(on_page) == found[:25]


@pytest.mark.parametrize(
    "query, field",
    [("level=9", "level"), ("country=zz", "country"), ("issued_from=2020-13-45", "issued_from")],
)
def test_unreadable_advisory_filter_is_a_400_naming_the_field(client, query, field):
    make_advisory()
    response = client.get(f"{API}/advisories/?{query}")
    assert response.status_code == 400
    errors = response.json()
    assert list(errors) == [field] and errors[field][0]


@pytest.mark.parametrize("query", ["ordering=level", "ordering=-issued", "page=2"])
def test_the_pages_ordering_and_page_are_refused_not_ignored(client, query):
    make_advisory()
    response = client.get(f"{API}/advisories/?{query}")
    assert response.status_code == 400
    name = query.split("=")[0]
    assert "cursor" in response.json()[name][0]


def test_cursor_pages_walk_every_advisory_once_newest_first(client):
    # Three at each moment, so that the pages must break ties.
    made = [make_advisory(issued_at=NOW - (1 + i // 3) * timedelta(hours=1)) for i in range(120)]
    pages = []
    url = f"{API}/advisories/?page_size=50"
    while url:
        page = get_json(client, url)
        pages.append(slugs(page["results"]))
        url = page["next"]
    assert [len(page) for page in pages] == [50, 50, 20]
    walked = [slug for page in pages for slug in page]
    newest_first = sorted(made, key=lambda a: (a.issued_at, a.pk), reverse=True)
    assert walked == [advisory.slug for advisory in newest_first]


def test_previous_link_walks_back(client):
    for i in range(5):
        make_advisory(issued_at=NOW - (i + 1) * DAY)
    first = get_json(client, f"{API}/advisories/?page_size=2")
    second = get_json(client, first["next"])
    assert first["previous"] is None
    assert get_json(client, second["previous"])["results"] == first["results"]


def test_pages_hold_50_by_default_and_200_at_most(client):
    Advisory.objects.bulk_create(
        Advisory(
            title=f"Bulk {i}",
            slug=f"bulk-{i}",
            country=country("IQ"),
            level=2,
            issuer=f"Issuer {i}",
            summary="Bulk.",
            status=Advisory.Status.PUBLISHED,
            issued_at=NOW - (i + 1) * timedelta(minutes=1),
        )
        for i in range(201)
    )
    assert len(get_json(client, f"{API}/advisories/")["results"]) == 50
    page = get_json(client, f"{API}/advisories/?page_size=500")
    assert len(page["results"]) == 200 and page["next"]


# What the public may not see


@pytest.mark.parametrize("hidden", HIDDEN)
def test_hidden_advisory_is_in_no_list_and_its_page_is_404(client, hidden):
    visible = make_advisory(level=2, issuer="U.S. Department of State", issued_at=NOW - 2 * DAY)
    make_advisory(level=4, issuer="U.S. Department of State", slug="hidden", **HIDDEN[hidden])
    for query in ["", "?superseded=on", "?q=summary&superseded=on", "?level=4&superseded=on"]:
        listed = slugs(get_json(client, f"{API}/advisories/{query}")["results"])
        assert "hidden" not in listed
    assert client.get(f"{API}/advisories/hidden/").status_code == 404
    # Nor does it supersede the public one, or set the country's level.
    assert get_json(client, f"{API}/advisories/{visible.slug}/")["superseded_at"] is None
    iraq = get_json(client, f"{API}/countries/iq/")
    assert (iraq["level"], [level["level"] for level in iraq["levels"]]) == (2, [2])


@pytest.mark.parametrize("hidden", HIDDEN)
def test_article_names_only_public_advisories(client, hidden):
    public = make_advisory(slug="public")
    make_article(slug="news", advisories=[public, make_advisory(**HIDDEN[hidden])])
    article = get_json(client, f"{API}/articles/news/")
    assert slugs(article["advisories"]) == ["public"]


def test_hidden_articles_are_in_no_list_and_their_pages_are_404(client):
    make_article(slug="public")
    make_article(slug="draft", status=Article.Status.DRAFT)
    make_article(slug="archived", status=Article.Status.ARCHIVED)
    make_article(slug="scheduled", published_at=NOW + DAY)
    assert slugs(get_json(client, f"{API}/articles/")["results"]) == ["public"]
    for slug in ["draft", "archived", "scheduled"]:
        assert client.get(f"{API}/articles/{slug}/").status_code == 404


def test_draft_person_is_in_no_list_article_or_filter_and_is_404(client):
    public = make_person("Ian Lee", slug="ian-lee")
    draft = make_person("Secret Source", slug="secret", status=Person.Status.DRAFT)
    make_person("Old Page", slug="old", status=Person.Status.ARCHIVED)
    make_article(slug="news", people=[public, draft])
    assert slugs(get_json(client, f"{API}/people/")["results"]) == ["ian-lee"]
    assert client.get(f"{API}/people/secret/").status_code == 404
    assert client.get(f"{API}/people/old/").status_code == 404
    assert slugs(get_json(client, f"{API}/articles/news/")["people"]) == ["ian-lee"]
    response = client.get(f"{API}/articles/?person=secret")
    assert response.status_code == 400 and "person" in response.json()


# Articles, people and places


def test_article_names_its_people_places_and_advisories_with_their_addresses(client):
    iraq_advisory = make_advisory(slug="iraq-now", title="Iraq now")
    ian = make_person("Ian Lee", slug="ian-lee")
    baghdad = make_place("Baghdad", slug="baghdad")
    article = make_article(
        slug="news",
        title="Leave Iraq",
        outlet="CBS News",
        byline="Ian Lee",
        url="https://cbsnews.com/leave-iraq",
        body="Said *today*.",
        people=[ian],
        places=[baghdad],
        advisories=[iraq_advisory],
    )
    assert get_json(client, f"{API}/articles/news/") == {
        "id": article.pk,
        "slug": "news",
        "title": "Leave Iraq",
        "outlet": "CBS News",
        "byline": "Ian Lee",
        "published_at": article.published_at.isoformat().replace("+00:00", "Z"),
        "summary": article.summary,
        "body_html": "<p>Said <em>today</em>.</p>",
        "source_url": "https://cbsnews.com/leave-iraq",
        "people": [
            {"slug": "ian-lee", "name": "Ian Lee", "api_url": f"{HOST}{API}/people/ian-lee/"}
        ],
        "places": [
            {"slug": "baghdad", "name": "Baghdad", "api_url": f"{HOST}{API}/places/baghdad/"}
        ],
        "advisories": [
            {
                "slug": "iraq-now",
                "title": "Iraq now",
                "api_url": f"{HOST}{API}/advisories/iraq-now/",
            }
        ],
        "url": f"{HOST}/articles/news/",
        "api_url": f"{HOST}{API}/articles/news/",
    }
    assert get_json(client, f"{API}/articles/")["results"] == [
        get_json(client, f"{API}/articles/news/")
    ]


@pytest.mark.parametrize(
    "query", ["", "place=iraq", "place=baghdad", "person=ian-lee", "q=soleimani", "outlet=cbs+news"]
)
def test_article_filters_find_what_the_list_page_finds(demo, client, query):
    found = slugs(walk(client, f"{API}/articles/?{query}"))
    filtered = ArticleFilter(QueryDict(query), queryset=Article.objects.public()).qs
    assert found == slugs(filtered.order_by("-published_at", "-pk").values("slug"))
    assert found
    page = client.get(f"/articles/?{query}").content.decode()
    assert set(re.findall(r'<a href="/articles/([\w-]+)/">', page)) == set(found)


def test_person(client):
    ian = make_person(
        "Ian Lee",
        slug="ian-lee",
        role="Correspondent",
        organization="CBS News",
        country=country("EG"),
        bio="Based in *Cairo*.",
    )
    make_person("Aaron Able")
    expected = {
        "id": ian.pk,
        "slug": "ian-lee",
        "name": "Ian Lee",
        "role": "Correspondent",
        "organization": "CBS News",
        "country": {"iso_code": "EG", "name": "Egypt", "api_url": f"{HOST}{API}/countries/eg/"},
        "bio_html": "<p>Based in <em>Cairo</em>.</p>",
        "url": f"{HOST}/people/ian-lee/",
        "api_url": f"{HOST}{API}/people/ian-lee/",
    }
    assert get_json(client, f"{API}/people/ian-lee/") == expected
    people = get_json(client, f"{API}/people/")["results"]
    assert [person["name"] for person in people] == ["Aaron Able", "Ian Lee"]  # by name
    assert people[1] == expected


def test_places_are_regions_countries_and_the_places_inside_them(client):
    baghdad = make_place("Baghdad", slug="baghdad", latitude=33.3, longitude=44.4)
    assert get_json(client, f"{API}/places/baghdad/") == {
        "id": baghdad.pk,
        "slug": "baghdad",
        "name": "Baghdad",
        "kind": "city",
        "iso_code": None,
        "parent": {"slug": "iraq", "name": "Iraq", "api_url": f"{HOST}{API}/places/iraq/"},
        "latitude": 33.3,
        "longitude": 44.4,
        "url": f"{HOST}/places/baghdad/",
        "api_url": f"{HOST}{API}/places/baghdad/",
    }
    iraq = get_json(client, f"{API}/places/iraq/")
    assert (iraq["kind"], iraq["iso_code"], iraq["url"]) == (
        "country",
        "IQ",
        f"{HOST}/countries/iq/",
    )
    assert iraq["parent"]["slug"] == "middle-east"
    region = get_json(client, iraq["parent"]["api_url"])
    assert (region["kind"], region["parent"]) == ("region", None)
    places = walk(client, f"{API}/places/?page_size=200")
    assert slugs(places) == [place.slug for place in Location.objects.order_by("name", "pk")]


def test_every_reference_leads_to_an_answer(demo, client):
    article = get_json(
        client, f"{API}/articles/state-department-tells-americans-in-iraq-to-leave-immediately/"
    )
    references = [*article["people"], *article["places"], *article["advisories"]]
    advisory = get_json(client, article["advisories"][0]["api_url"])
    references += [advisory["country"], *advisory["places"]]
    assert len(references) > 10
    for reference in references:
        assert get_json(client, reference["api_url"])


@pytest.mark.parametrize("kind", ["articles", "people", "places"])
def test_other_lists_refuse_page_numbers_too(client, kind):
    response = client.get(f"{API}/{kind}/?page=2")
    assert response.status_code == 400 and "page" in response.json()


# HTTP


ENDPOINTS = [
    f"{API}/countries/",
    f"{API}/countries/iq/",
    f"{API}/advisories/",
    f"{API}/advisories/first/",
    f"{API}/articles/",
    f"{API}/articles/first/",
    f"{API}/people/",
    f"{API}/people/ian-lee/",
    f"{API}/places/",
    f"{API}/places/baghdad/",
    f"{API}/schema/",
    f"{API}/docs/",
]


@pytest.fixture
def one_of_each(db):
    baghdad = make_place("Baghdad", slug="baghdad")
    ian = make_person("Ian Lee", slug="ian-lee")
    first = make_advisory(slug="first", places=[baghdad], indicators=("T",))
    make_article(slug="first", people=[ian], places=[baghdad], advisories=[first])


@pytest.mark.parametrize("url", ENDPOINTS)
def test_a_repeat_with_the_etag_is_304_with_an_empty_body(client, one_of_each, url):
    first = client.get(url)
    assert first.status_code == 200
    assert first["ETag"] and first["Cache-Control"] == (
        f"public, max-age={freshness.MAX_AGE}, "
        f"stale-while-revalidate={freshness.STALE_WHILE_REVALIDATE}"
    )
    again = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304 and again.content == b""
    assert (again["ETag"], again["Cache-Control"]) == (first["ETag"], first["Cache-Control"])


def test_publishing_changes_the_etag(client, one_of_each):
    first = client.get(f"{API}/advisories/")
    make_advisory()
    again = client.get(f"{API}/advisories/", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 200 and again["ETag"] != first["ETag"]


def test_errors_are_not_cached_as_public(client):
    for url in [f"{API}/advisories/?level=9", f"{API}/advisories/nothing/"]:
        assert "public" not in client.get(url).get("Cache-Control", "")


@pytest.mark.parametrize("url", ENDPOINTS)
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_only_reading_is_allowed(client, one_of_each, url, method):
    # No CSRF token and no session: the answer is the method's refusal, not CSRF's 403.
    response = getattr(client, method)(url, {"title": "x"}, content_type="application/json")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"


@pytest.mark.parametrize("url", ENDPOINTS)
def test_head_and_options_answer(client, one_of_each, url):
    head = client.head(url)
    assert head.status_code == 200 and head.content == b""
    assert client.options(url).status_code == 200


def test_the_api_sets_no_cookie_even_for_a_signed_in_user(client, one_of_each, editor):
    client.force_login(editor)
    for url in ENDPOINTS:
        response = client.get(url)
        assert response.cookies == {}, url
        assert "Cookie" not in response.get("Vary", ""), url


def test_a_signed_in_editor_sees_no_drafts(client, editor):
    make_advisory(slug="draft", status=Advisory.Status.DRAFT)
    client.force_login(editor)
    assert get_json(client, f"{API}/advisories/")["results"] == []
    assert client.get(f"{API}/advisories/draft/").status_code == 404


def test_any_site_may_read_the_api(client, one_of_each):
    headers = {"Origin": "https://example.com"}
    response = client.get(f"{API}/countries/iq/", headers=headers)
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    preflight = client.options(
        f"{API}/advisories/",
        headers={**headers, "Access-Control-Request-Method": "GET"},
    )
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"


@pytest.mark.parametrize("url", ["/countries/iq/", "/advisories/", "/feeds/advisories.rss"])
def test_no_other_site_may_read_the_pages(client, one_of_each, url):
    response = client.get(url, headers={"Origin": "https://example.com"})
    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response


@pytest.mark.parametrize(
    "query",
    [
        "q=a%00b",
        "country=%00",
        "issuer=%00",
        "cursor=garbage",
        "cursor=cD0yMDIwLTAx",  # a cursor whose position is no date
        "page_size=-1",
        "page_size=99999999999999999999",
        "level=1e9",
        "issued_from=99999-01-01",
        "superseded=%FF",
        "q=" + "x" * 10000,
    ],
)
@pytest.mark.parametrize("kind", ["advisories", "articles", "people", "places"])
def test_hostile_query_strings_never_break_a_list(client, one_of_each, kind, query):
    assert client.get(f"{API}/{kind}/?{query}").status_code in {200, 400, 404}


def api_query_strings():
    """The pages' hostile query strings (tests/test_hostile_input.py), with the API's own keys."""
    key = st.one_of(st.sampled_from([*KEYS, "cursor", "page_size", "format"]), st.text(max_size=8))
    pairs = st.lists(st.tuples(key, HOSTILE_VALUES), max_size=6)
    return pairs.map(lambda items: "&".join(f"{quote(k)}={quote(v, safe='%')}" for k, v in items))


@pytest.mark.parametrize("kind", ["countries", "advisories", "articles", "people", "places"])
@settings(
    max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", 60)),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(query=api_query_strings())
def test_no_query_string_makes_a_server_error(demo, client, kind, query):
    response = client.get(f"{API}/{kind}/?{query}")
    assert response.status_code < 500, (kind, query)


def test_the_site_footer_links_the_api_documentation(client):
    html = client.get("/").content.decode()
    footer = html.split('<footer class="site-footer">', 1)[1]
    assert f'<a href="{API}/docs/">API</a>' in footer
