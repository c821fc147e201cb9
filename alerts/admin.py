"""Subscriptions and deliveries, for staff to look at: read-only, since only a subscriber
changes a subscription (through the links in its mail). The addresses are shown here and
nowhere else."""

from django.contrib import admin

from alerts.models import Delivery, Subscription


class ReadOnly:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class DeliveryInline(ReadOnly, admin.TabularInline):
    model = Delivery
    fields = ["advisory", "status", "attempts", "sent_at", "reason"]
    extra = 0


@admin.register(Subscription)
class SubscriptionAdmin(ReadOnly, admin.ModelAdmin):
    # The filter as stored: in words (`what`) it costs queries, so only on a subscription's page.
    list_display = ["email", "query", "frequency", "created_at", "confirmed_at", "unsubscribed_at"]
    list_filter = [
        "frequency",
        ("confirmed_at", admin.EmptyFieldListFilter),
        ("unsubscribed_at", admin.EmptyFieldListFilter),
    ]
    search_fields = ["email"]
    date_hierarchy = "created_at"
    fields = [
        *("email", "what", "query", "frequency"),
        *("created_at", "confirmed_at", "unsubscribed_at"),
    ]
    inlines = [DeliveryInline]

    @admin.display(description="follows")
    def what(self, subscription):
        return subscription.what


@admin.register(Delivery)
class DeliveryAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["advisory", "email", "status", "attempts", "created_at", "sent_at", "reason"]
    list_filter = ["status"]
    list_select_related = ["subscription", "advisory"]
    search_fields = ["subscription__email", "advisory__title"]

    @admin.display(description="email", ordering="subscription__email")
    def email(self, delivery):
        return delivery.subscription.email
