from django.contrib import admin, messages
from django.db import models
from django.utils.html import format_html

from advisories.models import Advisory, Location, PublishStatus, RiskIndicator


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
        self._set_status(request, queryset, PublishStatus.PUBLISHED)

    @admin.action(description="Return selected to draft", permissions=["publish"])
    def return_to_draft(self, request, queryset):
        self._set_status(request, queryset, PublishStatus.DRAFT)


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "iso_code"]
    list_filter = ["kind", ("parent", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "iso_code", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]


@admin.register(RiskIndicator)
class RiskIndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "description"]
    search_fields = ["name", "code"]

    # The set is fixed by the State Department's scheme and seeded by a migration.
    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RegionFilter(admin.SimpleListFilter):
    title = "region"
    parameter_name = "region"

    def lookups(self, request, model_admin):
        return [(region.slug, region.name) for region in Location.objects.regions()]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(country__parent__slug=self.value())
        return queryset


@admin.register(Advisory)
class AdvisoryAdmin(PublishingAdmin):
    publish_permission = "advisories.publish_advisory"
    actions = [*PublishingAdmin.actions, "archive"]
    list_display = ["title", "level_badge", "country", "kind", "status", "issued_at", "source"]
    list_filter = ["status", "level", "kind", "indicators", RegionFilter, "source", "issuer"]
    list_select_related = ["country"]
    search_fields = ["title", "summary", "country__name", "issuer"]
    date_hierarchy = "issued_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["country", "places"]
    filter_horizontal = ["indicators"]
    readonly_fields = [
        "source",
        "source_id",
        "created_at",
        "updated_at",
        "created_by",
        "updated_by",
    ]
    fieldsets = [
        (None, {"fields": ["title", "slug", "country", "kind", "level", "indicators", "status"]}),
        ("Text", {"fields": ["summary", "body", "change_note"]}),
        ("Where", {"fields": ["places"]}),
        (
            "Source",
            {"fields": ["issuer", "issued_at", "expires_at", "source_url", "source", "source_id"]},
        ),
        (
            "History",
            {
                "classes": ["collapse"],
                "fields": ["created_at", "created_by", "updated_at", "updated_by"],
            },
        ),
    ]

    @admin.display(description="level", ordering="level")
    def level_badge(self, obj):
        return format_html(
            '<span class="level-badge level-{}">Level {}: {}</span>',
            obj.level,
            obj.level,
            obj.get_level_display(),
        )

    @admin.action(description="Archive selected", permissions=["publish"])
    def archive(self, request, queryset):
        self._set_status(request, queryset, PublishStatus.ARCHIVED)

    class Media:
        css = {"all": ["css/admin.css"]}
