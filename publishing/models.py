"""What every published thing shares: one status, one rule for what the public may see, rich
text rendered once, a search vector, and who wrote it when.

Abstract models only: each app's concrete models (Advisory, Article, Person) inherit them. (The
version tables in this app's migrations are django-simple-history's, declared on those models.)
"""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils import timezone

from publishing import richtext
from publishing.search import SearchableQuerySet
from publishing.signals import edition_published


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
    """A model whose text is stored alike however it was filled (see richtext.stored_text)."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        for field in self._meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField):
                # A version saved by a form and one saved by code (an import, a new edition)
                # then differ only where the words do.
                setattr(self, field.attname, richtext.stored_text(getattr(self, field.attname)))
        super().save(*args, **kwargs)


class Document(CleanText):
    """Text written by staff (or imported): Markdown rendered once, on save, into cleaned HTML
    that templates may trust, and a search vector.

    `rich_text_field` names the Markdown field; its HTML goes in the field of the same name with
    `_html` after it. Remember that QuerySet.update(), bulk_create and loaddata skip save().
    """

    rich_text_field = "body"
    # Derived from the rest (or kept by the database): no version history of their own.
    unversioned_fields = ["search_vector"]

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
        condition = Q(status=Status.PUBLISHED)
        if model.date_field:
            condition &= Q(**{f"{model.date_field}__lte": now})
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
        released = self.filter(status=Status.PUBLISHED)
        if date_field := self.model.date_field:
            released = released.filter(**{f"{date_field}__lte": timezone.now()})
        return released


def unique_slug(model, base, dated=True):
    """`base`, or `base` with a date and then a number after it, whichever no row of `model`
    has yet: "kuwait-travel-advisory", then "kuwait-travel-advisory-2026-11-24", "…-2". A base
    that carries its own date (`dated=False`) takes a number alone: "…-2020-01-03-2"."""
    field = model._meta.get_field("slug")
    base = base[: field.max_length - 14]  # room for "-2026-11-24-99"
    stem = f"{base}-{timezone.now():%Y-%m-%d}" if dated else base
    candidates = [base, *([stem] if dated else []), *(f"{stem}-{n}" for n in range(2, 100))]
    taken = set(model.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    return next(slug for slug in candidates if slug not in taken)


def latest_value(queryset, field):
    """The queryset's latest `field`, as a subquery of one value."""
    return queryset.order_by(f"-{field}").values(field)[:1]


class ContentState(models.Model):
    """One row: a counter raised after every commit that changes content, read with the
    clock's moments by publishing.freshness to name what the public sees."""

    changes = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "content state"

    def __str__(self):
        return f"{self.changes} changes, the last at {self.changed_at:%Y-%m-%d %H:%M:%S}"


