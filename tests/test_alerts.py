"""Email alerts end to end, against a real SMTP server on loopback (aiosmtpd) and the real
worker (`manage.py db_worker --batch`, which works through the database queue and exits):
double opt-in, publishing through the admin, what each message says, one-click unsubscribe,
retries, refused addresses and daily digests.

The tests commit (publishing hands the work to the queue only once its transaction commits,
and the worker reads what was committed), and the database is restored after each."""

import email
import html
import io
import re
import signal
from datetime import timedelta
from email import policy
from urllib.parse import urlsplit

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from advisories.models import Advisory, RiskIndicator
from alerts.models import Delivery, Subscription
from alerts.tasks import FIRST_RETRY, MAX_ATTEMPTS, send_alerts
from tests.factories import make_advisory
from tests.serving import free_port

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SITE_URL = "https://atlas.example.org"


class MailServer:
    """A real SMTP server on 127.0.0.1:`port` that keeps every message it accepts, and refuses
    for good any recipient at refused.example."""

    def __init__(self, port):
        self.messages = []
        self.controller = Controller(self, hostname="127.0.0.1", port=port)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.endswith("@refused.example"):
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append(message)
        return "250 Message accepted for delivery"

    def to(self, address):
        return [message for message in self.messages if message["To"] == address]


@pytest.fixture
def mail_port(settings):
    """The site's mail set to go by SMTP to a free port on loopback, where nothing listens yet,
    and its background work to the database queue, as in production."""
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 5
    settings.EMAIL_USE_TLS, settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD = False, "", ""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.SITE_URL = SITE_URL
    return port


@pytest.fixture
def inbox(mail_port):
    server = MailServer(mail_port)
    server.controller.start()
    yield server
    server.controller.stop()


def run_worker():
    """The worker, as the compose service runs it, in batch mode: it runs every task that is
    due, then exits. It takes over the process's signals; they are given back after."""
    signals = [signal.SIGINT, signal.SIGTERM, signal.SIGQUIT]
    handlers = {number: signal.getsignal(number) for number in signals}
    try:
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)


def send_digests():
    """Run `manage.py send_digests`; what it says."""
    output = io.StringIO()
    call_command("send_digests", stdout=output)
    return output.getvalue().strip()


def subscribed(address, query="country=IQ", frequency="immediately"):
    """A confirmed subscription (test_subscribing_sends_only_a_confirmation_until_confirmed
    goes through the confirmation itself)."""
    return Subscription.objects.create(
        email=address, query=query, frequency=frequency, confirmed_at=timezone.now()
    )


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def new_edition(advisory, user, indicators=None, **changes):
    """A draft edition of `advisory`, as the admin's "Draft an update" makes it, with `changes`."""
    draft = advisory.draft_update(user)
    for name, value in changes.items():
        setattr(draft, name, value)
    draft.save()
    if indicators is not None:
        draft.indicators.set(RiskIndicator.objects.filter(code__in=indicators))
    return draft


def latest(iso):
    """A country's latest published edition."""
    return Advisory.objects.filter(country__iso_code=iso, status="published").latest("pk")


def publish(publisher, edition):
    """Publish `edition` with the admin changelist's action, as a publisher does."""
    response = logged_in(publisher).post(
        reverse("admin:advisories_advisory_changelist"),
        {"action": "publish", "_selected_action": [edition.pk]},
    )
    assert response.status_code == 302
    edition.refresh_from_db()
    assert edition.status == Advisory.Status.PUBLISHED


def subject(message):
    # Django folds a long header onto a line of its own; readers show it unfolded.
    return message["Subject"].strip()


