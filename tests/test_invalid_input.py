"""Bad input gets a clear answer (a page saying what was wrong, or 400/404), never a 500."""

import pytest

from tests.factories import make_advisory

pytestmark = pytest.mark.django_db

LONG = "x" * 5000

# (status, text the page must show): the URLs that get that answer
ANSWERS = {
    (400, "Enter a valid date"): [
        "/advisories/?issued_from=2020-13-45",
        "/articles/?published_to=2020-02-30",
    ],
    (400, "start date is after"): ["/advisories/?issued_from=2020-02-01&issued_to=2020-01-01"],
    (400, "Select a valid choice"): [
        "/advisories/?level=9",
        "/advisories/?level=four",
        "/advisories/?country=zz",
        "/advisories/?region=atlantis",
        "/advisories/?indicator=Q",
        "/advisories/?kind=rumour",
        "/advisories/?ordering=password",
        "/advisories/?level=%ff",
        "/countries/?level=9",
        "/countries/?level=%00",
    ],
    (400, "at most 200 characters"): [
        f"/advisories/?q={LONG}",
        f"/advisories/?issuer={LONG}",
        f"/articles/?outlet={LONG}",
        f"/search/?q={LONG}",
    ],
    (400, "Null characters are not allowed"): [
        "/advisories/?q=a%00b",
        "/articles/?q=%00",
        "/search/?q=%00",
    ],
    (400, "There is no place"): ["/articles/?place=atlantis"],
    (400, "There is no person"): ["/articles/?person=nobody"],
    (400, "This field is required"): ["/search/?q="],
    (404, ""): [
        "/advisories/?page=-1",
        "/advisories/?page=99999",
        "/advisories/?page=abc",
        "/articles/?page=0",
        "/people/?page=99999",
        "/countries/zz/",
        "/countries/%ff/",
        "/countries/a%00/",
        "/advisories/no-such-advisory/",
        "/places/nowhere/",
        "/people/nobody/",
    ],
}
CASES = [(url, status, text) for (status, text), urls in ANSWERS.items() for url in urls]


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
