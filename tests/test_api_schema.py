"""The API's OpenAPI 3 description and its documentation page, as a developer's tools and
browser fetch them."""

import re

import pytest
import yaml
from django.urls import URLPattern
from openapi_spec_validator import validate

from advisories.filters import AdvisoryFilter
from advisories.models import Advisory
from api import urls as api_urls
from articles.filters import ArticleFilter
from tests.factories import make_advisory

pytestmark = pytest.mark.django_db

SCHEMA = "/api/v1/schema/"
DOCS = "/api/v1/docs/"
PAGINATION = {"cursor", "page_size"}


@pytest.fixture
def schema(client):
    response = client.get(f"{SCHEMA}?format=json")
    assert response.status_code == 200
    return response.json()


def query_parameters(schema, path):
    operation = schema["paths"][path]["get"]
    return {p["name"] for p in operation.get("parameters", []) if p["in"] == "query"}


def test_the_description_is_valid_openapi_3(schema):
    validate(schema)
    assert schema["openapi"].startswith("3.")


@pytest.mark.parametrize("query", ["", "?format=yaml"])
def test_yaml_is_the_same_description(client, schema, query):
    response = client.get(SCHEMA + query)
    assert response["Content-Type"].startswith("application/vnd.oai.openapi")
    assert yaml.safe_load(response.content) == schema


def test_every_endpoint_is_described(schema):
    endpoints = [
        "/api/v1/" + re.sub(r"<\w+:(\w+)>", r"{\1}", str(pattern.pattern))
        for pattern in api_urls.urlpatterns
        if isinstance(pattern, URLPattern) and pattern.name not in {"schema", "docs"}
    ]
    assert sorted(schema["paths"]) == sorted(endpoints)
    assert all(list(operations) == ["get"] for operations in schema["paths"].values())


@pytest.mark.parametrize(
    "path, filterset",
    [("/api/v1/advisories/", AdvisoryFilter), ("/api/v1/articles/", ArticleFilter)],
)
def test_list_parameters_are_the_pages_filters(schema, path, filterset):
    # All but `ordering`, which a cursor cannot honour (it answers 400).
    filters = set(filterset.base_filters) - {"ordering"}
    assert query_parameters(schema, path) == filters | PAGINATION


def test_a_bad_filter_is_described_as_a_400(schema):
    responses = schema["paths"]["/api/v1/advisories/"]["get"]["responses"]
    assert set(responses) == {"200", "400"}


def test_levels_are_described_with_their_names(schema):
    description = schema["components"]["schemas"]["LevelEnum"]["description"]
    assert "`4` - Level 4: Do Not Travel" in description


def test_the_documentation_page_loads_only_this_sites_own_files(client):
    response = client.get(DOCS)
    assert response.status_code == 200
    html = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert len(assets) >= 5  # icon, two stylesheets, two scripts and the start-up script
    for url in assets:
        assert url.startswith(("/static/", DOCS)), url
        asset = client.get(url)
        assert asset.status_code == 200, url
        assert asset.get("Content-Type", "").split(";")[0] in {
            "text/css",
            "text/javascript",
            "application/javascript",
            "image/png",
        }, url
        if hasattr(asset, "streaming_content"):
            b"".join(asset.streaming_content)  # whitenoise's open file, closed


def test_the_documentation_page_needs_no_inline_script_or_style(client):
    response = client.get(DOCS)
    html = response.content.decode()
    assert "<style" not in html and " style=" not in html
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.DOTALL)
    assert scripts and all(
        'src="' in attributes and not body.strip() for attributes, body in scripts
    )
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy


def test_the_documentation_reads_the_schema_from_this_site(client):
    script = client.get(f"{DOCS}?script=")
    assert script["Content-Type"] == "application/javascript"
    assert f'url: "{SCHEMA}"' in script.content.decode()
    # Its start-up script carries no CSRF token, so it sets no cookie that a cache could keep.
    assert script.cookies == {} and "Cookie" not in script.get("Vary", "")


def test_describing_the_api_leaves_the_pages_filters_as_they_were(client):
    make_advisory(level=4, kind=Advisory.Kind.SECURITY_ALERT)
    client.get(f"{SCHEMA}?format=json")  # reads every filter of the FilterSets
    html = client.get("/advisories/?level=4&kind=security-alert").content.decode()
    chips = html.split('class="chips"')[1].split("</ul>")[0]
    assert "Remove </span>Level 4: Do Not Travel" in chips
    assert "Remove </span>Kind: Security alert" in chips
