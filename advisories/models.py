import re
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import Case, Min, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import MD5, Coalesce, Upper
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from publishing.models import CleanText, Publishable, PublishableQuerySet, latest_value
from publishing.search import clean_text

# Before any advisory: where a history without a change of level starts.
NEVER = datetime(1900, 1, 1, tzinfo=UTC)


class LocationQuerySet(models.QuerySet):
    def regions(self):
        return self.filter(kind=Location.Kind.REGION)

    def countries(self):
        return self.filter(kind=Location.Kind.COUNTRY)

    def below_country(self):
        return self.exclude(kind__in=[Location.Kind.REGION, Location.Kind.COUNTRY])

    def search(self, text):
        """Places by name: names are short and the table small, so a substring match will do."""
        text = clean_text(text)
        return self.filter(name__icontains=text) if text else self.none()

    # Whose level `with_current_level` gives, besides an Advisory.Source value (one issuer's).
    HEADLINE = "headline"
    HIGHEST = "highest"

    def with_current_level(self, by=HEADLINE):
        """Annotate `current_level`: each country's level from each issuer's latest public
        travel advisory (found once for all), as `by` chooses among them: HEADLINE (the
        default), as `current_for` chooses; HIGHEST, the highest any issuer gives; or an
        Advisory.Source value, that issuer's level (None where it has none)."""
        latest = Advisory.objects.latest_travel(by="source").values("pk")
        if by == self.HEADLINE:
            current = Advisory.objects.current_for(OuterRef("pk")).filter(pk__in=latest)
            return self.annotate(current_level=Subquery(current.values("level")[:1]))
        readings = Advisory.objects.filter(pk__in=latest, country=OuterRef("pk")).order_by()
        if by == self.HIGHEST:
            highest = readings.values("country").annotate(highest=models.Max("level"))
            return self.annotate(current_level=Subquery(highest.values("highest")))
        if by in Advisory.Source.values:
            current = readings.filter(source=by).values("level")[:1]
            return self.annotate(current_level=Subquery(current))
        raise ValueError(f"No issuer {by!r}: {self.HEADLINE!r}, {self.HIGHEST!r} or a source.")


# What Location's constraints mean, in the words the admin shows.
ISO_CODE_ONLY_FOR_COUNTRIES = "A country needs its two-letter ISO code; no other place has one."
LATITUDE_RANGE = "Latitude runs from -90 (south) to 90 (north)."
LONGITUDE_RANGE = "Longitude runs from -180 (west) to 180 (east)."


def beyond(coordinate, limit):
    return coordinate is not None and abs(coordinate) > limit


