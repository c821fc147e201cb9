"""Bad input gets a clear answer (a page saying what was wrong, or 400/404), never a 500."""

import pytest

from tests.factories import make_advisory

pytestmark = pytest.mark.django_db

LONG = "x" * 5000

# (url, status, text the page must show)
CASES = [
    ("/advisories/?issued_from=2020-13-45", 400, "Enter a valid date"),
    ("/advisories/?issued_from=2020-02-01&issued_to=2020-01-01", 400, "start date is after"),
    ("/advisories/?level=9", 400, "Select a valid choice"),
    ("/advisories/?level=four", 400, "Select a valid choice"),
    ("/advisories/?country=zz", 400, "Select a valid choice"),
    ("/advisories/?region=atlantis", 400, "Select a valid choice"),
    ("/advisories/?indicator=Q", 400, "Select a valid choice"),
    ("/advisories/?kind=rumour", 400, "Select a valid choice"),
    ("/advisories/?ordering=password", 400, "Select a valid choice"),
    (f"/advisories/?q={LONG}", 400, "at most 200 characters"),
    (f"/advisories/?issuer={LONG}", 400, "at most 200 characters"),
    ("/advisories/?q=a%00b", 400, "Null characters are not allowed"),
    ("/advisories/?level=%ff", 400, "Select a valid choice"),
    ("/advisories/?page=-1", 404, ""),
    ("/advisories/?page=99999", 404, ""),
    ("/advisories/?page=abc", 404, ""),
    ("/countries/?level=9", 400, "Select a valid choice"),
    ("/countries/?level=%00", 400, "Select a valid choice"),
    ("/countries/zz/", 404, ""),
    ("/countries/%ff/", 404, ""),
    ("/countries/a%00/", 404, ""),
    ("/articles/?published_to=2020-02-30", 400, "Enter a valid date"),
    ("/articles/?place=atlantis", 400, "There is no place"),
    ("/articles/?person=nobody", 400, "There is no person"),
    (f"/articles/?outlet={LONG}", 400, "at most 200 characters"),
    ("/articles/?q=%00", 400, "Null characters are not allowed"),
    ("/articles/?page=0", 404, ""),
    ("/people/?page=99999", 404, ""),
    ("/search/?q=", 400, "This field is required"),
    (f"/search/?q={LONG}", 400, "at most 200 characters"),
    ("/search/?q=%00", 400, "Null characters are not allowed"),
    ("/advisories/no-such-advisory/", 404, ""),
    ("/places/nowhere/", 404, ""),
    ("/people/nobody/", 404, ""),
]


@pytest.mark.parametrize(("url", "status", "message"), CASES)
def test_invalid_input_says_what_was_wrong(client, url, status, message):
    make_advisory(title="Should not be listed on an invalid filter")
    response = client.get(url)
    assert response.status_code == status
    html = response.content.decode()
    assert message in html
    if status == 400:
        assert "Should not be listed" not in html  # never silently the unfiltered list


@pytest.mark.parametrize(
    "q", ["'&|!:*()", '"unclosed', "-", "OR OR", "ü∑ß漢字🙂", "\\", "a' OR 1=1 --", "%%"]
)
def test_search_syntax_never_breaks_a_page(client, q):
    for url in ["/search/", "/advisories/", "/articles/"]:
        assert client.get(url, {"q": q}).status_code == 200


def test_non_utf8_query_string_is_not_a_500(client):
    response = client.get("/search/?q=%ff%fe")
    assert response.status_code == 200
