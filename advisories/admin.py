from django.contrib import admin
from django.utils.html import format_html

from advisories.models import Advisory, Location, RiskIndicator
from publishing.admin import PublishingAdmin, VersionsAdmin
from publishing.models import Status


@admin.register(Location)
class LocationAdmin(VersionsAdmin):
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
        ("Text", {"fields": ["summary", "body", "change_note", "minor_change"]}),
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
            '<span class="level-badge level-{}">{}</span>', obj.level, obj.get_level_display()
        )

    @admin.action(description="Archive selected", permissions=["publish"])
    def archive(self, request, queryset):
        self._set_status(request, queryset, Status.ARCHIVED)

    class Media:
        css = {"all": ["css/admin.css"]}
