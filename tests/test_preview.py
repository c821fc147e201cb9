"""Staff preview items the public cannot see, on the same page, marked and never cached."""

import pytest
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType

from advisories.models import Advisory
from articles.models import Article
from tests.factories import make_advisory, make_article

pytestmark = pytest.mark.django_db

BANNER = "The public cannot see this page"


@pytest.fixture
def draft():
    return make_advisory(title="Draft alert", status=Advisory.Status.DRAFT)


def test_editor_previews_a_draft_advisory_marked_and_uncached(client, editor, draft):
    client.force_login(editor)
    response = client.get(draft.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert BANNER in html and '<meta name="robots" content="noindex">' in html
    assert "no-store" in response["Cache-Control"]


def test_editor_previews_a_draft_article(client, editor):
    article = make_article(title="Draft story", status=Article.Status.DRAFT)
    client.force_login(editor)
    assert BANNER in client.get(article.get_absolute_url()).content.decode()


def test_the_public_still_gets_404(client, draft):
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_staff_without_view_permission_get_404(client, draft):
    user = User.objects.create_user("intern", password="pw", is_staff=True)
    client.force_login(user)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_a_public_item_is_not_marked_as_a_preview(client, editor):
    advisory = make_advisory()
    client.force_login(editor)
    response = client.get(advisory.get_absolute_url())
    assert BANNER not in response.content.decode()
    assert "no-store" not in response.get("Cache-Control", "")


def test_view_on_site_from_the_admin_reaches_the_preview(client, editor, draft):
    client.force_login(editor)
    change = client.get(f"/admin/advisories/advisory/{draft.pk}/change/").content.decode()
    assert "View on site" in change
    link = client.get(f"/admin/r/{content_type_id(draft)}/{draft.pk}/")
    assert link.status_code == 302 and link["Location"].endswith(draft.get_absolute_url())
    assert BANNER in client.get(draft.get_absolute_url()).content.decode()


def content_type_id(obj):
    return ContentType.objects.get_for_model(obj).pk
