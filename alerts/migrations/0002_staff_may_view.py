"""Staff look at subscriptions and deliveries in the admin, read-only: both groups may view
them, and no group may change them (only a subscriber does, through the links in its mail)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

VIEWED = ["view_subscription", "view_delivery"]


def let_staff_view(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need these now.
    app_config = apps.get_app_config("alerts")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    viewing = Permission.objects.filter(content_type__app_label="alerts", codename__in=VIEWED)
    for group in apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Publishers"]):
        group.permissions.add(*viewing)


def forbid_staff_view(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    viewing = Permission.objects.filter(content_type__app_label="alerts", codename__in=VIEWED)
    for group in apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Publishers"]):
        group.permissions.remove(*viewing)


class Migration(migrations.Migration):
    dependencies = [
        ("alerts", "0001_initial"),
        # The staff groups are made there.
        ("articles", "0002_staff_groups"),
    ]

    operations = [migrations.RunPython(let_staff_view, forbid_staff_view)]
