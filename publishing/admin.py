"""The admin every publishable model shares: editors write drafts, publishers publish.

Every saved version is kept (django-simple-history): the History page lists them with what each
changed, compares any two word by word, and restores one as a draft. A published (or archived)
row is read-only to staff without the model's publish permission: they
change it through "Draft an update", a new draft edition that a publisher then publishes. Every
change form carries the version it was loaded at, and a save over a newer one is refused, with
what was typed kept. Publishing, unpublishing, archiving and drafting an update are logged.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime
from simple_history.admin import SimpleHistoryAdmin

from publishing.models import Status, unique_slug
from publishing.richtext import word_diff


def when(moment):
    return date_format(localtime(moment), "j F Y, H:i")


def links_diff(old, new):
    """Two lists of names as HTML: those no longer linked in <del>, newly linked ones in <ins>."""
    parts = [format_html("<del>{}</del>", name) for name in old if name not in new]
    parts += [escape(name) for name in new if name in old]
    parts += [format_html("<ins>{}</ins>", name) for name in new if name not in old]
    return mark_safe(", ".join(parts))


SPACING_ONLY = "Spacing or line breaks only."
NO_CHANGE_NOTE = (
    "Say what changed in this update, for readers and subscribers, or mark it a minor change."
)


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
        publishing = cleaned.get("status", self.instance.status) == Status.PUBLISHED
        said = cleaned.get("change_note") or cleaned.get("minor_change")
        if publishing and self.instance.needs_change_note() and not said:
            self.add_error("change_note", NO_CHANGE_NOTE)
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
        differing = [
            str(self.fields[name].label or name)
            for name in self.changed_data
            if name != "loaded_version"
        ]
        return (
            f"Not saved: {who} saved this {saved._meta.verbose_name} at {when(saved.updated_at)}, "
            "after you opened it. What you typed is still below. Where the saved version now "
            f"differs from yours: {', '.join(differing) or 'nothing'}. Open this page in another "
            "tab to see it, then save again to keep yours."
        )


class VersionsAdmin(SimpleHistoryAdmin):
    """The History page of a model whose versions are kept: each version with what it changed,
    a word-by-word comparison of any two, and "Restore as a draft"."""

    object_history_template = "admin/publishing/version_history.html"
    object_history_list_template = "admin/publishing/version_list.html"
    # Fields a restore leaves as they are: where the row is, and where it came from.
    unrestored_fields = {"slug", "status", "source", "source_id"}

    def url_name(self, view):
        """The admin's name for one of this model's views: "advisories_advisory_change"."""
        return f"{self.opts.app_label}_{self.opts.model_name}_{view}"

    def admin_url(self, view, *args):
        return reverse(f"admin:{self.url_name(view)}", args=args)

    def get_urls(self):
        history = "<path:object_id>/history/<int:history_id>"
        return [
            path(
                f"{history}/compare/",
                self.admin_site.admin_view(self.compare_view),
                name=self.url_name("compare"),
            ),
            path(
                f"{history}/restore/",
                self.admin_site.admin_view(self.restore_view),
                name=self.url_name("restore"),
            ),
            *super().get_urls(),
        ]

    def versioned_fields(self):
        unversioned = getattr(self.model, "unversioned_fields", [])
        return [
            field
            for field in self.model._meta.concrete_fields
            if field.editable and not field.primary_key and field.name not in unversioned
        ]

    def links_at(self, version):
        """{many-to-many field: the rows it linked to} as `version` recorded them; {} for a
        version that recorded no link at all, as those saved before links were versioned did:
        their links are unknown, so they are neither compared nor restored."""
        versioned = self.model.history.model._history_m2m_fields
        recorded = {
            field: list(getattr(version, field.name).values_list(field.m2m_reverse_field_name()))
            for field in self.model._meta.many_to_many
            if field in versioned
        }
        if not any(recorded.values()):
            return {}
        return {
            field: field.related_model.objects.filter(pk__in=[pk for (pk,) in rows])
            for field, rows in recorded.items()
        }

    def version(self, request, object_id, history_id):
        obj = self.get_object(request, object_id)
        if obj is None or not self.has_view_permission(request, obj):
            raise Http404
        return obj, get_object_or_404(obj.history, history_id=history_id)

    def compare_view(self, request, object_id, history_id):
        """One version against another (`?with=<id>`) or against the one saved now."""
        obj, version = self.version(request, object_id, history_id)
        other = obj.history.filter(history_id=request.GET.get("with") or 0).first()
        later = other or obj.history.first()
        changes = []
        for field in self.versioned_fields():
            old, new = (str(getattr(record, field.attname) or "") for record in (version, later))
            if old != new:
                diff = word_diff(old, new) if old.split() != new.split() else SPACING_ONLY
                changes.append({"field": field.verbose_name, "diff": diff})
        old_links, new_links = self.links_at(version), self.links_at(later)
        for field in [field for field in old_links if field in new_links]:
            old, new = (sorted(map(str, links[field])) for links in (old_links, new_links))
            if old != new:
                changes.append({"field": field.verbose_name, "diff": links_diff(old, new)})
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "object": obj,
            "title": f"{obj}: changes from {when(version.history_date)} "
            f"to {when(later.history_date)}",
            "changes": changes,
            "versions": obj.history.all()[:50],
            "version": version,
            "later": later,
        }
        return TemplateResponse(request, "admin/publishing/compare.html", context)

    def restore_view(self, request, object_id, history_id):
        """POST: the version's text, settings and links into a draft (this one, a new edition of a
        published one, or the row itself where it has no status), then that draft's page."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj, version = self.version(request, object_id, history_id)
        target = self.restore_target(request, obj)
        for field in self.versioned_fields():
            if field.name not in self.unrestored_fields:
                setattr(target, field.attname, getattr(version, field.attname))
        reason = f"Restored the version of {when(version.history_date)}."
        target._change_reason = reason
        if hasattr(target, "updated_by"):
            target.updated_by = request.user
        target.save()
        for field, rows in self.links_at(version).items():
            getattr(target, field.name).set(rows)
        self.log_change(request, target, reason)
        self.message_user(request, f"{reason} Check it, then save.", messages.SUCCESS)
        return redirect(self.admin_url("change", target.pk))

    def may_restore(self, request, obj):
        """Whether this user may restore a version of `obj`: whether they may change it."""
        return self.has_change_permission(request, obj)

    def restore_target(self, request, obj):
        """The row a restore writes to: the row itself."""
        if not self.may_restore(request, obj):
            raise PermissionDenied
        return obj

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        may_restore = obj is not None and self.may_restore(request, obj)
        extra_context = {**(extra_context or {}), "may_restore": may_restore}
        return super().history_view(request, object_id, extra_context)


