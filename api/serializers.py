"""What the API says about each thing: the fields of the pages, with absolute addresses.

Every object carries `url` (its page on the site) and `api_url` (itself in the API); every
reference to another object carries that object's `api_url`, so a client walks the API by links.
The querysets (what is public, what is prefetched) are the views'.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from advisories.models import Advisory, Location, RiskIndicator
from articles.models import Article, Person


@extend_schema_field(OpenApiTypes.URI)
class PageUrlField(serializers.Field):
    """The absolute address of the object's page on the site."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj):
        return self.context["request"].build_absolute_uri(obj.get_absolute_url())


class ResponseSerializer(serializers.ModelSerializer):
    """Every field read-only: the API only answers, and every answer has every field (which
    the OpenAPI description then lists as required)."""

    def get_fields(self):
        fields = super().get_fields()
        for field in fields.values():
            field.read_only = True
        return fields


def api_url(view_name):
    """The absolute API address of an object named by its slug."""
    return serializers.HyperlinkedIdentityField(view_name=f"api:{view_name}", lookup_field="slug")


class CountryApiUrlField(serializers.HyperlinkedIdentityField):
    """A country's API address, its ISO code in lower case as on the site (/countries/iq/)."""

    def __init__(self, **kwargs):
        super().__init__(view_name="api:country-detail", **kwargs)

    def get_url(self, obj, view_name, request, format):
        iso = obj.iso_code.lower()
        return self.reverse(view_name, kwargs={"iso": iso}, request=request, format=format)


@extend_schema_field({"type": "string", "example": "Level 4: Do Not Travel"})
class LevelLabelField(serializers.Field):
    """A level written as every page writes it, with its number: "Level 4: Do Not Travel"."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, level):
        return Advisory.Level(level).label


class CountryReferenceSerializer(ResponseSerializer):
    iso_code = serializers.CharField()
    api_url = CountryApiUrlField()

    class Meta:
        model = Location
        fields = ["iso_code", "name", "api_url"]


class PlaceReferenceSerializer(ResponseSerializer):
    api_url = api_url("place-detail")

    class Meta:
        model = Location
        fields = ["slug", "name", "api_url"]


class PersonReferenceSerializer(ResponseSerializer):
    api_url = api_url("person-detail")

    class Meta:
        model = Person
        fields = ["slug", "name", "api_url"]


class AdvisoryReferenceSerializer(ResponseSerializer):
    api_url = api_url("advisory-detail")

    class Meta:
        model = Advisory
        fields = ["slug", "title", "api_url"]


class IndicatorSerializer(ResponseSerializer):
    class Meta:
        model = RiskIndicator
        fields = ["code", "name"]


class CurrentLevelSerializer(ResponseSerializer):
    """One issuer's current level for a country: its latest public travel advisory there."""

    label = LevelLabelField(source="level")
    url = PageUrlField()
    api_url = api_url("advisory-detail")

    class Meta:
        model = Advisory
        fields = ["issuer", "level", "label", "issued_at", "url", "api_url"]


class CountrySerializer(ResponseSerializer):
    """A country, its current level (as the site shows it: the level of its latest travel
    advisory, whoever issued it) and each issuer's current level there."""

    # Expects with_current_level() and the prefetched current_levels (see api.views.countries).

    iso_code = serializers.CharField()
    region = PlaceReferenceSerializer(source="parent", allow_null=True)
    level = serializers.ChoiceField(
        Advisory.Level.choices, source="current_level", allow_null=True, read_only=True
    )
    level_label = LevelLabelField(source="current_level", allow_null=True)
    levels = CurrentLevelSerializer(source="current_levels", many=True)
    url = PageUrlField()
    api_url = CountryApiUrlField()

    class Meta:
        model = Location
        fields = [
            "iso_code",
            "name",
            "region",
            "latitude",
            "longitude",
            "level",
            "level_label",
            "levels",
            "url",
            "api_url",
        ]