class Location(CleanText):
    """A place on the map: a world region, a country, or a place inside a country."""

    class Kind(models.TextChoices):
        """From the largest to the smallest; only countries have an ISO code. A kind without a
        label is named after itself ("City")."""

        REGION = "region", "World region"
        COUNTRY = "country"
        SUBDIVISION = "subdivision", "Province or state"
        CITY = "city"
        SITE = "site"

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    iso_code = models.CharField(
        "ISO code",
        max_length=2,
        unique=True,
        null=True,
        blank=True,
        help_text="ISO 3166-1 alpha-2 code, for countries only.",
    )
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)

    objects = LocationQuerySet.as_manager()
    history = HistoricalRecords(app="publishing")

    class Meta:
        ordering = ["name"]
        indexes = [
            # Country lists by region and places inside a country: parent + kind.
            models.Index(fields=["parent", "kind"], name="location_parent_kind_idx"),
            models.Index(fields=["kind", "name"], name="location_kind_name_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="country", iso_code__isnull=False)
                | (~Q(kind="country") & Q(iso_code__isnull=True)),
                name="location_iso_code_only_for_countries",
                violation_error_message=ISO_CODE_ONLY_FOR_COUNTRIES,
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="location_latitude_range",
                violation_error_message=LATITUDE_RANGE,
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="location_longitude_range",
                violation_error_message=LONGITUDE_RANGE,
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self.iso_code:
            self.iso_code = self.iso_code.upper()
        super().save(*args, **kwargs)

    def clean(self):
        # Checked as it will be saved, so that "iq" is found taken by Iraq's "IQ".
        self.iso_code = self.iso_code.upper() if self.iso_code else None
        # In plain words, on the field concerned: full_clean then skips the constraints on those
        # fields, whose messages cannot say which of their rules was broken.
        errors = {
            "iso_code": self.iso_code_error(),
            "latitude": LATITUDE_RANGE if beyond(self.latitude, 90) else None,
            "longitude": LONGITUDE_RANGE if beyond(self.longitude, 180) else None,
        }
        errors = {field: message for field, message in errors.items() if message}
        if errors:
            raise ValidationError(errors)

    def iso_code_error(self):
        """What is wrong with the ISO code for this kind of place, in plain words, or None."""
        if self.kind == self.Kind.COUNTRY and not self.iso_code:
            return "A country needs its two-letter ISO code, e.g. IQ."
        if self.kind == self.Kind.COUNTRY and not re.fullmatch("[A-Z]{2}", self.iso_code):
            return "An ISO code is two letters, e.g. IQ."
        if self.kind and self.kind != self.Kind.COUNTRY and self.iso_code:
            kind = self.get_kind_display().lower()
            return f"Only countries have an ISO code; leave it empty for a {kind}."
        return None

    def get_absolute_url(self):
        # The pages of places show articles too, so the front app serves them.
        if self.kind == self.Kind.COUNTRY:
            return reverse("front:country", args=[self.iso_code.lower()])
        if self.kind == self.Kind.REGION:
            return reverse("front:country-list") + f"#{self.slug}"
        return reverse("front:place", args=[self.slug])

    @property
    def country(self):
        """The country this place lies in (itself for a country, None for a region)."""
        place = self
        while place is not None and place.kind != self.Kind.COUNTRY:
            if place.kind == self.Kind.REGION:
                return None
            place = place.parent
        return place

    @property
    def current_level_label(self):
        """ "Level 4: Do Not Travel" for the annotated `current_level` (see `with_current_level`),
        or "" without one."""
        level = getattr(self, "current_level", None)
        return Advisory.Level(level).label if level else ""

    def current_advisory(self):
        """The country's latest public, unexpired travel advisory, or None."""
        return Advisory.objects.current_for(self).first()


class RiskIndicator(CleanText):
    """A reason for a level, as the State Department marks them (C, T, U, H, N, E, K, D, O)."""

    code = models.CharField(max_length=1, unique=True)
    name = models.CharField(max_length=100)
    description = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("advisories:list") + f"?indicator={self.code}"


class AdvisoryQuerySet(PublishableQuerySet):
    # The same fields, with weights, as the trigger in migrations/0003_search_trigger.py.
    search_fields = ("title", "country__name", "summary", "issuer", "body")
    snippet_fields = ("summary", "body")
    plain_snippet_field = "summary"

    def for_country(self, country):
        return self.filter(country=country)

    def travel_advisories(self):
        return self.filter(kind=Advisory.Kind.TRAVEL_ADVISORY)

    def alerts(self):
        return self.exclude(kind=Advisory.Kind.TRAVEL_ADVISORY)

    def current_for(self, country):
        """The country's public travel advisories, the headline issuer's first (the first of
        settings.HEADLINE_ISSUERS that has one), then latest first: the first sets its level,
        whichever source was imported last."""
        preference = settings.HEADLINE_ISSUERS
        rank = Case(
            *(When(source=source, then=Value(n)) for n, source in enumerate(preference)),
            default=Value(len(preference)),
        )
        advisories = self.public().travel_advisories().filter(country=country)
        return advisories.order_by(rank, "-issued_at", "-pk")

    def latest_travel(self, by="issuer"):
        """Each country's latest public travel advisory from each `by` ("issuer", or "source"
        for the comparison of governments): what is current for that issuer.

        On PostgreSQL, DISTINCT ON walks a partial index in its order (a few milliseconds for
        100,000 advisories); elsewhere a lookup per row does, which small databases afford."""
        travel = self.model.objects.public().travel_advisories()
        if connection.features.can_distinct_on_fields:
            # country_id: "country" would order by the country's name.
            ordered = travel.order_by("country_id", by, "-issued_at", "-pk")
            return ordered.distinct("country_id", by)
        same = {"country": OuterRef("country"), by: OuterRef(by)}
        latest = travel.filter(**same).order_by("-issued_at", "-pk").values("pk")[:1]
        return travel.filter(pk=Subquery(latest)).order_by()  # callers order what they need

    def current(self):
        """Each country's current travel advisory, and nothing else."""
        latest = self.model.objects.current_for(OuterRef("country")).values("pk")[:1]
        return self.public().travel_advisories().filter(pk=Subquery(latest))

    @staticmethod
    def lapsed():
        """Q: an alert without an expiry, issued more than ALERT_ACTIVE_DAYS ago: listed as past,
        never as active (the same rule as `Advisory.is_past_alert`, for rows in Python)."""
        since = timezone.now() - timedelta(days=settings.ALERT_ACTIVE_DAYS)
        alert = ~Q(kind=Advisory.Kind.TRAVEL_ADVISORY)
        return alert & Q(expires_at__isnull=True, issued_at__lte=since)

    def active_alerts(self):
        """Public alerts that have not lapsed (see `lapsed`), said so that indexes find them:
        with an expiry still ahead, or issued within ALERT_ACTIVE_DAYS."""
        now = timezone.now()
        since = now - timedelta(days=settings.ALERT_ACTIVE_DAYS)
        return self.public().alerts().filter(Q(expires_at__gt=now) | Q(issued_at__gt=since))

    def current_advice(self, include_superseded=False):
        """Annotated `with_superseded_at`, and without superseded travel advisories and past
        alerts unless `include_superseded`: what lists, feeds and search show by default."""
        annotated = self.with_superseded_at()
        if include_superseded:
            return annotated
        # Each issuer's latest and the active alerts, each found by its own index, rather than
        # a test of every row.
        latest = self.model.objects.latest_travel().values("pk")
        active = self.model.objects.active_alerts().order_by().values("pk")
        return annotated.filter(pk__in=latest.union(active))

    def level_since(self, current):
        """When `current`'s level began: the first of these advisories at its level after the
        last one at another level, in one query however long the history."""
        changed = (
            self.exclude(level=current.level)
            .filter(issued_at__lt=current.issued_at)
            .order_by("-issued_at")
            .values("issued_at")[:1]
        )
        since = Coalesce(Subquery(changed), Value(NEVER))
        run = self.filter(level=current.level, issued_at__lte=current.issued_at)
        return run.filter(issued_at__gt=since).aggregate(since=Min("issued_at"))["since"]

    def with_superseded_at(self):
        """Annotate `superseded_at`: when the issuer's next public travel advisory for the same
        country was issued; None for the current one and for alerts."""
        later = (
            self.model.objects.public()
            .travel_advisories()
            .filter(
                country=OuterRef("country"),
                issuer=OuterRef("issuer"),
                issued_at__gt=OuterRef("issued_at"),
            )
            .order_by("issued_at")
            .values("issued_at")[:1]
        )
        travel = Q(kind=Advisory.Kind.TRAVEL_ADVISORY)
        return self.annotate(superseded_at=Case(When(travel, then=Subquery(later))))


class Advisory(Publishable):
    """A travel advisory or an alert issued for one country."""

    class Kind(models.TextChoices):
        TRAVEL_ADVISORY = "travel-advisory", "Travel advisory"
        SECURITY_ALERT = "security-alert", "Security alert"
        HEALTH_ALERT = "health-alert", "Health alert"
        DEMONSTRATION_ALERT = "demonstration-alert", "Demonstration alert"
        WEATHER_ALERT = "weather-alert", "Weather alert"

    class Level(models.IntegerChoices):
        """The only place the levels are named; a level is always written with its number."""

        NORMAL_PRECAUTIONS = 1, "Level 1: Exercise Normal Precautions"
        INCREASED_CAUTION = 2, "Level 2: Exercise Increased Caution"
        RECONSIDER_TRAVEL = 3, "Level 3: Reconsider Travel"
        DO_NOT_TRAVEL = 4, "Level 4: Do Not Travel"

    class Source(models.TextChoices):
        STAFF = "staff", "Entered by staff"
        STATE_DEPT = "state-dept", "U.S. State Department feed"
        GOVUK = "govuk", "GOV.UK travel advice"
        CANADA = "canada", "Global Affairs Canada open data"
        SMARTRAVELLER = "smartraveller", "Australia's Smartraveller export"

    date_field = "issued_at"
    expiry_field = "expires_at"

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=300, unique=True)
    country = models.ForeignKey(
        Location,
        on_delete=models.PROTECT,
        related_name="advisories",
        limit_choices_to={"kind": Location.Kind.COUNTRY},
    )
    places = models.ManyToManyField(
        Location,
        blank=True,
        related_name="named_in_advisories",
        help_text="Places inside the country that the advisory names.",
    )
    kind = models.CharField(max_length=30, choices=Kind.choices, default=Kind.TRAVEL_ADVISORY)
    level = models.PositiveSmallIntegerField(choices=Level.choices)
    indicators = models.ManyToManyField(RiskIndicator, blank=True, related_name="advisories")
    issuer = models.CharField(max_length=200, help_text="For example: U.S. Department of State.")
    summary = models.TextField(help_text="Plain text, a few sentences.")
    body = models.TextField(blank=True, help_text="Markdown.")
    body_html = models.TextField(blank=True, editable=False)
    source_url = models.URLField("source link", max_length=500, blank=True)
    issued_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(null=True, blank=True)

    # Provenance, set by the importers; staff entries keep the defaults.
    source = models.CharField(
        "imported from", max_length=20, choices=Source.choices, default=Source.STAFF
    )
    source_id = models.CharField(max_length=300, blank=True, help_text="The source's own id.")
    source_data = models.JSONField(default=dict, blank=True, editable=False)

    objects = AdvisoryQuerySet.as_manager()
    history = HistoricalRecords(
        app="publishing",
        excluded_fields=Publishable.unversioned_fields,
        m2m_fields=[indicators, places],
    )

    class Meta:
        verbose_name_plural = "advisories"
        ordering = ["-issued_at", "-pk"]
        permissions = [("publish_advisory", "Can publish, archive and unpublish advisories")]
        indexes = [
            # Public lists and feeds: status filter, newest first.
            models.Index(fields=["status", "-issued_at"], name="advisory_status_issued_idx"),
            # Current level of a country: its latest public travel advisory.
            models.Index(
                fields=["country", "kind", "status", "-issued_at"], name="advisory_current_idx"
            ),
            # Each issuer's (and each source's) latest travel advisory for a country, found by
            # DISTINCT ON in this index's order, without reading the table (latest_travel).
            *(
                models.Index(
                    # expires_at and level last, read from the index without the table.
                    fields=["country", by, "-issued_at", "-id", "expires_at", "level"],
                    condition=Q(kind="travel-advisory", status="published"),
                    name=f"advisory_latest_by_{by}_idx",
                )
                for by in ("issuer", "source")
            ),
            models.Index(fields=["level"], name="advisory_level_idx"),
            models.Index(fields=["kind"], name="advisory_kind_idx"),
            # The issuer filter matches case-insensitively: UPPER(issuer) = UPPER(%s).
            models.Index(Upper("issuer"), name="advisory_issuer_upper_idx"),
            models.Index(fields=["expires_at"], name="advisory_expires_idx"),
            models.Index(fields=["source", "source_id"], name="advisory_source_idx"),
            GinIndex(fields=["search_vector"], name="advisory_search_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(level__gte=1, level__lte=4), name="advisory_level_1_to_4"
            ),
            models.CheckConstraint(
                condition=Q(expires_at__isnull=True) | Q(expires_at__gt=models.F("issued_at")),
                name="advisory_expires_after_issued",
            ),
            # One live row per version of a source's item, so overlapping imports cannot
            # duplicate one: every second row the import rules make for an item differs from
            # its last row in the level or an imported field. Text is hashed to fit an index.
            models.UniqueConstraint(
                *("source", "source_id", "country", "level", "issued_at"),
                *(MD5(name) for name in ("title", "summary", "body", "source_url", "change_note")),
                condition=~Q(source="staff") & ~Q(status="archived"),
                name="advisory_one_row_per_source_version",
                violation_error_message="This version of the source's item is already stored.",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("advisories:detail", args=[self.slug])

    @property
    def is_alert(self):
        return self.kind != self.Kind.TRAVEL_ADVISORY

    def successor(self):
        """The issuer's travel advisory for the country that replaced this one, if any."""
        if self.is_alert:
            return None
        later = Advisory.objects.current_for(self.country).filter(
            issuer=self.issuer, issued_at__gt=self.issued_at
        )
        return later.select_related("country").first()

    @property
    def is_past_alert(self):
        lapsed = timezone.now() - timedelta(days=settings.ALERT_ACTIVE_DAYS)
        return self.is_alert and self.expires_at is None and self.issued_at <= lapsed

    @classmethod
    def clock_moments(cls, now):
        """Publishable's, and an alert without an expiry lapsing (see AdvisoryQuerySet.lapsed)."""
        lapsed = cls.objects.filter(AdvisoryQuerySet.lapsed(), status=cls.Status.PUBLISHED)
        return super().clock_moments(now) | {"lapsed": latest_value(lapsed, "issued_at")}

    @property
    def retires_previous_edition(self):
        # A travel advisory's earlier editions stay public, as the country's history; a minor
        # change only corrects the edition it replaces.
        return self.is_alert or self.minor_change

    def needs_change_note(self):
        # An imported edition speaks with its source's authority, in the source's words: held
        # for review, it is published as the source gave it, change note or none.
        return self.source == self.Source.STAFF and super().needs_change_note()

    def prepare_update(self):
        """A new edition is issued when it is drafted, and is staff's, not the source's."""
        # To the second, as the admin's form shows and posts it back.
        self.issued_at = timezone.now().replace(microsecond=0)
        if self.expires_at and self.expires_at <= self.issued_at:
            self.expires_at = None
        self.source, self.source_id, self.source_data = self.Source.STAFF, "", {}

    def draft_update(self, user):
        """Publishable's, and the edition's regional levels as they are."""
        draft = super().draft_update(user)
        RegionalLevel.objects.bulk_create(
            RegionalLevel(
                advisory=draft, place_id=r.place_id, level=r.level, description=r.description
            )
            for r in self.regional_levels.all()
        )
        return draft

    def clean(self):
        # In plain words and on the field concerned, before the database constraint would say so.
        if self.expires_at and self.issued_at and self.expires_at <= self.issued_at:
            raise ValidationError({"expires_at": "The expiry must come after the issue date."})

    @property
    def headline(self):
        """ "Iraq — Level 4: Do Not Travel": how feeds and lists name an advisory."""
        return f"{self.country.name} — {self.get_level_display()}"


class RegionalLevel(models.Model):
    """A part of the advisory's country that its issuer gives a level of its own ("Avoid
    non-essential travel to Laventille"), beside the national level. Canada's importer writes
    them from its regional advisories; staff enter them for any issuer. A new edition of the
    advisory carries them over (Advisory.draft_update)."""

    advisory = models.ForeignKey(Advisory, on_delete=models.CASCADE, related_name="regional_levels")
    place = models.ForeignKey(
        Location,
        on_delete=models.PROTECT,
        related_name="regional_levels",
        help_text="A place inside the advisory's country.",
    )
    level = models.PositiveSmallIntegerField(choices=Advisory.Level.choices)
    description = models.CharField(
        max_length=300,
        blank=True,
        help_text="Which part of it, or why: “north of Western Main Road”.",
    )

    class Meta:
        ordering = ["-level", "place__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(level__gte=1, level__lte=4), name="regional_level_1_to_4"
            ),
            models.UniqueConstraint(
                fields=["advisory", "place"],
                name="regional_level_one_per_place",
                violation_error_message="This place already has a regional level here.",
            ),
        ]

    def __str__(self):
        return f"{self.place} — {self.get_level_display()}"

    def clean(self):
        # In plain words, on the place: only a part of the advisory's own country.
        try:
            advisory = self.advisory  # in the admin, perhaps new, its country not yet valid
        except Advisory.DoesNotExist:
            return
        country = advisory.country if advisory.country_id else None
        if country is None or self.place_id is None:
            return
        if self.place_id == country.pk:
            message = (
                f"Choose a part of {country.name}: the whole country has the advisory's level."
            )
        elif self.place.country != country:
            message = f"{self.place.name} is not in {country.name}: choose a place inside it."
        else:
            return
        raise ValidationError({"place": message})

    def changes_what_the_public_sees(self):
        """As its advisory: not while that is a draft (see Publishable)."""
        return self.advisory.changes_what_the_public_sees()
