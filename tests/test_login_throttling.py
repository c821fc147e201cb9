"""Admin login throttling: django-axes through the real login page and the real database."""

import io
import os
from datetime import timedelta
from functools import partial

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from axes.utils import reset
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db.models import F
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from config.client_ip import forwarded_client_ip
from tests.throwaway_postgres import manage

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"
ATTEMPTS = reverse("admin:axes_accessattempt_changelist")


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    # PBKDF2's deliberate slowness is not what these tests measure (3 s a test with it).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def staff(db):
    User.objects.create_user("editor", password="right-pw", is_staff=True)
    User.objects.create_user("writer", password="writer-pw", is_staff=True)


def log_in(client, username, password, **extra):
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


def fail(client, times, username="editor", **extra):
    for _ in range(times):
        response = log_in(client, username, "wrong-pw", **extra)
    return response


def age_attempts(by):
    """Time passes: the recorded failures move `by` into the past."""
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - by)


def assert_logged_in(response):
    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/"
    assert "_auth_user_id" in response.client.session


def assert_locked_out(response):
    assert response.status_code == 429
    assert "Too many sign-in attempts" in response.content.decode()
    assert "_auth_user_id" not in response.client.session


def test_the_limits_and_the_proxy_trust_come_from_the_environment():
    env = {"LOGIN_FAILURE_LIMIT": "3", "LOGIN_LOCKOUT_MINUTES": "15", "TRUST_X_FORWARDED_FOR": "2"}
    code = (
        "from django.conf import settings as s; "
        "print(s.AXES_FAILURE_LIMIT, s.AXES_COOLOFF_TIME, s.AXES_CLIENT_IP_CALLABLE.keywords)"
    )
    result = manage(
        "shell", "--no-imports", "-c", code, env={**os.environ, "SECRET_KEY": "x", **env}
    )

    assert result.stdout.strip() == "3 0:15:00 {'proxies': 2}"


def test_ten_wrong_passwords_lock_out_even_the_right_one(client, staff):
    ninth = fail(client, 9)
    assert ninth.status_code == 200  # the login form again, with its error
    assert "Please enter the correct username and password" in ninth.content.decode()

    assert_locked_out(fail(client, 1))
    assert_locked_out(log_in(client, "editor", "right-pw"))
    assert AccessFailureLog.objects.filter(username="editor", locked_out=True).exists()


def test_the_lockout_page_says_when_to_retry_without_a_traceback(client, staff):
    fail(client, 10)
    response = log_in(client, "editor", "right-pw")

    page = response.content.decode()
    assert response.headers["Content-Type"].startswith("text/html")
    assert "Try again 60 minutes after the last failed attempt" in page
    assert "site administrator" in page
    assert "Traceback" not in page
    assert "Exception" not in page
    assert "right-pw" not in page


def test_the_same_address_is_locked_out_for_another_username(client, staff):
    fail(client, 10, username="editor")

    assert_locked_out(log_in(client, "writer", "writer-pw"))


def test_the_same_username_is_locked_out_from_another_address(client, staff):
    fail(client, 10, REMOTE_ADDR="192.0.2.1")

    assert_locked_out(log_in(client, "editor", "right-pw", REMOTE_ADDR="192.0.2.2"))
    # Another user at another address is not affected.
    assert_logged_in(log_in(Client(), "writer", "writer-pw", REMOTE_ADDR="192.0.2.3"))


def test_the_right_password_works_after_the_cool_off(client, staff):
    fail(client, 10)
    assert_locked_out(log_in(client, "editor", "right-pw"))
    age_attempts(timedelta(hours=1, seconds=1))

    assert_logged_in(log_in(client, "editor", "right-pw"))


@override_settings(AXES_COOLOFF_TIME=timedelta(minutes=5))
def test_the_cool_off_is_a_setting(client, staff):
    fail(client, 10)
    assert "Try again 5 minutes after" in log_in(client, "editor", "right-pw").content.decode()

    age_attempts(timedelta(minutes=5, seconds=1))
    assert_logged_in(log_in(client, "editor", "right-pw"))


def test_tries_during_a_lockout_do_not_extend_it(client, staff):
    fail(client, 10)
    locked_at = AccessAttempt.objects.get().attempt_time

    assert_locked_out(fail(client, 3))
    assert AccessAttempt.objects.get().attempt_time == locked_at
    assert AccessAttempt.objects.get().failures_since_start == 10