class Publishable(Document):
    """A document the public sees only once a publisher has published it.

    Subclasses name `date_field` (when it becomes public; None where publishing is enough, as for
    a person's page) and, if it can lapse, `expiry_field`. The rich text field is theirs to
    declare (see Document).

    Editions: a published row is changed by staff without the publish permission only through a
    new draft made from it (`draft_update`), which links back to it (`previous_edition`); when
    that draft is published, the edition before it is archived, unless it should stay public
    (see `retires_previous_edition`). Every save raises `version`, which the admin uses to refuse
    a form loaded before someone else's save.
    """

    Status = Status
    date_field = "published_at"
    expiry_field = None

    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    previous_edition = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="later_editions",
        help_text="The published edition this one was drafted from.",
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    change_note = models.CharField(
        max_length=500, blank=True, help_text="What changed since the previous version."
    )
    minor_change = models.BooleanField(
        default=False,
        help_text="A typo fixed: no change note needed, and it does not move up in feeds.",
    )

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = staff_member()
    updated_by = staff_member()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            self.version += 1
        super().save(*args, **kwargs)
        self.loaded_status = self.status

    @classmethod
    def from_db(cls, db, field_names, values):
        row = super().from_db(db, field_names, values)
        row.loaded_status = row.__dict__.get("status")
        return row

    def changes_what_the_public_sees(self):
        """Whether saving or deleting this row may change a public page: not while it is a draft
        that was a draft when read (or new), the staff's work in progress."""
        was = getattr(self, "loaded_status", Status.DRAFT)
        return not (self.status == Status.DRAFT and was in (Status.DRAFT, None))

    @property
    def retires_previous_edition(self):
        """Whether publishing this edition archives the one it was drafted from."""
        return True

    def needs_change_note(self):
        """Whether publishing this needs a change note (or a minor change): an update does."""
        return bool(self.previous_edition_id)

    def missing_change_note(self):
        """Whether publishing this would leave readers without a word on what changed."""
        return self.needs_change_note() and not self.minor_change and not self.change_note

    def open_update(self):
        """The draft already made from this edition, if any."""
        return self.later_editions.filter(status=Status.DRAFT).order_by("-pk").first()

    def draft_update(self, user):
        """A new draft edition made from this one: the same fields and relations, a slug of its
        own, written by `user`. Callers look for an `open_update` first."""
        relations = {
            m2m.name: list(getattr(self, m2m.name).all()) for m2m in self._meta.many_to_many
        }
        draft = type(self).objects.get(pk=self.pk)
        draft.pk = draft.id = None
        draft._state.adding = True
        draft.slug = unique_slug(type(self), self.slug)
        draft.status = Status.DRAFT
        draft.previous_edition = self
        draft.version = 1
        draft.created_by = draft.updated_by = user
        draft.change_note, draft.minor_change = "", False
        draft.prepare_update()
        draft.save()
        for name, related in relations.items():
            getattr(draft, name).set(related)
        return draft

    def prepare_update(self):
        """Reset what a new edition must not inherit; subclasses add their own fields."""

    def finish_publishing(self, user):
        """What publishing this edition sets off, once its status is saved: the edition before
        it replaced, and `edition_published` sent. `user` is None for an import."""
        self.replace_previous_edition(user)
        edition_published.send(sender=type(self), edition=self, user=user)

    def replace_previous_edition(self, user):
        """On publishing this edition: a minor change keeps the date of the edition it was made
        from, so it does not move up in lists and feeds; the one before is archived where it
        should go (see `retires_previous_edition`), and what linked to it links here."""
        previous = self.previous_edition
        if previous is None:
            return
        date_field = self.date_field
        if self.minor_change and date_field:
            previous_date = getattr(previous, date_field)
            if getattr(self, date_field) != previous_date:
                setattr(self, date_field, previous_date)
                self.save()
        if self.retires_previous_edition and previous.status == Status.PUBLISHED:
            previous.status = Status.ARCHIVED
            previous.updated_by = user
            previous.save()
            self.take_over_links(previous)

    def take_over_links(self, previous):
        """Link to this edition whatever linked to the one it retires: the articles naming a
        person then name the person's new edition, and those citing an alert its update."""
        for relation in self._meta.related_objects:
            if not relation.many_to_many:
                continue
            through, field = relation.through, relation.field
            ours, theirs = field.m2m_reverse_field_name(), field.m2m_field_name()
            links = through.objects.filter(**{ours: previous})
            # A row linked to both editions keeps one link.
            both = through.objects.filter(**{ours: self}).values(theirs)
            links.filter(**{f"{theirs}__in": both}).delete()
            links.update(**{ours: self})

    @classmethod
    def clock_moments(cls, now):
        """The latest moments, by `now`, at which the clock changed what the public sees of this
        model, each a one-value queryset (see publishing.freshness): a date reached, an expiry
        passed."""
        moments = {}
        if date_field := cls.date_field:
            reached = cls.objects.filter(status=Status.PUBLISHED, **{f"{date_field}__lte": now})
            moments["reached"] = latest_value(reached, date_field)
        if expiry_field := cls.expiry_field:
            expired = cls.objects.filter(**{f"{expiry_field}__lte": now})
            moments["expired"] = latest_value(expired, expiry_field)
        return moments

    def is_public(self):
        return type(self).objects.public().filter(pk=self.pk).exists()

    def latest_edition(self):
        """The newest edition made, edition after edition, from this one, through those since
        archived (a correction of a correction); drafts are not editions yet."""
        edition = self
        while later := edition.later_editions.exclude(status=Status.DRAFT).order_by("-pk").first():
            edition = later
        return edition
