from django.contrib import admin

from articles.models import Article, Person
from publishing.admin import PublishingAdmin

AUDIT = (
    "History",
    {"classes": ["collapse"], "fields": ["created_at", "created_by", "updated_at", "updated_by"]},
)


@admin.register(Person)
class PersonAdmin(PublishingAdmin):
    publish_permission = "articles.publish_person"
    list_display = ["name", "role", "organization", "country", "status"]
    list_filter = ["status"]
    list_select_related = ["country"]
    search_fields = ["name", "role", "organization"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["country"]
    readonly_fields = ["created_at", "updated_at", "created_by", "updated_by"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "role", "organization", "country", "status"]}),
        ("Text", {"fields": ["bio", "change_note", "minor_change"]}),
        AUDIT,
    ]


@admin.register(Article)
class ArticleAdmin(PublishingAdmin):
    publish_permission = "articles.publish_article"
    list_display = ["title", "outlet", "published_at", "status"]
    list_filter = ["status", "outlet"]
    search_fields = ["title", "summary", "outlet", "byline"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["people", "places", "advisories"]
    readonly_fields = ["created_at", "updated_at", "created_by", "updated_by"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "outlet", "url", "byline", "published_at", "status"]}),
        ("Text", {"fields": ["summary", "body", "change_note", "minor_change"]}),
        ("Who, where, which advisories", {"fields": ["people", "places", "advisories"]}),
        AUDIT,
    ]
