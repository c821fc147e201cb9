"""The site as a whole: every page of the URL map answers, crawlers' files, error pages, meta."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from tests.public_urls import FEEDS, LISTS

pytestmark = pytest.mark.django_db

FOUNDING_ALERT = "/advisories/iraq-security-alert-2020-01-03-depart-immediately/"
CBS_ARTICLE = "/articles/state-department-tells-americans-in-iraq-to-leave-immediately/"

SOLEIMANI = "/people/qassem-soleimani/"
ITEMS = [FOUNDING_ALERT, CBS_ARTICLE, "/people/", SOLEIMANI, "/places/baghdad/", "/search/?q=iraq"]
PERSON_FEEDS = [f"{SOLEIMANI}feed.rss", f"{SOLEIMANI}feed.atom"]
URL_MAP = [*LISTS, *ITEMS, *FEEDS, *PERSON_FEEDS, "/sitemap.xml", "/robots.txt", "/healthz"]


@pytest.mark.parametrize("url", URL_MAP)
def test_every_page_of_the_url_map_answers_for_the_demo_data(demo, client, url):
    assert client.get(url).status_code == 200


def test_every_page_in_the_sitemap_answers(demo, client):
    sitemap = client.get("/sitemap.xml")
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = [loc.text for loc in ET.fromstring(sitemap.content).iterfind(".//s:loc", namespace)]
    assert len(locations) > 250  # every country, the demo's advisories, articles, people, places
    for location in locations:
        path = location.removeprefix("http://testserver")
        assert client.get(path).status_code == 200, path


def test_sitemap_leaves_out_drafts(demo, client):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert FOUNDING_ALERT in sitemap
    assert "iran-security-alert-draft" not in sitemap
    assert "draft-iran-retaliation-explainer" not in sitemap


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()


def test_pages_carry_title_description_canonical_and_open_graph(demo, client):
    html = client.get("/countries/iq/").content.decode()
    assert "<title>Iraq — Level 4: Do Not Travel · Advisory Atlas</title>" in html
    assert re.search(r'<meta name="description" content="[^"]{20,}">', html)
    assert '<link rel="canonical" href="http://testserver/countries/iq/">' in html
    assert '<meta property="og:title" content="Iraq — Level 4: Do Not Travel">' in html
    assert '<meta property="og:url" content="http://testserver/countries/iq/">' in html


def test_canonical_link_leaves_out_the_query_string(demo, client):
    html = client.get("/advisories/?level=4&page=2").content.decode()
    assert '<link rel="canonical" href="http://testserver/advisories/">' in html


def test_unknown_page_is_a_404_in_the_site_style(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "site.css" in response.content.decode()


def test_server_error_page_renders_without_a_database(settings):
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Something went wrong" in html and "site.css" in html


def test_healthz_answers_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok\n"


def test_public_pages_set_no_cookie_and_need_no_session(demo):
    response = Client().get("/countries/iq/")
    assert not response.cookies
