"""Editions, through the admin over HTTP with real users in the real groups: an editor's change
to a published advisory reaches the public only through a new draft that a publisher publishes;
a save over someone else's is refused and loses nothing; every status change is logged."""

from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from advisories.models import Advisory
from publishing.signals import edition_published
from tests.factories import country, make_advisory
from tests.importing import DATA

pytestmark = pytest.mark.django_db


def change_url(advisory):
    return reverse("admin:advisories_advisory_change", args=[advisory.pk])


def draft_update_url(advisory):
    return reverse("admin:advisories_advisory_draft_update", args=[advisory.pk])


def form_data(advisory, **overrides):
    """What the change form posts for `advisory` as it is now, with `overrides`."""
    data = {
        "title": advisory.title,
        "slug": advisory.slug,
        "country": advisory.country_id,
        "kind": advisory.kind,
        "level": advisory.level,
        "indicators": [indicator.pk for indicator in advisory.indicators.all()],
        "summary": advisory.summary,
        "body": advisory.body,
        "change_note": advisory.change_note,
        "minor_change": "on" if advisory.minor_change else "",
        "issuer": advisory.issuer,
        "issued_at_0": f"{advisory.issued_at:%Y-%m-%d}",
        "issued_at_1": f"{advisory.issued_at:%H:%M:%S}",
        "expires_at_0": f"{advisory.expires_at:%Y-%m-%d}" if advisory.expires_at else "",
        "expires_at_1": f"{advisory.expires_at:%H:%M:%S}" if advisory.expires_at else "",
        "source_url": advisory.source_url,
        "status": advisory.status,
        "loaded_version": advisory.version,
    }
    data.update(overrides)
    return data


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def iraq():
    """Iraq's current advisory, Level 4, published."""
    return make_advisory(iso="IQ", level=4, title="Iraq Travel Advisory", slug="iraq-advisory")


def test_an_editor_cannot_change_a_published_advisory(editor, iraq, client):
    response = logged_in(editor).post(change_url(iraq), form_data(iraq, level=1))
    assert response.status_code == 403
    iraq.refresh_from_db()
    assert iraq.level == 4
    assert "Level 4: Do Not Travel" in client.get("/countries/iq/").content.decode()


def test_an_editor_sees_a_published_advisory_read_only_with_draft_an_update(editor, iraq):
    html = logged_in(editor).get(change_url(iraq)).content.decode()
    assert 'name="_save"' not in html
    assert f'action="{draft_update_url(iraq)}"' in html and "Draft an update" in html


def test_an_editors_update_reaches_the_public_only_when_a_publisher_publishes_it(
    editor, publisher, iraq, client
):
    response = logged_in(editor).post(draft_update_url(iraq))
    draft = Advisory.objects.get(previous_edition=iraq)
    assert response.status_code == 302 and response.url == change_url(draft)
    assert draft.status == Advisory.Status.DRAFT and draft.created_by == editor
    assert (draft.country, draft.title, draft.level) == (iraq.country, iraq.title, 4)
    assert draft.slug != iraq.slug

    data = form_data(draft, level=1, title="Iraq Travel Advisory, Zephyrine", change_note="Eased.")
    assert logged_in(editor).post(change_url(draft), data).status_code == 302
    for url in ["/countries/iq/", "/feeds/advisories.rss", "/search/?q=zephyrine", "/sitemap.xml"]:
        assert "Zephyrine" not in client.get(url).content.decode(), url
    assert "Level 4: Do Not Travel" in client.get("/countries/iq/").content.decode()

    logged_in(publisher).post(
        reverse("admin:advisories_advisory_changelist"),
        {"action": "publish", "_selected_action": [draft.pk]},
    )
    page = client.get("/countries/iq/").content.decode()
    assert "Level 1: Exercise Normal Precautions" in page.split("History of levels")[0]
    iraq.refresh_from_db()
    assert iraq.status == Advisory.Status.PUBLISHED  # still in the country's history
    logged = LogEntry.objects.filter(object_id=str(draft.pk)).values_list("user", "change_message")
    assert (publisher.pk, "Status: Published.") in set(logged)


def test_drafting_an_update_twice_opens_the_same_draft(editor, iraq):
    first = logged_in(editor).post(draft_update_url(iraq))
    second = logged_in(editor).post(draft_update_url(iraq))
    assert first.url == second.url
    assert Advisory.objects.filter(previous_edition=iraq).count() == 1
    assert LogEntry.objects.filter(change_message__startswith="Drafted as an update").count() == 1


def test_a_published_alert_update_retires_the_old_one_and_its_address_leads_to_the_new(
    editor, publisher, client
):
    alert = make_advisory(kind=Advisory.Kind.SECURITY_ALERT, slug="embassy-alert", title="Alert")
    logged_in(editor).post(draft_update_url(alert))
    draft = Advisory.objects.get(previous_edition=alert)
    data = form_data(draft, title="Alert, updated", status="draft", change_note="Updated.")
    logged_in(publisher).post(change_url(draft), data)
    logged_in(publisher).post(
        reverse("admin:advisories_advisory_changelist"),
        {"action": "publish", "_selected_action": [draft.pk]},
    )
    alert.refresh_from_db()
    assert alert.status == Advisory.Status.ARCHIVED
    response = client.get("/advisories/embassy-alert/")
    assert response.status_code == 301 and response.url == draft.get_absolute_url()
    assert client.get(response.url).status_code == 200


