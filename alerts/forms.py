from django import forms

from alerts.models import Subscription, read_filter


class SubscribeForm(forms.Form):
    """An address, how often, and the advisory list's filter it follows (carried from the page
    the reader came from, in the form read_filter stores)."""

    email = forms.EmailField(
        label="Your email address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": "Enter the email address the alerts should go to.",
            "invalid": "This is not an email address: it should look like name@example.org.",
        },
    )
    frequency = forms.ChoiceField(
        label="How often",
        choices=Subscription.Frequency.choices,
        initial=Subscription.Frequency.IMMEDIATELY,
        widget=forms.RadioSelect,
    )
    query = forms.CharField(
        label="Filter", required=False, max_length=1000, widget=forms.HiddenInput
    )

    def clean_email(self):
        # One subscription per address whatever its capitals, which no real mailbox tells apart.
        return self.cleaned_data["email"].lower()

    def clean_query(self):
        return read_filter(self.cleaned_data["query"])

    def save(self):
        """The live subscription of this address to this filter: the one asked for before (its
        frequency changed, while it is unconfirmed) or a new one."""
        data = self.cleaned_data
        subscription, created = Subscription.objects.get_or_create(
            email=data["email"],
            query=data["query"],
            unsubscribed_at=None,
            defaults={"frequency": data["frequency"]},
        )
        if not created and not subscription.confirmed_at:
            subscription.frequency = data["frequency"]
            subscription.save(update_fields=["frequency"])
        return subscription
