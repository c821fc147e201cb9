"""The admin every publishable model shares: editors write drafts, publishers publish."""

from django.contrib import admin, messages
from django.db import models

from publishing.models import Status


class PublishingAdmin(admin.ModelAdmin):
    """Editors write drafts; only holders of the model's publish permission change status.

    Subclasses set `publish_permission` ("app_label.codename"). The status field is read-only
    for everyone else, and the publish actions are offered only to those who hold it.
    """

    publish_permission = None
    actions = ["publish", "return_to_draft"]
    # Links typed without a scheme are taken as https (Django 6's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_publish_permission(self, request):
        return request.user.has_perm(self.publish_permission)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            readonly.append("status")
        return readonly

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    def _set_status(self, request, queryset, status):
        # Save one by one so that save() and auto_now fields run; there are few at a time.
        for obj in queryset:
            obj.status = status
            obj.updated_by = request.user
            obj.save()
        self.message_user(request, f"{len(queryset)} marked as {status}.", messages.SUCCESS)

    @admin.action(description="Publish selected", permissions=["publish"])
    def publish(self, request, queryset):
        self._set_status(request, queryset, Status.PUBLISHED)

    @admin.action(description="Return selected to draft", permissions=["publish"])
    def return_to_draft(self, request, queryset):
        self._set_status(request, queryset, Status.DRAFT)
