"""The background work of alerts: confirmation requests, alerts and digests, run by the worker
(`manage.py db_worker`) from the database queue, or at once in development.

A message the mail server does not take now is tried again later, after a delay that doubles
each time. A delivery is locked while it is sent and marked sent only once the server has
accepted it, so neither a retry nor a second worker sends it twice. An address the server
refuses for good is marked failed with its words, and never tried again.
"""

import logging
from datetime import timedelta
from functools import partial

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from advisories.models import Advisory
from alerts.mail import (
    Update,
    alert_message,
    confirmation_message,
    digest_message,
    reminder_message,
)
from alerts.models import Delivery, Subscription
from alerts.sending import Refused, TryLater, Unreachable, send, smtp_connection

logger = logging.getLogger(__name__)

FIRST_RETRY = timedelta(minutes=5)  # then 10, 20, 40… minutes
MAX_ATTEMPTS = 7  # about five hours of trying before giving up

Frequency = Subscription.Frequency


@task()
def send_confirmation(subscription_id, attempt=1):
    """Mail a new subscription the link that confirms it; an address that asked again for what
    it already gets, a reminder of it."""
    subscription = Subscription.objects.filter(pk=subscription_id, unsubscribed_at=None).first()
    if subscription is None:
        return
    compose = reminder_message if subscription.confirmed_at else confirmation_message
    try:
        with smtp_connection() as connection:
            send(connection, compose(subscription))
    except Refused as error:
        logger.warning("alerts: subscription %s refused for good: %s", subscription_id, error)
    except TryLater as error:
        retrying = try_again(send_confirmation, attempt, subscription_id)
        outcome = "will try again" if retrying else "given up"
        logger.warning(
            "alerts: confirmation of subscription %s not sent (%s); %s",
            subscription_id,
            error,
            outcome,
        )


@task()
def send_alerts(advisory_id, attempt=1):
    """Mail a newly published edition to the live subscriptions following it: one message each
    to those who want it at once; the daily ones get it queued for their digest."""
    edition = Advisory.objects.select_related("country", "previous_edition")
    edition = edition.filter(pk=advisory_id).first()
    if edition is None:
        return
    if attempt == 1:
        Delivery.objects.queue(edition)
    immediate = Delivery.objects.filter(
        advisory=edition, subscription__frequency=Frequency.IMMEDIATELY
    ).select_related("subscription")
    pending = list(immediate.to_send().values_list("pk", flat=True))
    if not pending:
        return
    compose = partial(alert, update=Update.of(edition))
    error = None
    try:
        with smtp_connection() as connection:
            for pk in pending:
                failed = send_locked(connection, immediate.filter(pk=pk), compose, attempt)
                error = failed or error
                if isinstance(failed, Unreachable):
                    break
    except Unreachable as unreachable:
        error = unreachable
    if error:
        retry_or_give_up(send_alerts, attempt, advisory_id, immediate, error)


def alert(rows, update):
    return alert_message(rows[0].subscription, update)


@task()
def send_digest(subscription_id, attempt=1):
    """Mail a daily subscription one message of the editions queued for it since its last
    digest. Returns "sent" (or there was nothing to send), "retrying" or "failed"."""
    pending = (
        Delivery.objects.filter(
            subscription_id=subscription_id, subscription__frequency=Frequency.DAILY
        )
        .select_related("subscription", "advisory__country", "advisory__previous_edition")
        .order_by("advisory__issued_at", "advisory__pk")
    )
    if not pending.to_send().exists():
        return "sent"
    try:
        with smtp_connection() as connection:
            error = send_locked(connection, pending, digest, attempt)
    except Unreachable as unreachable:
        error = unreachable
    if error:
        return retry_or_give_up(send_digest, attempt, subscription_id, pending, error)
    return "sent"


def digest(rows):
    return digest_message(rows[0].subscription, [row.advisory for row in rows])


def send_locked(connection, deliveries, compose, attempt):
    """Send one message, `compose(rows)`, for the rows of `deliveries` still to send, locked
    meanwhile so that no other worker sends them too, and record on each row how it went.
    Returns the TryLater error when they must be tried again later, else None."""
    with transaction.atomic():
        rows = list(deliveries.to_send().select_for_update(skip_locked=True, of=("self",)))
        if not rows:
            return None  # sent already, or being sent by another worker right now
        try:
            send(connection, compose(rows))
        except Refused as error:
            record(rows, attempt, status=Delivery.Status.FAILED, reason=str(error))
            logger.warning(
                "alerts: deliveries %s refused for good by the mail server: %s", pks(rows), error
            )
            return None
        except TryLater as error:
            record(rows, attempt, reason=str(error))
            return error
        record(rows, attempt, status=Delivery.Status.SENT, sent_at=timezone.now(), reason="")
        return None


def record(rows, attempt, **fields):
    Delivery.objects.filter(pk__in=pks(rows)).update(attempts=attempt, **fields)


def pks(rows):
    return [row.pk for row in rows]


def retry_or_give_up(task_, attempt, key, deliveries, error):
    """Try `task_` for `key` again later, or, its attempts used up, mark what it has not sent
    as failed. Returns "retrying" or "failed"."""
    unsent = Delivery.objects.filter(pk__in=deliveries.to_send().values("pk"))
    # Those the server never saw this time (it could not be reached) say why too.
    unsent.filter(attempts__lt=attempt).update(attempts=attempt, reason=str(error)[:500])
    if try_again(task_, attempt, key):
        logger.warning(
            "alerts: %s(%s) attempt %s left messages unsent (%s); will try again",
            task_.name,
            key,
            attempt,
            error,
        )
        return "retrying"
    reason = f"Gave up after {attempt} attempts: {error}"[:500]
    unsent.update(status=Delivery.Status.FAILED, reason=reason)
    logger.error("alerts: %s(%s): %s", task_.name, key, reason)
    return "failed"


def try_again(task_, attempt, key):
    """Enqueue `task_` for `key` as its next attempt, after a delay that doubles each time.
    False once the attempts are used up, or where the backend cannot wait (development's runs
    each task at once)."""
    if attempt >= MAX_ATTEMPTS or not task_.get_backend().supports_defer:
        return False
    run_after = timezone.now() + FIRST_RETRY * 2 ** (attempt - 1)
    task_.using(run_after=run_after).enqueue(key, attempt=attempt + 1)
    return True