def test_a_save_over_someone_elses_is_refused_and_loses_nothing(editor, publisher):
    draft = make_advisory(status=Advisory.Status.DRAFT, title="Draft", slug="draft")
    first, second = logged_in(editor), logged_in(publisher)
    # Both open the form; the first saves; then the second, who loaded it before that save.
    loaded = form_data(draft)
    assert first.post(change_url(draft), {**loaded, "title": "Editor's title"}).status_code == 302
    response = second.post(change_url(draft), {**loaded, "body": "Publisher's new paragraph."})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Not saved: editor saved this advisory" in html
    assert "Where the saved version now differs from yours: Title, Body" in html
    assert "Publisher&#x27;s new paragraph." in html  # what they typed, kept
    draft.refresh_from_db()
    assert (draft.title, draft.body) == ("Editor's title", "")
    # Saving again, knowing, goes through: the form now carries the saved version.
    again = response.context["adminform"].form.data
    assert second.post(change_url(draft), again).status_code == 302
    draft.refresh_from_db()
    assert draft.body == "Publisher's new paragraph."


def test_a_status_change_by_action_is_logged_with_the_user(publisher):
    draft = make_advisory(status=Advisory.Status.DRAFT)
    client = logged_in(publisher)
    changelist = reverse("admin:advisories_advisory_changelist")
    for action in ["publish", "archive", "return_to_draft"]:
        client.post(changelist, {"action": action, "_selected_action": [draft.pk]})
    messages = LogEntry.objects.filter(object_id=str(draft.pk), user=publisher).values_list(
        "change_message", flat=True
    )
    assert list(messages.order_by("pk")) == [
        "Status: Published.",
        "Status: Archived.",
        "Status: Draft.",
    ]


def test_an_expiry_before_the_issue_date_is_a_plain_error_on_the_expiry(publisher):
    draft = make_advisory(status=Advisory.Status.DRAFT)
    before = draft.issued_at - timedelta(days=1)
    data = form_data(draft, expires_at_0=f"{before:%Y-%m-%d}", expires_at_1="00:00:00")
    response = logged_in(publisher).post(change_url(draft), data)
    form = response.context["adminform"].form
    assert form.errors["expires_at"] == ["The expiry must come after the issue date."]
    assert "Constraint" not in response.content.decode()


def test_a_taken_slug_is_made_unique_without_the_users_help(publisher):
    make_advisory(slug="kuwait-travel-advisory")
    data = form_data(
        make_advisory(status=Advisory.Status.DRAFT, iso="KW"), slug="kuwait-travel-advisory"
    )
    response = logged_in(publisher).post(reverse("admin:advisories_advisory_add"), data)
    assert response.status_code == 302
    added = Advisory.objects.latest("pk")
    assert added.slug == f"kuwait-travel-advisory-{timezone.now():%Y-%m-%d}"
    assert added.country == country("KW")


def publish_by_action(user, advisory):
    changelist = reverse("admin:advisories_advisory_changelist")
    return logged_in(user).post(
        changelist, {"action": "publish", "_selected_action": [advisory.pk]}, follow=True
    )


def test_an_update_is_published_only_with_a_change_note(editor, publisher, iraq):
    logged_in(editor).post(draft_update_url(iraq))
    draft = Advisory.objects.get(previous_edition=iraq)
    data = form_data(draft, level=3, status=Advisory.Status.PUBLISHED)
    response = logged_in(publisher).post(change_url(draft), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["change_note"] == [
        "Say what changed in this update, for readers and subscribers, or mark it a minor change."
    ]
    assert "Not published" in publish_by_action(publisher, draft).content.decode()
    draft.refresh_from_db()
    assert draft.status == Advisory.Status.DRAFT
    data["change_note"] = "Level lowered to 3 after the ceasefire."
    assert logged_in(publisher).post(change_url(draft), data).status_code == 302
    draft.refresh_from_db()
    assert draft.status == Advisory.Status.PUBLISHED


def test_a_minor_change_keeps_its_place_in_lists_and_replaces_the_edition(editor, publisher, iraq):
    logged_in(editor).post(draft_update_url(iraq))
    draft = Advisory.objects.get(previous_edition=iraq)
    data = form_data(draft, summary="Do not travel to Iraq (typo fixed).", minor_change="on")
    logged_in(editor).post(change_url(draft), data)
    publish_by_action(publisher, draft)
    draft.refresh_from_db()
    iraq.refresh_from_db()
    assert draft.status == Advisory.Status.PUBLISHED and draft.issued_at == iraq.issued_at
    assert iraq.status == Advisory.Status.ARCHIVED  # corrected, not a new level in the history


@pytest.fixture
def published_editions():
    """The editions `edition_published` announces, with who published them, as they come."""
    sent = []

    def receiver(sender, edition, user, **kwargs):
        sent.append((edition, user))

    edition_published.connect(receiver)
    yield sent
    edition_published.disconnect(receiver)


def test_publishing_announces_the_edition_once_whoever_publishes(publisher, published_editions):
    draft = make_advisory(status=Advisory.Status.DRAFT)
    publish_by_action(publisher, draft)
    added = form_data(make_advisory(status=Advisory.Status.DRAFT), slug="added", status="published")
    logged_in(publisher).post(reverse("admin:advisories_advisory_add"), added)
    call_command("import_state_dept", str(DATA / "state_dept_small.rss.xml"), verbosity=0)
    call_command("import_state_dept", str(DATA / "state_dept_small.rss.xml"), verbosity=0)
    assert published_editions[:2] == [
        (draft, publisher),
        (Advisory.objects.get(slug="added"), publisher),
    ]
    # Each imported edition once, by no one; the second run publishes nothing.
    imported = Advisory.objects.filter(source=Advisory.Source.STATE_DEPT, status="published")
    assert imported.exists()
    assert published_editions[2:] == [(advisory, None) for advisory in imported.order_by("pk")]
