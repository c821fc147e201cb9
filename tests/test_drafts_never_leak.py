"""Drafts, archived, expired and future items never appear on any public page, list or count."""

from datetime import timedelta

import pytest
from django.utils import timezone

from advisories.models import Advisory
from articles.models import Article
from tests.factories import make_advisory, make_article, make_person, make_place
from tests.public_urls import FEEDS, LISTS

pytestmark = pytest.mark.django_db

SECRET = "Zanzibarcode"  # a word no public item contains


@pytest.fixture
def hidden(db):
    """One hidden item of every kind, all naming the same place, person and word."""
    now = timezone.now()
    place = make_place("Hidden Square")
    person = make_person("Hidden Person")
    common = {"summary": f"{SECRET} summary.", "places": [place], "iso": "IQ"}
    advisories = [
        make_advisory(title=f"{SECRET} draft", status=Advisory.Status.DRAFT, **common),
        make_advisory(title=f"{SECRET} archived", status=Advisory.Status.ARCHIVED, **common),
        make_advisory(
            title=f"{SECRET} expired",
            issued_at=now - timedelta(days=3),
            expires_at=now - timedelta(days=1),
            **common,
        ),
        make_advisory(title=f"{SECRET} future", issued_at=now + timedelta(days=1), **common),
    ]
    articles = [
        make_article(
            title=f"{SECRET} draft article",
            summary=SECRET,
            status=Article.Status.DRAFT,
            people=[person],
            places=[place],
            advisories=advisories,
        ),
        make_article(
            title=f"{SECRET} future article",
            summary=SECRET,
            published_at=now + timedelta(days=1),
            people=[person],
            places=[place],
        ),
    ]
    return {"place": place, "person": person, "advisories": advisories, "articles": articles}


QUERIES = ["/advisories/?country=iq", f"/advisories/?q={SECRET}", f"/articles/?q={SECRET}"]
PAGES = [*LISTS, *QUERIES, f"/search/?q={SECRET}", *FEEDS, "/sitemap.xml"]


@pytest.mark.parametrize("url", PAGES)
def test_hidden_items_appear_on_no_public_list(hidden, client, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    for item in hidden["advisories"] + hidden["articles"]:
        assert item.title not in html and item.get_absolute_url() not in html
    if "q=" not in url:  # a search page echoes its query
        assert SECRET not in html


def test_hidden_items_have_no_page(hidden, client):
    for item in hidden["advisories"] + hidden["articles"]:
        assert client.get(item.get_absolute_url()).status_code == 404


def test_place_and_person_pages_leave_hidden_items_out(hidden, client):
    for url in [hidden["place"].get_absolute_url(), hidden["person"].get_absolute_url()]:
        response = client.get(url)
        assert response.status_code == 200
        assert SECRET not in response.content.decode()


def test_hidden_items_are_not_counted(hidden, client):
    make_advisory(iso="IQ", title="Visible")
    html = client.get("/advisories/?country=iq").content.decode()
    assert "1 advisory</p>" in html


def test_hidden_travel_advisory_does_not_set_the_level(client):
    make_advisory(iso="CL", level=1)
    make_advisory(iso="CL", level=4, status=Advisory.Status.DRAFT, issued_at=timezone.now())
    html = client.get("/countries/cl/").content.decode()
    assert "Level 1: Exercise Normal Precautions" in html
    assert "Level 4" not in html.split("</h1>")[1].split("Active alerts")[0]


def test_demo_drafts_stay_hidden(demo, client):
    assert client.get("/advisories/iran-security-alert-draft/").status_code == 404
    assert client.get("/articles/draft-iran-retaliation-explainer/").status_code == 404
    assert "iran-security-alert-draft" not in client.get("/countries/ir/").content.decode()