def test_a_success_in_between_does_not_reset_the_count(client, staff):
    fail(client, 9, username="editor")
    assert_logged_in(log_in(Client(), "writer", "writer-pw"))

    assert_locked_out(fail(client, 1, username="editor"))


def test_the_attempts_are_listed_in_the_admin(admin_client, client, staff):
    fail(client, 10)

    index = admin_client.get("/admin/").content.decode()
    assert "Access attempts" in index
    assert "Access failures" in index
    page = admin_client.get(ATTEMPTS).content.decode()
    assert "editor" in page
    assert "Locked Out" in page


def test_a_superuser_unlocks_by_deleting_the_attempts_in_the_admin(admin_client, client, staff):
    fail(client, 10)
    assert_locked_out(log_in(client, "editor", "right-pw"))
    selected = list(AccessAttempt.objects.values_list("pk", flat=True))
    action = {"action": "delete_selected", "_selected_action": selected}

    confirm = admin_client.post(ATTEMPTS, action)
    assert confirm.status_code == 200
    assert "Are you sure" in confirm.content.decode()
    done = admin_client.post(ATTEMPTS, {**action, "post": "yes"})
    assert done.status_code == 302

    assert not AccessAttempt.objects.exists()
    assert_logged_in(log_in(client, "editor", "right-pw"))


def test_axes_reset_unlocks(client, staff):
    fail(client, 10)
    assert_locked_out(log_in(client, "editor", "right-pw"))

    assert reset(username="editor") == 1
    assert_logged_in(log_in(client, "editor", "right-pw"))


def test_the_reset_command_unlocks_a_username(client, staff):
    fail(client, 10)
    assert_locked_out(log_in(client, "editor", "right-pw"))

    call_command("axes_reset_username", "editor", stdout=io.StringIO())
    assert_logged_in(log_in(client, "editor", "right-pw"))


def test_force_login_is_not_throttled(client, staff):
    fail(client, 10)
    client.force_login(User.objects.get(username="editor"))

    assert client.get("/admin/").status_code == 200


# The client's address behind the proxy


def behind_proxy():
    """As with TRUST_X_FORWARDED_FOR=1."""
    return override_settings(AXES_CLIENT_IP_CALLABLE=partial(forwarded_client_ip, proxies=1))


def test_without_trust_the_forwarded_address_is_ignored(client, staff):
    fail(client, 10, HTTP_X_FORWARDED_FOR="203.0.113.5")

    # A forged header does not get a client out of its address's lockout.
    forged = log_in(client, "writer", "writer-pw", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert_locked_out(forged)
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"127.0.0.1"}


def test_behind_a_trusted_proxy_each_client_is_counted_apart(client, staff):
    with behind_proxy():
        fail(client, 10, HTTP_X_FORWARDED_FOR="203.0.113.5")

        # Another client through the same proxy is not locked out with the first ...
        other = log_in(Client(), "writer", "writer-pw", HTTP_X_FORWARDED_FOR="198.51.100.7")
        assert_logged_in(other)
        # ... and the first cannot escape by prepending an address of its choice.
        spoofed = "198.51.100.7, 203.0.113.5"
        assert_locked_out(log_in(client, "writer", "writer-pw", HTTP_X_FORWARDED_FOR=spoofed))
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.5"}


@pytest.mark.parametrize(
    ("header", "proxies", "expected"),
    [
        ("", 1, "10.0.0.1"),
        ("203.0.113.5", 1, "203.0.113.5"),
        ("198.51.100.7, 203.0.113.5", 1, "203.0.113.5"),
        ("198.51.100.7, 203.0.113.5, 10.0.0.9", 2, "203.0.113.5"),
        ("203.0.113.5", 2, "203.0.113.5"),  # an outer proxy replaced the header
        ("2001:db8::1", 1, "2001:db8::1"),
        ("not-an-address", 1, "10.0.0.1"),
        ("203.0.113.5:4711", 1, "10.0.0.1"),
    ],
)
def test_forwarded_client_ip(header, proxies, expected):
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=header)

    assert forwarded_client_ip(request, proxies) == expected
