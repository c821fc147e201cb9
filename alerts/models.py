"""Email alerts: who follows which advisories (a Subscription, confirmed by double opt-in), what
each of them is sent (a Delivery per subscription and edition, sent once at most), and the
requests of the subscribe form counted for its rate limits.

A subscription follows a query string of /advisories/, read by the list's own AdvisoryFilter, so
an alert goes out for exactly what the list and its feed would show. Nothing here is public.
"""

import logging
import math
from datetime import timedelta

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.http import urlencode

from advisories.filters import AdvisoryFilter
from advisories.models import Advisory
from publishing.feeds import describe
from publishing.filters import filter_errors

logger = logging.getLogger(__name__)

# How the list is shown, not what it lists: no part of what a subscription follows.
PRESENTATION_ONLY = {"ordering", "superseded"}

CONFIRM_SALT = "alerts.confirm"
UNSUBSCRIBE_SALT = "alerts.unsubscribe"
CONFIRM_MAX_AGE = timedelta(days=3)


def advisory_filter(query, queryset=None):
    """The advisory list's FilterSet over `queryset` (none by default), reading `query`."""
    data = query if isinstance(query, QueryDict) else QueryDict(query)
    return AdvisoryFilter(data, queryset=Advisory.objects.none() if queryset is None else queryset)


def read_filter(query):
    """`query`, a query string of /advisories/ (or a QueryDict of one), in the one form stored
    for it: known filters only, in the filter's order, each value once and as the filter reads it
    (`country=iq&level=4` and `level=4&country=IQ` are both `country=IQ&level=4`).

    Raises ValidationError, in plain words, for a filter that cannot be read."""
    filterset = advisory_filter(query)
    if not filterset.is_valid():
        raise ValidationError(filter_errors(filterset.form, whole="Filter"))
    pairs = []
    for name, value in filterset.form.cleaned_data.items():
        if name in PRESENTATION_ONLY or not value:
            continue
        values = value if isinstance(value, list) else [value]
        pairs += [(name, text) for text in sorted({str(v) for v in values})]
    return urlencode(pairs)


def describe_filter(query):
    """What a stored filter lists, in words ("Iraq"; "Middle East, Level 4: Do Not Travel,
    Terrorism"), or "every advisory"."""
    filterset = advisory_filter(query)
    return (describe(filterset) if filterset.is_valid() else "") or "every advisory"


def filter_lists(query, advisory):
    """Whether the advisory list, filtered by `query`, lists `advisory`: as the edition it was
    when it was published, so superseded and past advice count (a later edition may be out
    before the worker gets to this one), but not a draft, nor an edition not yet issued."""
    data = QueryDict(query, mutable=True)
    data["superseded"] = "on"
    released = Advisory.objects.exclude(status=Advisory.Status.DRAFT)
    released = released.filter(pk=advisory.pk, issued_at__lte=timezone.now())
    filterset = advisory_filter(data, released)
    if not filterset.is_valid():
        # A stored filter no longer readable (a region renamed): it matches nothing, never all.
        logger.warning("alerts: the stored filter %r cannot be read; it matches nothing", query)
        return False
    return filterset.qs.exists()


class SubscriptionQuerySet(models.QuerySet):
    def live(self):
        """Confirmed and not unsubscribed: the subscriptions that are sent alerts."""
        return self.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)

    def following(self, advisory):
        """The live subscriptions whose filter lists `advisory`; each distinct filter is read
        once, however many follow it."""
        live = self.live()
        queries = live.order_by().values_list("query", flat=True).distinct()
        return live.filter(query__in=[query for query in queries if filter_lists(query, advisory)])


class Subscription(models.Model):
    """An email address following a filtered list of advisories. It is sent nothing but a
    confirmation request until the address confirms it; it is never shown or listed publicly.
    No page of its own: the links in its messages carry signed tokens instead."""

    class Frequency(models.TextChoices):
        IMMEDIATELY = "immediately", "As soon as the advice changes"
        DAILY = "daily", "A daily digest"

    email = models.EmailField(max_length=254)
    query = models.CharField(
        "filter",
        max_length=1000,
        blank=True,
        help_text="The query string of /advisories/ it follows, normalised; empty for all.",
    )
    frequency = models.CharField(
        max_length=20, choices=Frequency.choices, default=Frequency.IMMEDIATELY
    )
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # Asking twice finds the subscription asked for before; after an unsubscribe, a new
            # request starts a new one.
            models.UniqueConstraint(
                fields=["email", "query"],
                condition=Q(unsubscribed_at__isnull=True),
                name="alerts_one_subscription_per_filter",
            ),
        ]

    def __str__(self):
        return f"{self.email}: {self.what}"

    @property
    def what(self):
        return describe_filter(self.query)

    @property
    def list_url(self):
        """The advisory list this subscription follows."""
        return reverse("advisories:list") + (f"?{self.query}" if self.query else "")

    def confirm(self):
        if self.confirmed_at is None:
            self.confirmed_at = timezone.now()
            self.save(update_fields=["confirmed_at"])

    def unsubscribe(self):
        if self.unsubscribed_at is None:
            self.unsubscribed_at = timezone.now()
            self.save(update_fields=["unsubscribed_at"])

    def confirm_token(self):
        """The token of the confirmation link, good for CONFIRM_MAX_AGE."""
        return signing.dumps(self.pk, salt=CONFIRM_SALT)

    def unsubscribe_token(self):
        """The token of the unsubscribe link: it never expires, as old messages keep theirs."""
        return signing.dumps(self.pk, salt=UNSUBSCRIBE_SALT)

    @classmethod
    def by_confirm_token(cls, token):
        """The subscription a confirmation link names, or None if it is gone. Raises
        signing.SignatureExpired or signing.BadSignature for a link that is not good."""
        pk = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
        return cls.objects.filter(pk=pk).first()

    @classmethod
    def by_unsubscribe_token(cls, token):
        """The subscription an unsubscribe link names, or None if it is gone. Raises
        signing.BadSignature for a link that is not one the site made."""
        return cls.objects.filter(pk=signing.loads(token, salt=UNSUBSCRIBE_SALT)).first()


