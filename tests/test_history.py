"""Every saved version, through the admin with real users: the History page lists who changed
what and when, any two versions compare word by word, an old version comes back as a draft, and
imports leave versions too."""

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse

from advisories.models import Advisory, RiskIndicator
from articles.models import Article, Person
from tests.factories import make_advisory, make_person, make_place
from tests.importing import DATA
from tests.test_editions import change_url, form_data
from tests.test_import_concurrency import migrate

pytestmark = pytest.mark.django_db


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def admin_url(obj, name, *args):
    return reverse(
        f"admin:{obj._meta.app_label}_{obj._meta.model_name}_{name}", args=[obj.pk, *args]
    )


@pytest.fixture
def edited(publisher):
    """A draft that the publisher has edited twice in the admin: three versions."""
    draft = make_advisory(status=Advisory.Status.DRAFT, summary="Depart by road.", slug="alert")
    client = logged_in(publisher)
    for summary in ["Depart by air while flights run.", "Depart by air now."]:
        draft.refresh_from_db()
        assert client.post(change_url(draft), form_data(draft, summary=summary)).status_code == 302
    draft.refresh_from_db()
    return draft


def test_every_save_is_a_version_naming_who_saved_it(edited, publisher):
    versions = list(edited.history.order_by("history_id"))
    assert [v.summary for v in versions] == [
        "Depart by road.",
        "Depart by air while flights run.",
        "Depart by air now.",
    ]
    assert [v.history_user for v in versions[1:]] == [publisher, publisher]
    html = logged_in(publisher).get(admin_url(edited, "history")).content.decode()
    assert "Depart by air while flights run." in html and "Restore as a draft" in html


def test_two_versions_compare_word_by_word(edited, publisher):
    first, last = edited.history.order_by("history_id")[0], edited.history.latest()
    url = admin_url(edited, "compare", first.history_id) + f"?with={last.history_id}"
    html = logged_in(publisher).get(url).content.decode()
    assert "Depart by <del>road.</del> <ins>air now.</ins>" in html


def test_links_are_versioned_compared_and_restored(publisher):
    basra, baghdad = make_place("Basra"), make_place("Baghdad")
    draft = make_advisory(status=Advisory.Status.DRAFT, indicators=["T"], places=[basra])
    client = logged_in(publisher)
    first = draft.history.latest()
    changed = form_data(draft, indicators=[RiskIndicator.objects.get(code="U").pk])
    changed["places"] = [baghdad.pk]
    assert client.post(change_url(draft), changed).status_code == 302
    last = draft.history.latest()

    url = admin_url(draft, "compare", first.history_id) + f"?with={last.history_id}"
    html = client.get(url).content.decode()
    assert "<del>Terrorism</del>, <ins>Civil unrest</ins>" in html
    assert "<del>Basra</del>, <ins>Baghdad</ins>" in html

    client.post(admin_url(draft, "restore", first.history_id))
    assert [i.code for i in draft.indicators.all()] == ["T"]
    assert list(draft.places.all()) == [basra]


def test_a_forms_line_ends_are_no_change_and_spacing_alone_says_so(publisher):
    draft = make_advisory(status=Advisory.Status.DRAFT, body="First line.\nSecond line.\n")
    client = logged_in(publisher)
    assert draft.body == "First line.\nSecond line."  # stored as a form would leave it
    same = form_data(draft, body="First line.\r\nSecond line.")  # as a browser posts it
    client.post(change_url(draft), same)
    draft.refresh_from_db()
    assert draft.body == "First line.\nSecond line."
    before = draft.history.latest()
    client.post(change_url(draft), form_data(draft, body="First line.\n\nSecond line."))
    url = admin_url(draft, "compare", before.history_id)
    assert "Spacing or line breaks only." in client.get(url).content.decode()


