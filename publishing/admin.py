"""The admin every publishable model shares: editors write drafts, publishers publish.

A published (or archived) row is read-only to staff without the model's publish permission: they
change it through "Draft an update", a new draft edition that a publisher then publishes. Every
change form carries the version it was loaded at, and a save over a newer one is refused, with
what was typed kept. Publishing, unpublishing, archiving and drafting an update are logged.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime

from publishing.models import Status, unique_slug


class PublishingForm(forms.ModelForm):
    """A change form that refuses to save over a save made since it was loaded, and makes a slug
    unique instead of refusing it."""

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["loaded_version"].initial = self.instance.version

    def clean_slug(self):
        slug, model = self.cleaned_data["slug"], type(self.instance)
        taken = model.objects.filter(slug=slug).exclude(pk=self.instance.pk).exists()
        return unique_slug(model, slug) if taken else slug

    def clean(self):
        cleaned = super().clean()
        loaded = cleaned.get("loaded_version")
        if self.instance.pk is None or loaded is None:
            return cleaned
        # Locked until this request's transaction ends: no other save can slip in between.
        saved = type(self.instance).objects.select_for_update().get(pk=self.instance.pk)
        if saved.version != loaded:
            # The next save, made knowing what the other one changed, goes through.
            self.data = self.data.copy()
            self.data["loaded_version"] = saved.version
            raise ValidationError(self.conflict_message(saved))
        return cleaned

    def conflict_message(self, saved):
        who = saved.updated_by or "an import"
        when = date_format(localtime(saved.updated_at), "j F Y, H:i")
        differing = [
            str(self.fields[name].label or name)
            for name in self.changed_data
            if name != "loaded_version"
        ]
        return (
            f"Not saved: {who} saved this {saved._meta.verbose_name} at {when}, after you opened "
            "it. What you typed is still below. Where the saved version now differs from yours: "
            f"{', '.join(differing) or 'nothing'}. Open this page in another tab to see it, then "
            "save again to keep yours."
        )


class PublishingAdmin(admin.ModelAdmin):
    """Editors write drafts; only holders of the model's publish permission change status or a
    published row. Subclasses set `publish_permission` ("app_label.codename")."""

    publish_permission = None
    form = PublishingForm
    actions = ["publish", "return_to_draft"]
    # Links typed without a scheme are taken as https (Django 6's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_publish_permission(self, request):
        return request.user.has_perm(self.publish_permission)

    def has_change_permission(self, request, obj=None):
        if (
            obj is not None
            and obj.status != Status.DRAFT
            and not self.has_publish_permission(request)
        ):
            return False  # a published row changes through a new draft edition
        return super().has_change_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            readonly.append("status")
        return readonly

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not self.has_change_permission(request, obj):
            return fieldsets  # nothing to save, so no version to check
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": [*options["fields"], "loaded_version"]}), *rest]

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_draft_update"
        view = self.admin_site.admin_view(self.draft_update_view)
        return [path("<path:object_id>/draft-update/", view, name=name), *super().get_urls()]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None and obj.status == Status.PUBLISHED:
            name = f"admin:{self.opts.app_label}_{self.opts.model_name}_draft_update"
            extra_context = {
                **(extra_context or {}),
                "draft_update_url": reverse(name, args=[obj.pk]),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def draft_update_view(self, request, object_id):
        """POST: a new draft edition of a published row, and its change page."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = self.get_object(request, object_id)
        if obj is None:
            raise Http404
        if obj.status != Status.PUBLISHED or not super().has_change_permission(request):
            raise PermissionDenied
        draft = obj.open_update()
        if draft is None:
            draft = obj.draft_update(request.user)
            self.log_addition(request, draft, f"Drafted as an update of “{obj}” (#{obj.pk}).")
            message = (
                "A new draft of the published edition: it stays as it is until this is published."
            )
            self.message_user(request, message, messages.SUCCESS)
        return redirect(
            reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[draft.pk])
        )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
        if change and "status" in form.changed_data:
            self.status_changed(request, obj)

    def status_changed(self, request, obj):
        """Log the new status; a published edition retires the one it was drafted from."""
        if obj.status == Status.PUBLISHED:
            obj.retire_previous_edition(request.user)
        self.log_change(request, obj, f"Status: {obj.get_status_display()}.")

    def _set_status(self, request, queryset, status):
        # Save one by one so that save() and auto_now fields run; there are few at a time.
        for obj in queryset:
            obj.status = status
            obj.updated_by = request.user
            obj.save()
            self.status_changed(request, obj)
        self.message_user(request, f"{len(queryset)} marked as {status}.", messages.SUCCESS)

    @admin.action(description="Publish selected", permissions=["publish"])
    def publish(self, request, queryset):
        self._set_status(request, queryset, Status.PUBLISHED)

    @admin.action(description="Return selected to draft", permissions=["publish"])
    def return_to_draft(self, request, queryset):
        self._set_status(request, queryset, Status.DRAFT)
