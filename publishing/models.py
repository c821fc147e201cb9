"""What every published thing shares: one status, one rule for what the public may see, rich
text rendered once, a search vector, and who wrote it when.

Abstract models only: each app's concrete models (Advisory, Article, Person) inherit them.
"""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils import timezone

from publishing import richtext
from publishing.search import SearchableQuerySet


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    ARCHIVED = "archived", "Archived"


def staff_member():
    """Who wrote or last changed a row; the row stays when the account goes."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )


class CleanText(models.Model):
    """A model whose text fields never hold a control character, however they were filled."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        for field in self._meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField):
                value = getattr(self, field.attname)
                setattr(self, field.attname, richtext.strip_control_characters(value))
        super().save(*args, **kwargs)


class Document(CleanText):
    """Text written by staff (or imported): Markdown rendered once, on save, into cleaned HTML
    that templates may trust, and a search vector.

    `rich_text_field` names the Markdown field; its HTML goes in the field of the same name with
    `_html` after it. Remember that QuerySet.update(), bulk_create and loaddata skip save().
    """

    rich_text_field = "body"

    # Kept up to date by a database trigger on PostgreSQL; unused on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        markdown = getattr(self, self.rich_text_field)
        setattr(self, f"{self.rich_text_field}_html", richtext.render(markdown))
        super().save(*args, **kwargs)


class PublishableQuerySet(SearchableQuerySet):
    def public_condition(self):
        """What the public may see: published, its date reached, and not expired."""
        model, now = self.model, timezone.now()
        condition = Q(status=Status.PUBLISHED, **{f"{model.date_field}__lte": now})
        if model.expiry_field:
            condition &= Q(**{f"{model.expiry_field}__isnull": True}) | Q(
                **{f"{model.expiry_field}__gt": now}
            )
        return condition

    def public(self):
        return self.filter(self.public_condition())

    def released(self):
        """What the public has seen: published and dated, expired rows included.

        Feeds filter these and list their public ones. Drafts, archived and scheduled rows are
        left out from the start, so that not even the headers of a filtered feed (`?q=` a word
        only a draft holds) tell that they exist.
        """
        return self.filter(
            status=Status.PUBLISHED, **{f"{self.model.date_field}__lte": timezone.now()}
        )


class Publishable(Document):
    """A document the public sees only once a publisher has published it.

    Subclasses name `date_field` (when it becomes public) and, if it can lapse, `expiry_field`.
    """

    Status = Status
    date_field = "published_at"
    expiry_field = None

    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    body = models.TextField(blank=True, help_text="Markdown.")
    body_html = models.TextField(blank=True, editable=False)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = staff_member()
    updated_by = staff_member()

    class Meta:
        abstract = True