def text_of(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def html_of(message):
    return message.get_body(preferencelist=("html",)).get_content()


def site_path(url):
    """The path of one of the site's absolute links, for the test client."""
    assert url.startswith(SITE_URL + "/"), url
    return urlsplit(url).path


def link_after(words, message):
    """The link on the line after `words` in the message's text."""
    return re.search(rf"{re.escape(words)}.*\n(\S+)", text_of(message)).group(1)


def unsubscribe_link(message):
    return re.fullmatch(r"<(.+)>", message["List-Unsubscribe"].strip()).group(1)


@pytest.fixture
def iraq():
    """Iraq's current travel advisory: Level 3, crime."""
    return make_advisory(iso="IQ", level=3, indicators=["C"], title="Iraq Travel Advisory")


# Double opt-in


def ask_for_alerts(client, page_query, address, frequency="immediately"):
    """Follow "Email me" from a page with `page_query`, and send the form as a reader does."""
    form = client.get(f"/alerts/subscribe/?{page_query}").content.decode()
    query = html.unescape(re.search(r'name="query" value="([^"]*)"', form).group(1))
    data = {"email": address, "frequency": frequency, "query": query}
    return client.post("/alerts/subscribe/", data)


def test_subscribing_sends_only_a_confirmation_until_confirmed(inbox, client, iraq, publisher):
    response = ask_for_alerts(client, "country=iq", "reader@example.org")
    assert response.status_code == 200
    assert "Check your inbox" in response.content.decode()
    run_worker()
    (confirmation,) = inbox.messages
    assert confirmation["To"] == "reader@example.org"
    assert subject(confirmation) == "Confirm your email alerts"
    assert "alerts for Iraq" in text_of(confirmation)
    assert confirmation["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    publish(publisher, new_edition(iraq, publisher, level=4, change_note="Raised to 4."))
    run_worker()
    assert len(inbox.messages) == 1  # nothing but the confirmation before confirming

    confirm = site_path(link_after("Confirm your alerts", confirmation))
    page = client.get(confirm)  # what a mail scanner does: it confirms nothing
    assert page.status_code == 200 and "<button" in page.content.decode()
    assert not Subscription.objects.live().exists()
    confirmed = client.post(confirm)
    assert "Alerts confirmed" in confirmed.content.decode()

    publish(publisher, new_edition(latest("IQ"), publisher, level=3, change_note="Lowered."))
    run_worker()
    assert [subject(m) for m in inbox.messages[1:]] == [
        "Iraq — Level 3: Reconsider Travel (was Level 4: Do Not Travel)"
    ]


def test_asking_again_for_the_same_alerts_reveals_nothing(inbox, client):
    first = ask_for_alerts(client, "country=iq", "reader@example.org")
    run_worker()
    client.post(site_path(link_after("Confirm your alerts", inbox.messages[0])))

    again = ask_for_alerts(client, "country=iq", "reader@example.org")
    assert (again.status_code, again.content) == (first.status_code, first.content)
    run_worker()
    confirmation, reminder = inbox.messages
    assert subject(reminder) == "You already get these email alerts"
    assert "/alerts/confirm/" not in text_of(reminder)
    assert Subscription.objects.count() == 1


def test_the_form_answers_429_over_its_limit_per_address_and_sends_nothing(inbox, client):
    for _ in range(3):
        assert ask_for_alerts(client, "country=iq", "reader@example.org").status_code == 200
    response = ask_for_alerts(client, "country=sy", "reader@example.org")
    assert response.status_code == 429
    assert 3500 <= int(response["Retry-After"]) <= 3600
    assert "Too many requests" in response.content.decode()
    run_worker()
    assert len(inbox.messages) == 3
    assert not Subscription.objects.filter(query="country=SY").exists()


def test_the_form_answers_429_over_its_limit_per_client(inbox):
    client = Client(REMOTE_ADDR="203.0.113.9")
    for n in range(10):
        assert ask_for_alerts(client, "country=iq", f"reader{n}@example.org").status_code == 200
    assert ask_for_alerts(client, "country=iq", "reader10@example.org").status_code == 429
    other_client = Client(REMOTE_ADDR="203.0.113.10")
    assert ask_for_alerts(other_client, "country=iq", "reader11@example.org").status_code == 200
    run_worker()
    assert len(inbox.messages) == 11
    assert not inbox.to("reader10@example.org")


# What a publish sends


def test_a_published_edition_reaches_its_subscriber_once_saying_what_changed(
    inbox, iraq, publisher
):
    subscribed("reader@example.org", "country=IQ")
    edition = new_edition(
        iraq,
        publisher,
        level=4,
        indicators=["T"],
        summary="Do not travel to Iraq.",
        change_note="Level raised to 4 after the attacks in Baghdad.",
    )
    publish(publisher, edition)
    run_worker()

    (message,) = inbox.messages
    assert message["To"] == "reader@example.org"
    assert subject(message) == "Iraq — Level 4: Do Not Travel (was Level 3: Reconsider Travel)"
    text = text_of(message)
    assert "What changed: Level raised to 4 after the attacks in Baghdad." in text
    assert "Level: Level 3: Reconsider Travel → Level 4: Do Not Travel" in text
    assert "Risk indicators added: Terrorism" in text
    assert "Risk indicators removed: Crime" in text
    assert "Do not travel to Iraq." in text
    assert f"{SITE_URL}{edition.get_absolute_url()}" in text
    assert "Level raised to 4 after the attacks in Baghdad." in html_of(message)
    unsubscribe = unsubscribe_link(message)
    assert unsubscribe.startswith(f"{SITE_URL}/alerts/unsubscribe/")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe in text and unsubscribe in html_of(message)

    run_worker()
    send_alerts.enqueue(edition.pk)  # the same edition handed over again, as by a second worker
    run_worker()
    assert len(inbox.messages) == 1


def test_a_filtered_subscription_gets_only_the_editions_its_filter_lists(inbox, iraq, publisher):
    subscribed("desk@example.org", "level=4&indicator=T&region=middle-east")
    afghanistan = make_advisory(iso="AF", level=3)
    publish(publisher, new_edition(iraq, publisher, level=4, change_note="4, crime only."))
    publish(
        publisher, new_edition(afghanistan, publisher, level=4, indicators=["T"], change_note="4.")
    )
    run_worker()
    assert inbox.messages == []

    publish(publisher, new_edition(latest("IQ"), publisher, indicators=["T"], change_note="T."))
    run_worker()
    (message,) = inbox.messages
    assert subject(message) == "Iraq — Level 4: Do Not Travel"
    assert "Risk indicators added: Terrorism" in text_of(message)


def test_a_minor_change_sends_nothing(inbox, iraq, publisher):
    subscribed("reader@example.org")
    publish(publisher, new_edition(iraq, publisher, summary="Typo fixed.", minor_change=True))
    run_worker()
    assert inbox.messages == []
    publish(publisher, new_edition(latest("IQ"), publisher, level=2, change_note="Lowered."))
    run_worker()
    assert [subject(m) for m in inbox.messages] == [
        "Iraq — Level 2: Exercise Increased Caution (was Level 3: Reconsider Travel)"
    ]


def test_a_draft_sends_nothing_until_it_is_published(inbox, iraq, editor, publisher):
    subscribed("reader@example.org")
    draft = new_edition(iraq, editor, level=4, change_note="Raised.")
    change_url = reverse("admin:advisories_advisory_change", args=[draft.pk])
    assert logged_in(editor).get(change_url).status_code == 200
    run_worker()
    assert inbox.messages == []
    publish(publisher, draft)
    run_worker()
    assert len(inbox.messages) == 1


def test_one_click_unsubscribes_and_nothing_arrives_after(inbox, iraq, publisher):
    subscription = subscribed("reader@example.org")
    publish(publisher, new_edition(iraq, publisher, level=4, change_note="Raised."))
    run_worker()
    path = site_path(unsubscribe_link(inbox.messages[0]))

    mail_client = Client(enforce_csrf_checks=True)  # a mail client posts with no CSRF token
    assert mail_client.get(path).status_code == 200  # a scanner following the link…
    assert Subscription.objects.live().filter(pk=subscription.pk).exists()  # …changes nothing
    response = mail_client.post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert "Unsubscribed" in response.content.decode()

    publish(publisher, new_edition(latest("IQ"), publisher, level=3, change_note="Lowered."))
    run_worker()
    assert len(inbox.messages) == 1


# Failures


def test_the_worker_retries_after_a_refused_connection_and_never_sends_twice(
    mail_port, iraq, publisher
):
    subscribed("reader@example.org")
    publish(publisher, new_edition(iraq, publisher, level=4, change_note="Raised."))
    run_worker()  # nothing listens on the mail port

    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.PENDING and delivery.attempts == 1
    assert "refused" in delivery.reason.lower()
    retry = DBTaskResult.objects.ready()
    assert not retry.exists()  # it waits…
    later = DBTaskResult.objects.filter(status="READY", run_after__gt=timezone.now())
    (retry_at,) = later.values_list("run_after", flat=True)  # …for its delay
    assert timedelta(minutes=4) < retry_at - timezone.now() <= FIRST_RETRY

    server = MailServer(mail_port)
    server.controller.start()
    try:
        later.update(run_after=timezone.now())  # the delay has passed
        run_worker()
        run_worker()
        send_alerts.enqueue(delivery.advisory_id)
        run_worker()
    finally:
        server.controller.stop()
    assert len(server.messages) == 1
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SENT and delivery.attempts == 2


def test_the_worker_gives_up_after_its_last_attempt(mail_port, iraq, publisher, caplog):
    subscribed("reader@example.org")
    publish(publisher, new_edition(iraq, publisher, level=4, change_note="Raised."))
    for _ in range(MAX_ATTEMPTS):
        DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
        run_worker()  # nothing ever listens on the mail port
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.FAILED
    assert delivery.reason.startswith(f"Gave up after {MAX_ATTEMPTS} attempts: ")
    assert not DBTaskResult.objects.filter(status="READY").exists()
    assert "Gave up after" in caplog.text


def test_an_address_the_server_refuses_is_recorded_as_failed_and_not_retried(
    inbox, iraq, publisher, caplog
):
    subscribed("nobody@refused.example")
    subscribed("reader@example.org")
    publish(publisher, new_edition(iraq, publisher, level=4, change_note="Raised."))
    run_worker()

    assert [m["To"] for m in inbox.messages] == ["reader@example.org"]
    refused = Delivery.objects.get(subscription__email="nobody@refused.example")
    assert refused.status == Delivery.Status.FAILED
    assert refused.reason == "550 5.1.1 No such user here"
    assert f"deliveries [{refused.pk}] refused for good" in caplog.text
    assert not DBTaskResult.objects.filter(status="READY").exists()  # no retry
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"  # and the worker carried on


# Daily digests


def test_a_daily_subscriber_gets_one_digest_of_the_days_editions(inbox, iraq, publisher):
    subscribed("daily@example.org", frequency="daily")
    subscribed("now@example.org")
    first = new_edition(iraq, publisher, level=4, change_note="Raised to 4.")
    publish(publisher, first)
    publish(publisher, new_edition(first, publisher, indicators=["C", "K"], change_note="Kidnap."))
    run_worker()
    assert not inbox.to("daily@example.org")
    assert len(inbox.to("now@example.org")) == 2

    assert send_digests() == "Digests: 1 sent, 0 to try again later, 0 given up."
    (digest,) = inbox.to("daily@example.org")
    assert subject(digest) == "Daily digest: 2 updates — Iraq"
    text = text_of(digest)
    assert text.index("Raised to 4.") < text.index("Kidnap.")
    assert "Risk indicators added: Kidnapping or hostage-taking" in text
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    assert send_digests() == "Digests: 0 sent, 0 to try again later, 0 given up."
    run_worker()
    assert len(inbox.to("daily@example.org")) == 1


def test_a_digest_the_server_does_not_take_is_tried_again_by_the_worker(mail_port, iraq, publisher):
    subscribed("daily@example.org", frequency="daily")
    publish(publisher, new_edition(iraq, publisher, level=4, change_note="Raised to 4."))
    run_worker()
    assert send_digests() == "Digests: 0 sent, 1 to try again later, 0 given up."
    assert Delivery.objects.get().status == Delivery.Status.PENDING

    server = MailServer(mail_port)
    server.controller.start()
    try:
        DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
        run_worker()
    finally:
        server.controller.stop()
    (digest,) = server.messages
    assert subject(digest) == "Daily digest: 1 update — Iraq"
