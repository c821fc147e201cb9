"""Places change only by publishers, and their constraints speak plainly.

Places are the site's geography: every advisory, article and person names them, and they have no
draft editions, so an editor's change would be public at once. Editors keep the view permission,
which the admin's autocomplete needs to offer places in the advisory and article forms.
"""

from django.db import migrations, models

PLACE_PERMISSIONS = ["add_location", "change_location"]


def editors_and_place_permissions(apps):
    editors = apps.get_model("auth", "Group").objects.filter(name="Editors").first()
    permissions = apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="advisories", codename__in=PLACE_PERMISSIONS
    )
    return editors, permissions


def take_from_editors(apps, schema_editor):
    editors, permissions = editors_and_place_permissions(apps)
    if editors:
        editors.permissions.remove(*permissions)


def give_back_to_editors(apps, schema_editor):
    editors, permissions = editors_and_place_permissions(apps)
    if editors:
        editors.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("advisories", "0009_editions"),
        # The staff groups are made there, with the permissions this takes back.
        ("articles", "0002_staff_groups"),
    ]

    operations = [
        migrations.AlterConstraint(
            model_name="location",
            name="location_iso_code_only_for_countries",
            constraint=models.CheckConstraint(
                condition=models.Q(kind="country", iso_code__isnull=False)
                | (~models.Q(kind="country") & models.Q(iso_code__isnull=True)),
                name="location_iso_code_only_for_countries",
                violation_error_message=(
                    "A country needs its two-letter ISO code; no other place has one."
                ),
            ),
        ),
        migrations.AlterConstraint(
            model_name="location",
            name="location_latitude_range",
            constraint=models.CheckConstraint(
                condition=models.Q(latitude__isnull=True)
                | models.Q(latitude__gte=-90, latitude__lte=90),
                name="location_latitude_range",
                violation_error_message="Latitude runs from -90 (south) to 90 (north).",
            ),
        ),
        migrations.AlterConstraint(
            model_name="location",
            name="location_longitude_range",
            constraint=models.CheckConstraint(
                condition=models.Q(longitude__isnull=True)
                | models.Q(longitude__gte=-180, longitude__lte=180),
                name="location_longitude_range",
                violation_error_message="Longitude runs from -180 (west) to 180 (east).",
            ),
        ),
        migrations.RunPython(take_from_editors, give_back_to_editors),
    ]
