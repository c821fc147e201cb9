"""The pages of email alerts, and what the rest of the site offers of them: the "Email me"
links, the subscribe form's errors, links that are not good, the admin, the development set-up.
(What is sent, against a real SMTP server and the worker: tests/test_alerts.py.)"""

import os
import subprocess
import sys
import time

import pytest
from django.contrib.auth.models import User
from django.core import signing
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings

from alerts.models import CONFIRM_SALT, SubscribeRequest, Subscription
from tests.factories import make_advisory, make_staff
from tests.test_hostile_input import query_strings
from tests.throwaway_postgres import BASE_DIR

pytestmark = pytest.mark.django_db


def subscribed(address):
    return Subscription.objects.create(email=address, confirmed_at=timezone.now())


def subscribe(client, query, address="reader@example.org", frequency="immediately"):
    return client.post(
        "/alerts/subscribe/", {"email": address, "frequency": frequency, "query": query}
    )


# "Email me", beside the feeds


@pytest.mark.parametrize(
    "page, link",
    [
        ("/countries/iq/", "/alerts/subscribe/?country=iq"),
        (
            "/advisories/?level=4&region=middle-east",
            "/alerts/subscribe/?level=4&amp;region=middle-east",
        ),  # noqa: E501
        ("/", "/alerts/subscribe/"),
    ],
)
def test_pages_of_advisories_offer_their_filter_by_email(client, page, link):
    make_advisory(iso="IQ", slug="iraq")
    assert f'<a href="{link}">Email me</a>' in client.get(page).content.decode()


def test_an_advisorys_page_offers_its_countrys_alerts(client):
    make_advisory(iso="IQ", slug="iraq")
    html = client.get("/advisories/iraq/").content.decode()
    assert '<a href="/alerts/subscribe/?country=iq">Email me</a>' in html


def test_pages_of_articles_offer_no_email(client):
    assert "Email me" not in client.get("/articles/").content.decode()


def test_the_form_follows_the_filter_of_the_page_it_was_linked_from(client):
    html = client.get("/alerts/subscribe/?country=iq&ordering=level&page=2").content.decode()
    assert "<strong>Iraq</strong>" in html
    assert 'name="query" value="country=IQ"' in html


def test_the_form_without_a_filter_follows_every_advisory(client):
    assert "<strong>every advisory</strong>" in client.get("/alerts/subscribe/").content.decode()


# The form's errors, in plain words


def test_an_unreadable_filter_is_a_plain_400(client):
    response = client.get("/alerts/subscribe/?level=9")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Level: Select a valid choice. 9 is not one of the available choices." in html
    assert "<form" not in html.split("<main")[1]


def test_a_filter_changed_in_the_form_is_a_plain_400(client):
    response = subscribe(client, "region=atlantis")
    assert response.status_code == 400
    assert "Region: Select a valid choice. atlantis is not one" in response.content.decode()
    assert not Subscription.objects.exists()


def test_a_malformed_address_is_a_form_error_in_plain_words(client):
    response = subscribe(client, "country=IQ", address="reader(at)example.org")
    assert response.status_code == 400
    html = response.content.decode()
    assert "This is not an email address: it should look like name@example.org." in html
    assert not Subscription.objects.exists()
    assert not SubscribeRequest.objects.exists()  # not counted against the limits


def test_two_spellings_of_one_filter_are_one_subscription(client):
    subscribe(client, "country=iq&level=4&ordering=level")
    subscribe(client, "level=4&country=Iraq", address="Reader@Example.org")
    (subscription,) = Subscription.objects.all()
    assert (subscription.email, subscription.query) == ("reader@example.org", "country=IQ&level=4")
    assert subscription.what == "Iraq, Level 4: Do Not Travel"


def test_asking_again_before_confirming_changes_how_often(client):
    subscribe(client, "country=IQ", frequency="immediately")
    subscribe(client, "country=IQ", frequency="daily")
    assert Subscription.objects.get().frequency == "daily"


# Links that are not good


class SignedFourDaysAgo(signing.TimestampSigner):
    def timestamp(self):
        return signing.b62_encode(int(time.time()) - 4 * 24 * 3600)