def test_a_version_of_a_draft_is_restored_in_place(edited, publisher):
    first = edited.history.order_by("history_id")[0]
    response = logged_in(publisher).post(admin_url(edited, "restore", first.history_id))
    assert response.status_code == 302 and response.url == change_url(edited)
    edited.refresh_from_db()
    assert edited.summary == "Depart by road." and edited.status == Advisory.Status.DRAFT
    assert edited.history.latest().history_change_reason.startswith("Restored the version of")
    assert LogEntry.objects.filter(change_message__startswith="Restored the version").exists()


def test_an_editor_restores_a_published_version_as_a_new_draft_edition(edited, publisher, editor):
    logged_in(publisher).post(
        reverse("admin:advisories_advisory_changelist"),
        {"action": "publish", "_selected_action": [edited.pk]},
    )
    first = edited.history.order_by("history_id")[0]
    response = logged_in(editor).post(admin_url(edited, "restore", first.history_id))
    draft = Advisory.objects.get(previous_edition=edited)
    assert response.url == change_url(draft)
    assert (draft.status, draft.summary) == (Advisory.Status.DRAFT, "Depart by road.")
    edited.refresh_from_db()
    assert (edited.status, edited.summary) == (Advisory.Status.PUBLISHED, "Depart by air now.")


def test_restoring_needs_a_post(edited, publisher):
    first = edited.history.order_by("history_id")[0]
    assert (
        logged_in(publisher).get(admin_url(edited, "restore", first.history_id)).status_code == 405
    )


def test_a_published_person_is_restored_into_a_new_draft_edition(superuser_client, client):
    person = make_person("Ian Lee", slug="ian-lee", bio="Correspondent.")
    person.bio = "Foreign correspondent."
    person.save()
    first = person.history.order_by("history_id")[0]
    superuser_client.post(admin_url(person, "restore", first.history_id))
    draft = person.open_update()
    assert draft.bio == "Correspondent." and draft.bio_html == "<p>Correspondent.</p>"
    person.refresh_from_db()
    assert person.bio == "Foreign correspondent."
    assert b"Foreign correspondent." in client.get("/people/ian-lee/").content


def test_a_draft_person_is_restored_in_place(superuser_client):
    person = make_person("Ian Lee", bio="Correspondent.", status=Person.Status.DRAFT)
    person.bio = "Foreign correspondent."
    person.save()
    first = person.history.order_by("history_id")[0]
    superuser_client.post(admin_url(person, "restore", first.history_id))
    person.refresh_from_db()
    assert person.bio == "Correspondent." and person.bio_html == "<p>Correspondent.</p>"


def test_an_import_leaves_versions_naming_it():
    call_command("import_state_dept", str(DATA / "state_dept_small.rss.xml"), verbosity=0)
    version = Advisory.history.first()
    assert version.history_user is None
    assert version.history_change_reason == "Imported from U.S. State Department feed (created)"


@pytest.fixture
def superuser_client(db):
    return logged_in(User.objects.create_superuser("root", "root@example.org", "pw"))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="migrates back and forth: PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_records_current_links_in_each_latest_version():
    apps = migrate([("publishing", "0002_person_versions")])
    old_article, old_person, old_version = (
        apps.get_model(app, name)
        for app, name in [
            ("articles", "Article"),
            ("articles", "Person"),
            ("publishing", "HistoricalArticle"),
        ]
    )
    article = old_article.objects.create(title="CBS", slug="cbs", outlet="CBS News")
    person = old_person.objects.create(name="Ian Lee", slug="ian-lee")
    article.people.add(person)
    fields = {"id": article.pk, "title": "CBS", "slug": "cbs", "outlet": "CBS News"}
    for moment in ["2020-01-03T10:00Z", "2020-01-03T12:00Z"]:
        old_version.objects.create(
            history_date=moment, history_type="~", created_at=moment, updated_at=moment, **fields
        )

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    first, latest = Article.objects.get(slug="cbs").history.order_by("history_id")
    assert [link.person_id for link in latest.people.all()] == [person.pk]
    assert not first.people.exists()  # unknown: recorded before links were versioned
