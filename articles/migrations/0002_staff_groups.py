"""The two staff groups: Editors write and change drafts; Publishers may also publish."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTENT_MODELS = [
    ("advisories", "advisory"),
    ("advisories", "location"),
    ("articles", "article"),
    ("articles", "person"),
]
PUBLISH_PERMISSIONS = [("advisories", "publish_advisory"), ("articles", "publish_article")]


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editing = [
        Permission.objects.get(content_type__app_label=app, codename=f"{action}_{model}")
        for app, model in CONTENT_MODELS
        for action in ("add", "change", "view")
    ]
    publishing = [
        Permission.objects.get(content_type__app_label=app, codename=codename)
        for app, codename in PUBLISH_PERMISSIONS
    ]
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.set(editing)
    publishers, _ = Group.objects.get_or_create(name="Publishers")
    publishers.permissions.set(editing + publishing)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Publishers"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("advisories", "0002_seed_regions_countries_indicators"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
