"""Subscribe (double opt-in), confirm and unsubscribe (one click). What the pages say never
tells whether an address is subscribed: that is for its owner's mailbox alone."""

from functools import partial

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from alerts.forms import SubscribeForm
from alerts.models import (
    CONFIRM_MAX_AGE,
    SubscribeRequest,
    Subscription,
    describe_filter,
    read_filter,
)
from alerts.tasks import send_confirmation
from config.client_ip import forwarded_client_ip


def client_ip(request):
    """The client's address, as the login throttling counts it (see TRUST_X_FORWARDED_FOR)."""
    if settings.TRUST_X_FORWARDED_FOR:
        return forwarded_client_ip(request, settings.TRUST_X_FORWARDED_FOR)
    return request.META.get("REMOTE_ADDR")


@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request):
    """GET: the form, for the advisory list's query string it was linked with; POST: a
    confirmation request to the address, and "check your inbox", whoever the address is."""
    if request.method != "POST":
        try:
            query = read_filter(request.GET)
        except ValidationError as error:
            return subscribe_page(request, SubscribeForm(), "", error.messages, status=400)
        return subscribe_page(request, SubscribeForm(initial={"query": query}), query)
    form = SubscribeForm(request.POST)
    if not form.is_valid():
        query = form.cleaned_data.get("query", "")
        return subscribe_page(request, form, query, form.errors.get("query", ()), status=400)
    email = form.cleaned_data["email"]
    if wait := SubscribeRequest.objects.admit(email, client_ip(request)):
        response = render(request, "alerts/rate_limited.html", {"minutes": -(-wait // 60)})
        response.status_code = 429
        response["Retry-After"] = str(wait)
        return response
    subscription = form.save()
    transaction.on_commit(partial(send_confirmation.enqueue, subscription.pk), robust=True)
    context = {"email": email, "days": CONFIRM_MAX_AGE.days, "noindex": True}
    return render(request, "alerts/check_inbox.html", context)


def subscribe_page(request, form, query, filter_errors=(), status=200):
    context = {
        "form": form,
        "what": describe_filter(query) if not filter_errors else "",
        "filter_errors": filter_errors,
        "noindex": True,
    }
    return render(request, "alerts/subscribe.html", context, status=status)


def bad_link(request, expired=False):
    context = {"expired": expired, "days": CONFIRM_MAX_AGE.days, "noindex": True}
    return render(request, "alerts/bad_link.html", context, status=400)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """GET: a button that confirms (a mail scanner following the link confirms nothing); POST:
    confirmed, and from now on alerts are sent."""
    try:
        subscription = Subscription.by_confirm_token(token)
    except signing.SignatureExpired:
        return bad_link(request, expired=True)
    except signing.BadSignature:
        return bad_link(request)
    if subscription is None or subscription.unsubscribed_at:
        return render(request, "alerts/unsubscribed.html", {"noindex": True})
    if request.method == "POST":
        subscription.confirm()
        context = {"subscription": subscription, "noindex": True}
        return render(request, "alerts/confirmed.html", context)
    return render(request, "alerts/confirm.html", {"subscription": subscription, "noindex": True})


# Mail clients post the one-click unsubscribe (RFC 8058) with no CSRF token; the signed token
# in the address is what allows it.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """GET: a button that unsubscribes (a mail scanner following the link unsubscribes no one);
    POST, the button's or a mail client's one click: unsubscribed at once, no question asked."""
    try:
        subscription = Subscription.by_unsubscribe_token(token)
    except signing.BadSignature:
        return bad_link(request)
    if subscription is None or subscription.unsubscribed_at:
        return render(request, "alerts/unsubscribed.html", {"noindex": True})
    if request.method == "POST":
        subscription.unsubscribe()
        context = {"subscription": subscription, "noindex": True}
        return render(request, "alerts/unsubscribed.html", context)
    context = {"subscription": subscription, "noindex": True}
    return render(request, "alerts/unsubscribe.html", context)
