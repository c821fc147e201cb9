"""Kosovo, as a country with the code XK.

pycountry, which seeded the countries (0002), has no Kosovo: XK is a code ISO 3166 leaves to its
users, and the one the European Union, the State Department's feed (through its FIPS code KV) and
GOV.UK's travel advice all use for it. Without it their advisories for Kosovo had nowhere to go.
Its point (latitude, longitude, as 0005 gives every country one) lies inside it, near Pristina;
Natural Earth's 1:110m countries draw no Kosovo, so the world map has no shape for it.

A Kosovo already added by hand (XK) is kept, its point filled in if it has none. Reversed, the
migration removes Kosovo again: the database refuses while an advisory, a person or a place
inside Kosovo names it as their country; a mention of it among an article's or an advisory's
places goes with it.
"""

from django.db import migrations

ISO_CODE = "XK"
NAME = "Kosovo"
REGION = "Europe"
POINT = (42.6, 20.9)


def add_kosovo(apps, schema_editor):
    Location = apps.get_model("advisories", "Location")
    latitude, longitude = POINT
    kosovo = Location.objects.filter(iso_code=ISO_CODE).first()
    if kosovo is None:
        Location.objects.create(
            name=NAME,
            slug=_free_slug(Location, "kosovo"),
            kind="country",
            iso_code=ISO_CODE,
            parent=Location.objects.get(kind="region", name=REGION),
            latitude=latitude,
            longitude=longitude,
        )
    elif kosovo.latitude is None and kosovo.longitude is None:
        kosovo.latitude, kosovo.longitude = latitude, longitude
        kosovo.save(update_fields=["latitude", "longitude"])


def _free_slug(Location, slug):
    # A place inside Serbia, say, may be called Kosovo already.
    return slug if not Location.objects.filter(slug=slug).exists() else f"{slug}-{ISO_CODE.lower()}"


def remove_kosovo(apps, schema_editor):
    apps.get_model("advisories", "Location").objects.filter(iso_code=ISO_CODE).delete()


class Migration(migrations.Migration):
    dependencies = [("advisories", "0010_places_by_publishers")]

    operations = [migrations.RunPython(add_kosovo, remove_kosovo)]
