from django.core.management.base import BaseCommand

from alerts.models import Delivery, Subscription
from alerts.tasks import send_digest


class Command(BaseCommand):
    help = (
        "Send each daily-digest subscriber one message of the editions published for it since "
        "its last digest. Run it once a day; a digest the mail server does not take now is "
        "tried again later by the worker."
    )

    def handle(self, *args, **options):
        daily = Delivery.objects.to_send().filter(
            subscription__frequency=Subscription.Frequency.DAILY
        )
        subscriptions = daily.order_by().values_list("subscription", flat=True).distinct()
        outcomes = [send_digest.call(pk) for pk in subscriptions]
        self.stdout.write(
            f"Digests: {outcomes.count('sent')} sent, {outcomes.count('retrying')} to try again "
            f"later, {outcomes.count('failed')} given up."
        )