class DeliveryQuerySet(models.QuerySet):
    def queue(self, advisory):
        """A pending delivery of `advisory` to every live subscription following it; none
        twice, however often it is asked."""
        deliveries = [
            Delivery(subscription=subscription, advisory=advisory)
            for subscription in Subscription.objects.following(advisory)
        ]
        self.bulk_create(deliveries, ignore_conflicts=True)

    def to_send(self):
        """Pending, to a live subscription, of an edition that is not back to a draft."""
        return self.filter(
            status=Delivery.Status.PENDING,
            subscription__confirmed_at__isnull=False,
            subscription__unsubscribed_at__isnull=True,
        ).exclude(advisory__status=Advisory.Status.DRAFT)


class Delivery(models.Model):
    """One edition for one subscription: queued when the edition is published, marked sent only
    once the mail server has accepted it, and never sent twice (the unique constraint)."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    advisory = models.ForeignKey(
        Advisory, on_delete=models.CASCADE, related_name="+", verbose_name="edition"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    reason = models.CharField(
        max_length=500, blank=True, help_text="Why the last attempt failed, in the server's words."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "deliveries"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "advisory"], name="alerts_one_delivery_per_edition"
            ),
        ]
        indexes = [
            # send_digests: the pending deliveries, by subscription.
            models.Index(fields=["status", "subscription"], name="alerts_delivery_status_idx"),
        ]

    def __str__(self):
        return f"{self.advisory} to {self.subscription.email}"


class SubscribeRequestQuerySet(models.QuerySet):
    def admit(self, email, client_ip):
        """Count a subscribe request for `email` from `client_ip`: 0 if it is within the limits,
        else the seconds until it would be (and then it is not counted).

        The row is written first and the limits counted after it, so that replicas racing each
        other refuse too much rather than too little."""
        now = timezone.now()
        self.filter(requested_at__lte=now - SubscribeRequest.WINDOW).delete()
        request = self.create(address=keyed(email), client=keyed(client_ip), requested_at=now)
        waits = [
            self.wait(now, exclude=request.pk, address=request.address),
            self.wait(now, exclude=request.pk, client=request.client),
        ]
        if max(waits):
            request.delete()
        return max(waits)

    def wait(self, now, exclude, **key):
        """Seconds until fewer requests of `key` than its limit are left in the window."""
        (name,) = key
        limit = SubscribeRequest.LIMITS[name]
        earlier = self.filter(**key, requested_at__gt=now - SubscribeRequest.WINDOW)
        times = earlier.exclude(pk=exclude).order_by("-requested_at")
        times = list(times.values_list("requested_at", flat=True)[:limit])
        if len(times) < limit:
            return 0
        return max(1, math.ceil((times[-1] + SubscribeRequest.WINDOW - now).total_seconds()))


def keyed(value):
    """A keyed hash of an address: requests are counted without keeping who made them."""
    return salted_hmac("alerts.subscribe-request", str(value), algorithm="sha256").hexdigest()


class SubscribeRequest(models.Model):
    """A request of the subscribe form, counted for the rate limits for an hour, in the database
    so that every web replica counts the same. Addresses are kept as keyed hashes."""

    WINDOW = timedelta(hours=1)
    LIMITS = {"address": 3, "client": 10}  # requests per WINDOW, per email address and client

    address = models.CharField(max_length=64)
    client = models.CharField(max_length=64)
    requested_at = models.DateTimeField(default=timezone.now)

    objects = SubscribeRequestQuerySet.as_manager()

    class Meta:
        indexes = [
            # SubscribeRequestQuerySet.wait: one key's requests in the window.
            models.Index(fields=["address", "requested_at"], name="alerts_request_address_idx"),
            models.Index(fields=["client", "requested_at"], name="alerts_request_client_idx"),
            # admit: the requests older than the window, deleted.
            models.Index(fields=["requested_at"], name="alerts_request_time_idx"),
        ]

    def __str__(self):
        return f"Subscribe request of {self.requested_at:%Y-%m-%d %H:%M}"
