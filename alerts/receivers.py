"""What publishing sets off in alerts: publishing/ sends `edition_published` without knowing
this app."""

from functools import partial

from django.db import transaction
from django.dispatch import receiver

from advisories.models import Advisory
from alerts.tasks import send_alerts
from publishing.signals import edition_published


@receiver(edition_published, sender=Advisory)
def alert_followers(sender, edition, user, **kwargs):
    """Once the publishing transaction has committed, one task mails the edition to those who
    follow it. A minor change (a typo fixed) is news to no one."""
    if edition.minor_change:
        return
    # Robust: a queue that fails must not undo or hide a publish that has happened.
    transaction.on_commit(partial(send_alerts.enqueue, edition.pk), robust=True)