class AdvisorySerializer(ResponseSerializer):
    """A travel advisory or an alert."""

    # Expects with_superseded_at() (the lists' FilterSet annotates it).

    level_label = LevelLabelField(source="level")
    country = CountryReferenceSerializer()
    indicators = IndicatorSerializer(many=True)
    places = PlaceReferenceSerializer(many=True)
    superseded_at = serializers.DateTimeField(
        allow_null=True,
        read_only=True,
        help_text="When the issuer's next travel advisory for the country replaced this one; "
        "null while it is current, and for alerts.",
    )
    url = PageUrlField()
    api_url = api_url("advisory-detail")

    class Meta:
        model = Advisory
        fields = [
            "id",
            "slug",
            "title",
            "kind",
            "level",
            "level_label",
            "country",
            "issuer",
            "summary",
            "body_html",
            "indicators",
            "places",
            "issued_at",
            "expires_at",
            "superseded_at",
            "change_note",
            "source_url",
            "url",
            "api_url",
        ]


class EditionSerializer(ResponseSerializer):
    """An earlier edition of an advisory, still public (a travel advisory's history)."""

    level_label = LevelLabelField(source="level")
    url = PageUrlField()
    api_url = api_url("advisory-detail")

    class Meta:
        model = Advisory
        fields = [
            "id",
            "slug",
            "title",
            "level",
            "level_label",
            "issued_at",
            "change_note",
            "url",
            "api_url",
        ]


def earlier_public_editions(advisory):
    """The editions `advisory` was drafted from, newest first, as far back as they are public
    (an alert's earlier editions are archived when it is updated; a travel advisory's stay)."""
    editions = []
    edition = advisory
    while edition.previous_edition_id:
        edition = Advisory.objects.public().filter(pk=edition.previous_edition_id).first()
        if edition is None:
            break
        editions.append(edition)
    return editions


class AdvisoryDetailSerializer(AdvisorySerializer):
    editions = serializers.SerializerMethodField(
        help_text="The public earlier editions this one was drafted from, newest first."
    )
    superseded_by = serializers.SerializerMethodField(
        allow_null=True,
        help_text="For a superseded travel advisory, the issuer's current one for the country.",
    )

    class Meta(AdvisorySerializer.Meta):
        fields = [*AdvisorySerializer.Meta.fields, "editions", "superseded_by"]

    @extend_schema_field(EditionSerializer(many=True))
    def get_editions(self, advisory):
        editions = earlier_public_editions(advisory)
        return EditionSerializer(editions, many=True, context=self.context).data

    @extend_schema_field(OpenApiTypes.URI)
    def get_superseded_by(self, advisory):
        successor = advisory.successor() if advisory.superseded_at else None
        if successor is None:
            return None
        return reverse(
            "api:advisory-detail", kwargs={"slug": successor.slug}, request=self.context["request"]
        )


class ArticleSerializer(ResponseSerializer):
    """An article, with the public people, places and advisories it names."""

    source_url = serializers.URLField(source="url", help_text="The article on its outlet's site.")
    people = PersonReferenceSerializer(many=True)
    places = PlaceReferenceSerializer(many=True)
    advisories = AdvisoryReferenceSerializer(many=True)
    url = PageUrlField()
    api_url = api_url("article-detail")

    class Meta:
        model = Article
        fields = [
            "id",
            "slug",
            "title",
            "outlet",
            "byline",
            "published_at",
            "summary",
            "body_html",
            "source_url",
            "people",
            "places",
            "advisories",
            "url",
            "api_url",
        ]


class PersonSerializer(ResponseSerializer):
    """Someone the articles name."""

    country = CountryReferenceSerializer(allow_null=True)
    url = PageUrlField()
    api_url = api_url("person-detail")

    class Meta:
        model = Person
        fields = [
            "id",
            "slug",
            "name",
            "role",
            "organization",
            "country",
            "bio_html",
            "url",
            "api_url",
        ]


class PlaceSerializer(ResponseSerializer):
    """A world region, a country or a place inside one; `parent` is the place it lies in."""

    parent = PlaceReferenceSerializer(allow_null=True)
    url = PageUrlField()
    api_url = api_url("place-detail")

    class Meta:
        model = Location
        fields = [
            "id",
            "slug",
            "name",
            "kind",
            "iso_code",
            "parent",
            "latitude",
            "longitude",
            "url",
            "api_url",
        ]
