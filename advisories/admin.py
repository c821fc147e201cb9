from django.contrib import admin
from django.forms.formsets import INITIAL_FORM_COUNT, TOTAL_FORM_COUNT
from django.forms.models import BaseInlineFormSet
from django.utils.html import format_html

from advisories.models import Advisory, Location, RegionalLevel, RiskIndicator
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


class RegionalLevelFormSet(BaseInlineFormSet):
    """A form posted without the regional levels' part (a script's, or one made before they
    were added) leaves them as they are, instead of being refused as incomplete."""

    def __init__(self, data=None, *args, prefix=None, **kwargs):
        total = f"{prefix or self.get_default_prefix()}-{TOTAL_FORM_COUNT}"
        if data is not None and total not in data:
            data = data.copy()
            data[total] = data[total.replace(TOTAL_FORM_COUNT, INITIAL_FORM_COUNT)] = 0
        super().__init__(data, *args, prefix=prefix, **kwargs)


class RegionalLevelInline(admin.TabularInline):
    """The parts of the advisory's country with a level of their own. Like the advisory, a
    published (or archived) one's are read-only without the publish permission: they change in
    a new draft edition, which carries them over."""

    model = RegionalLevel
    formset = RegionalLevelFormSet
    extra = 0
    fields = ["place", "level", "description"]
    autocomplete_fields = ["place"]
    verbose_name = "regional level"
    verbose_name_plural = "Regional levels: parts of the country with a level of their own"

    def may_change(self, request, obj):
        return (
            obj is None
            or obj.status == Status.DRAFT
            or request.user.has_perm(AdvisoryAdmin.publish_permission)
        )

    def has_add_permission(self, request, obj=None):
        return self.may_change(request, obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self.may_change(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.may_change(request, obj) and super().has_delete_permission(request, obj)


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
    inlines = [RegionalLevelInline]
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
