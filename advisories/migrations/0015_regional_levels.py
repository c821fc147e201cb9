"""Regional levels: parts of a country that an advisory's issuer gives a level of their own.

Editors and Publishers enter them on the advisory's page (in a draft, for editors, as the
advisory itself), so both groups may add, change, delete and view them.
"""

import django.db.models.deletion
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

PERMISSIONS = [f"{action}_regionallevel" for action in ("add", "change", "delete", "view")]


def staff_groups_and_permissions(apps):
    # Permissions are normally created after all migrations; the groups need them now.
    config = apps.get_app_config("advisories")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    groups = apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Publishers"])
    permissions = apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="advisories", codename__in=PERMISSIONS
    )
    return groups, permissions


def give_to_staff(apps, schema_editor):
    groups, permissions = staff_groups_and_permissions(apps)
    for group in groups:
        group.permissions.add(*permissions)


def take_from_staff(apps, schema_editor):
    groups, permissions = staff_groups_and_permissions(apps)
    for group in groups:
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("advisories", "0014_latest_travel_statistics"),
        # The staff groups are made there.
        ("articles", "0002_staff_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name="RegionalLevel",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "level",
                    models.PositiveSmallIntegerField(
                        choices=[
                            (1, "Level 1: Exercise Normal Precautions"),
                            (2, "Level 2: Exercise Increased Caution"),
                            (3, "Level 3: Reconsider Travel"),
                            (4, "Level 4: Do Not Travel"),
                        ]
                    ),
                ),
                (
                    "description",
                    models.CharField(
                        blank=True,
                        help_text="Which part of it, or why: “north of Western Main Road”.",
                        max_length=300,
                    ),
                ),
                (
                    "advisory",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="regional_levels",
                        to="advisories.advisory",
                    ),
                ),
                (
                    "place",
                    models.ForeignKey(
                        help_text="A place inside the advisory's country.",
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="regional_levels",
                        to="advisories.location",
                    ),
                ),
            ],
            options={
                "ordering": ["-level", "place__name"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("level__gte", 1), ("level__lte", 4)),
                        name="regional_level_1_to_4",
                    ),
                    models.UniqueConstraint(
                        fields=("advisory", "place"),
                        name="regional_level_one_per_place",
                        violation_error_message="This place already has a regional level here.",
                    ),
                ],
            },
        ),
        migrations.RunPython(give_to_staff, take_from_staff),
    ]
