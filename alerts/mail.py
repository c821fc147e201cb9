"""The messages alerts send: a confirmation request, a reminder, an alert and a daily digest.
Each in text and HTML from templates/alerts/email/, each with a one-click unsubscribe link in
its body and in its List-Unsubscribe headers (RFC 8058)."""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from alerts.models import CONFIRM_MAX_AGE


def absolute(path):
    """`path` on the site, as a link that works from a mailbox."""
    return settings.SITE_URL + path


def unsubscribe_url(subscription):
    return absolute(reverse("alerts:unsubscribe", args=[subscription.unsubscribe_token()]))


def one_line(text):
    """A subject: a header cannot hold a line break."""
    return " ".join(text.split())


def message(subscription, subject, template, context):
    """A message to `subscription`'s address from templates/alerts/email/`template`.txt and
    .html, which end with its unsubscribe link."""
    unsubscribe = unsubscribe_url(subscription)
    context = {
        **context,
        "subscription": subscription,
        "what": subscription.what,
        "list_url": absolute(subscription.list_url),
        "unsubscribe_url": unsubscribe,
        "site_url": settings.SITE_URL,
    }
    email = EmailMultiAlternatives(
        subject=one_line(subject),
        body=render_to_string(f"alerts/email/{template}.txt", context).strip() + "\n",
        to=[subscription.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            # No out-of-office replies to an automatic message (RFC 3834).
            "Auto-Submitted": "auto-generated",
        },
    )
    html = render_to_string(f"alerts/email/{template}.html", context)
    email.attach_alternative(html, "text/html")
    return email


def confirmation_message(subscription):
    """The one message sent before the address confirms: the link that confirms it."""
    link = absolute(reverse("alerts:confirm", args=[subscription.confirm_token()]))
    context = {"confirm_url": link, "days": CONFIRM_MAX_AGE.days}
    return message(subscription, "Confirm your email alerts", "confirm", context)


def reminder_message(subscription):
    """To an address that asked again for what it already gets: nothing but a reminder."""
    return message(subscription, "You already get these email alerts", "reminder", {})


@dataclass
class Update:
    """A published edition as an alert tells it: what changed against the edition it was
    drafted from (its level, its risk indicators), the change note, the summary, the link."""

    edition: object
    url: str
    was_level: str = ""  # the previous level's label, when the level changed
    added: list = field(default_factory=list)  # risk indicators named now, not before
    removed: list = field(default_factory=list)  # and those no longer named

    @classmethod
    def of(cls, edition):
        update = cls(edition=edition, url=absolute(edition.get_absolute_url()))
        previous = edition.previous_edition
        if previous is None:
            return update
        if previous.level != edition.level:
            update.was_level = previous.get_level_display()
        now, before = set(edition.indicators.all()), set(previous.indicators.all())
        update.added = sorted(indicator.name for indicator in now - before)
        update.removed = sorted(indicator.name for indicator in before - now)
        return update

    @property
    def title(self):
        """ "Iraq — Level 4: Do Not Travel (was Level 3: Reconsider Travel)", an alert's own
        title after it."""
        edition = self.edition
        title = edition.headline + (f" (was {self.was_level})" if self.was_level else "")
        return f"{title} — {edition.title}" if edition.is_alert else title


def alert_message(subscription, update):
    """One edition's alert; `update` is its Update, told once for all its subscribers."""
    return message(subscription, update.title, "alert", {"update": update})


def digest_message(subscription, editions):
    """One message of the day's `editions` (at least one), oldest first."""
    updates = [Update.of(edition) for edition in editions]
    countries = list(dict.fromkeys(update.edition.country.name for update in updates))
    named = ", ".join(countries[:3]) + (f" and {len(countries) - 3} more" if countries[3:] else "")
    count = f"{len(updates)} update" + ("s" if len(updates) > 1 else "")
    subject = f"Daily digest: {count} — {named}"
    return message(subscription, subject, "digest", {"updates": updates})