def test_an_expired_confirmation_link_is_a_clear_400(client):
    subscription = Subscription.objects.create(email="reader@example.org", query="country=IQ")
    token = SignedFourDaysAgo(salt=CONFIRM_SALT).sign_object(subscription.pk)
    response = client.post(f"/alerts/confirm/{token}/")
    assert response.status_code == 400
    assert "This confirmation link has expired" in response.content.decode()
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None


@pytest.mark.parametrize("action", ["confirm", "unsubscribe"])
def test_a_tampered_link_is_a_clear_400(client, action):
    subscription = subscribed("reader@example.org")
    token = getattr(subscription, f"{action}_token")()
    other = subscribed("other@example.org")
    forged = signing.dumps(other.pk, salt="a guess")
    for bad in [token[:-1] + ("A" if token[-1] != "A" else "B"), forged, "not-a-token"]:
        response = client.post(f"/alerts/{action}/{bad}/")
        assert response.status_code == 400
        assert "This link is not one we sent" in response.content.decode()
    assert Subscription.objects.live().count() == 2


def test_a_confirmation_link_does_not_unsubscribe_nor_the_reverse(client):
    subscription = Subscription.objects.create(email="reader@example.org")
    assert client.post(f"/alerts/unsubscribe/{subscription.confirm_token()}/").status_code == 400
    subscription.confirm()
    assert client.post(f"/alerts/confirm/{subscription.unsubscribe_token()}/").status_code == 400
    assert Subscription.objects.live().exists()


# The admin: staff look, and only look


def test_staff_see_subscriptions_and_deliveries_read_only(client):
    subscription = Subscription.objects.create(email="reader@example.org", query="country=IQ")
    Subscription.objects.create(email="other@example.org", query="level=4")
    editor = Client()
    editor.force_login(make_staff("editor", "Editors"))
    listing = editor.get("/admin/alerts/subscription/?q=reader").content.decode()
    assert "reader@example.org" in listing and "country=IQ" in listing
    assert "other@example.org" not in listing
    change = f"/admin/alerts/subscription/{subscription.pk}/change/"
    page = editor.get(change).content.decode()
    assert "Iraq" in page and 'name="_save"' not in page
    assert editor.post(change, {"email": "x@example.org"}).status_code == 403
    assert editor.get("/admin/alerts/subscription/add/").status_code == 403
    assert editor.get("/admin/alerts/delivery/").status_code == 200
    assert Subscription.objects.get(pk=subscription.pk).email == "reader@example.org"


def test_the_public_cannot_reach_subscriptions(client):
    Subscription.objects.create(email="reader@example.org")
    response = client.get("/admin/alerts/subscription/")
    assert response.status_code == 302 and response.url.startswith("/admin/login/")
    client.force_login(User.objects.create_user("visitor"))  # signed in, not staff
    assert client.get("/admin/alerts/subscription/").status_code == 302


# Development: the mail on the console, no worker needed


def test_in_development_the_confirmation_is_printed_at_once(
    client, settings, capsys, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        subscribe(client, "country=IQ")
    printed = capsys.readouterr().out
    assert "Subject: Confirm your email alerts" in printed
    assert "To: reader@example.org" in printed


@pytest.mark.parametrize(
    "environment, backends",
    [
        ({"DEBUG": "1"}, "console.EmailBackend ImmediateBackend"),
        ({"SECRET_KEY": "k"}, "smtp.EmailBackend django_tasks_db.DatabaseBackend"),
    ],
)
def test_development_prints_mail_and_runs_tasks_at_once_production_queues(environment, backends):
    names = {"DEBUG", "SECRET_KEY", "EMAIL_BACKEND", "TASK_BACKEND"}
    env = {key: value for key, value in os.environ.items() if key not in names}
    code = "from django.conf import settings as s; print(s.EMAIL_BACKEND, s.TASKS)"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        env={**env, **environment},
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    email_backend, task_backend = backends.split()
    assert email_backend in result.stdout and task_backend in result.stdout


# Hostile query strings: never a server error


@settings(
    max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", 60)),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(query=query_strings())
def test_no_query_string_makes_the_form_fail(client, query):
    assert client.get(f"/alerts/subscribe/?{query}").status_code < 500
    assert subscribe(client, query).status_code < 500
