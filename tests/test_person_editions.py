"""People's pages follow the rules of articles, through the admin over HTTP with real users in
the real groups: a new person is a draft until a publisher publishes it, and a published page
changes only through a new edition, which takes over the articles naming the person."""

import pytest
from django.urls import reverse

from articles.models import Person
from tests.factories import country, make_article, make_person
from tests.test_editions import logged_in

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "/people/",
    "/articles/cbs-iraq/",
    "/countries/iq/",
    "/search/?q=zephyrine",
    "/sitemap.xml",
    "/feeds/articles.rss",
]


def admin_url(view, *args):
    return reverse(f"admin:articles_person_{view}", args=args)


def person_form(person, **overrides):
    """What the change form posts for `person` as it is now, with `overrides`."""
    return {
        "name": person.name,
        "slug": person.slug,
        "role": person.role,
        "organization": person.organization,
        "country": person.country_id or "",
        "status": person.status,
        "bio": person.bio,
        "change_note": person.change_note,
        "minor_change": "on" if person.minor_change else "",
        "loaded_version": person.version,
        **overrides,
    }


def publish(user, person):
    return logged_in(user).post(
        admin_url("changelist"), {"action": "publish", "_selected_action": [person.pk]}
    )


@pytest.fixture
def ian_lee():
    """A published correspondent, named by a published article about Iraq."""
    person = make_person("Ian Lee", slug="ian-lee", role="Correspondent", country=country("IQ"))
    make_article(slug="cbs-iraq", people=[person], places=[country("IQ")])
    return person


def test_an_editor_cannot_change_a_published_person(editor, ian_lee, client):
    response = logged_in(editor).post(
        admin_url("change", ian_lee.pk), person_form(ian_lee, name="Zephyrine")
    )
    assert response.status_code == 403
    ian_lee.refresh_from_db()
    assert ian_lee.name == "Ian Lee"


def test_a_new_person_is_hidden_until_a_publisher_publishes_it(editor, publisher, client, commits):
    article = make_article(slug="cbs-iraq", places=[country("IQ")])
    response = logged_in(editor).post(
        admin_url("add"),
        {**person_form(Person(name="Zephyrine Quux", slug="zephyrine")), "loaded_version": ""},
    )
    assert response.status_code == 302
    person = Person.objects.get(slug="zephyrine")
    assert person.status == Person.Status.DRAFT  # an editor cannot choose another
    article.people.add(person)
    for url in PUBLIC_PAGES:
        assert "Zephyrine" not in client.get(url).content.decode(), url
    assert client.get("/people/zephyrine/").status_code == 404
    assert client.get("/people/zephyrine/feed.rss").status_code == 404
    assert client.get("/articles/?person=zephyrine").status_code == 400

    with commits():
        publish(publisher, person)
    assert "Zephyrine" in client.get("/people/zephyrine/").content.decode()
    assert "Zephyrine" in client.get("/articles/cbs-iraq/").content.decode()


def test_an_update_reaches_the_public_when_published_and_takes_the_articles_along(
    editor, publisher, ian_lee, client, commits
):
    response = logged_in(editor).post(admin_url("draft_update", ian_lee.pk))
    draft = Person.objects.get(previous_edition=ian_lee)
    assert response.url == admin_url("change", draft.pk)
    data = person_form(draft, role="Zephyrine correspondent", change_note="New posting.")
    assert logged_in(editor).post(admin_url("change", draft.pk), data).status_code == 302
    for url in [*PUBLIC_PAGES, "/people/ian-lee/"]:
        assert "Zephyrine" not in client.get(url).content.decode(), url

    with commits():
        publish(publisher, draft)
    ian_lee.refresh_from_db()
    assert ian_lee.status == Person.Status.ARCHIVED
    response = client.get("/people/ian-lee/")
    assert response.status_code == 301 and response.url == draft.get_absolute_url()
    article_page = client.get("/articles/cbs-iraq/").content.decode()
    assert f'href="{draft.get_absolute_url()}"' in article_page and "Ian Lee" in article_page
    assert "Zephyrine correspondent" in client.get(response.url).content.decode()
    assert list(draft.articles.values_list("slug", flat=True)) == ["cbs-iraq"]


def test_a_person_update_needs_a_change_note(editor, publisher, ian_lee):
    logged_in(editor).post(admin_url("draft_update", ian_lee.pk))
    draft = Person.objects.get(previous_edition=ian_lee)
    publish(publisher, draft)
    draft.refresh_from_db()
    assert draft.status == Person.Status.DRAFT
