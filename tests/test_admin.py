import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from advisories.models import Advisory, Location, RiskIndicator
from articles.models import Article, Person
from tests.factories import country, make_advisory, make_article, make_person, make_place

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("admin", "admin@example.org", "pw")


def change_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def changelist_url(model):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def advisory_form(**overrides):
    data = {
        "title": "Iraq security alert",
        "slug": "iraq-security-alert",
        "country": country("IQ").pk,
        "kind": Advisory.Kind.SECURITY_ALERT,
        "level": 4,
        "indicators": [RiskIndicator.objects.get(code="T").pk],
        "summary": "Depart Iraq immediately.",
        "body": "Depart **now**.",
        "change_note": "",
        "issuer": "U.S. Embassy Baghdad",
        "issued_at_0": "2020-01-03",
        "issued_at_1": "06:30:00",
        "expires_at_0": "",
        "expires_at_1": "",
        "source_url": "",
        "status": Advisory.Status.PUBLISHED,
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("model", [Advisory, Article, Person, Location, RiskIndicator])
def test_changelist_renders_for_each_model(client, superuser, model):
    client.force_login(superuser)
    assert client.get(changelist_url(model)).status_code == 200


@pytest.mark.parametrize("model", [Advisory, Article, Person, Location])
def test_add_page_renders_for_each_model(client, superuser, model):
    client.force_login(superuser)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
    assert client.get(url).status_code == 200


def test_change_pages_render(client, superuser):
    client.force_login(superuser)
    advisory = make_advisory(places=[make_place("Baghdad")])
    person = make_person()
    article = make_article(people=[person], advisories=[advisory])
    for obj in [advisory, person, article, country("IQ"), RiskIndicator.objects.first()]:
        assert client.get(change_url(obj)).status_code == 200, obj


def test_changelist_shows_level_badge_and_filters(client, superuser):
    client.force_login(superuser)
    make_advisory(iso="IQ", level=4, title="Depart Iraq")
    make_advisory(iso="JP", level=1, title="Japan advisory")
    response = client.get(changelist_url(Advisory), {"level": 4, "region": "middle-east"})
    content = response.content.decode()
    assert 'class="level-badge level-4"' in content
    assert "Depart Iraq" in content
    assert "Japan advisory" not in content
    assert response.context["cl"].date_hierarchy == "issued_at"


def test_changelist_filters_by_imported_from(client, superuser):
    client.force_login(superuser)
    make_advisory(title="From the feed", source=Advisory.Source.STATE_DEPT)
    make_advisory(title="Typed by staff")
    response = client.get(changelist_url(Advisory), {"source__exact": "state-dept"})
    assert "From the feed" in response.content.decode()
    assert "Typed by staff" not in response.content.decode()


def test_editor_creates_a_draft_and_cannot_set_status(client, editor):
    client.force_login(editor)
    response = client.post(reverse("admin:advisories_advisory_add"), advisory_form())
    assert response.status_code == 302, response.context["adminform"].form.errors
    advisory = Advisory.objects.get(slug="iraq-security-alert")
    assert advisory.status == Advisory.Status.DRAFT
    assert advisory.created_by == editor and advisory.updated_by == editor
    assert advisory.body_html == "<p>Depart <strong>now</strong>.</p>"


def test_editor_cannot_publish_by_action(client, editor):
    draft = make_advisory(status=Advisory.Status.DRAFT)
    client.force_login(editor)
    response = client.post(
        changelist_url(Advisory), {"action": "publish", "_selected_action": [draft.pk]}
    )
    draft.refresh_from_db()
    assert draft.status == Advisory.Status.DRAFT
    assert response.status_code in (200, 302)


def test_editor_does_not_see_the_publish_actions(client, editor):
    make_advisory()
    client.force_login(editor)
    content = client.get(changelist_url(Advisory)).content.decode()
    assert 'value="publish"' not in content
    assert 'value="archive"' not in content


def test_editor_cannot_publish_through_the_change_form(client, editor):
    draft = make_advisory(status=Advisory.Status.DRAFT, slug="draft-alert")
    client.force_login(editor)
    data = advisory_form(slug="draft-alert", status=Advisory.Status.PUBLISHED)
    response = client.post(change_url(draft), data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Advisory.Status.DRAFT
    assert draft.title == "Iraq security alert"


def test_publisher_publishes_and_archives_by_action(client, publisher):
    draft = make_advisory(status=Advisory.Status.DRAFT)
    client.force_login(publisher)
    client.post(changelist_url(Advisory), {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Advisory.Status.PUBLISHED
    assert draft.updated_by == publisher
    client.post(changelist_url(Advisory), {"action": "archive", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Advisory.Status.ARCHIVED
    client.post(
        changelist_url(Advisory), {"action": "return_to_draft", "_selected_action": [draft.pk]}
    )
    draft.refresh_from_db()
    assert draft.status == Advisory.Status.DRAFT


def test_publisher_publishes_through_the_change_form(client, publisher):
    draft = make_advisory(status=Advisory.Status.DRAFT, slug="draft-alert")
    client.force_login(publisher)
    response = client.post(change_url(draft), advisory_form(slug="draft-alert"))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Advisory.Status.PUBLISHED


def test_editor_cannot_publish_articles_but_publisher_can(client, editor, publisher):
    article = make_article(status=Article.Status.DRAFT)
    data = {"action": "publish", "_selected_action": [article.pk]}
    client.force_login(editor)
    client.post(changelist_url(Article), data)
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    client.force_login(publisher)
    client.post(changelist_url(Article), data)
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED


def test_invalid_advisory_form_shows_errors_and_stores_nothing(client, publisher):
    client.force_login(publisher)
    data = advisory_form(level=9, expires_at_0="2019-01-01", expires_at_1="00:00:00")
    response = client.post(reverse("admin:advisories_advisory_add"), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert not Advisory.objects.filter(slug="iraq-security-alert").exists()


def test_location_autocomplete_finds_countries(client, superuser):
    client.force_login(superuser)
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "term": "Ira",
            "app_label": "advisories",
            "model_name": "advisory",
            "field_name": "country",
        },
    )
    names = {result["text"] for result in response.json()["results"]}
    assert {"Iraq", "Iran"} <= names