class PublishingAdmin(VersionsAdmin):
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

    def may_restore(self, request, obj):
        # A published row is restored into a new draft, which anyone who drafts may make.
        if obj.status == Status.DRAFT:
            return super().may_restore(request, obj)
        return super().has_change_permission(request)

    def restore_target(self, request, obj):
        """A draft is restored in place; a published row into a new draft edition of it."""
        obj = super().restore_target(request, obj)
        if obj.status == Status.DRAFT:
            return obj
        return obj.open_update() or obj.draft_update(request.user)

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
        view = self.admin_site.admin_view(self.draft_update_view)
        route = path("<path:object_id>/draft-update/", view, name=self.url_name("draft_update"))
        return [route, *super().get_urls()]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None and obj.status == Status.PUBLISHED:
            draft_update_url = self.admin_url("draft_update", obj.pk)
            extra_context = {**(extra_context or {}), "draft_update_url": draft_update_url}
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
        return redirect(self.admin_url("change", draft.pk))

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
        if "status" in form.changed_data:  # an addition published at once too
            self.status_changed(request, obj)

    def status_changed(self, request, obj):
        """Log the new status, and finish publishing a published edition."""
        if obj.status == Status.PUBLISHED:
            obj.finish_publishing(request.user)
        self.log_change(request, obj, f"Status: {obj.get_status_display()}.")

    def _set_status(self, request, queryset, status):
        # Save one by one so that save() and auto_now fields run; there are few at a time.
        if status == Status.PUBLISHED and (
            unsaid := [o for o in queryset if o.missing_change_note()]
        ):
            names = ", ".join(f"“{obj}”" for obj in unsaid)
            self.message_user(request, f"Not published: {names}. {NO_CHANGE_NOTE}", messages.ERROR)
            queryset = [obj for obj in queryset if obj not in unsaid]
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
