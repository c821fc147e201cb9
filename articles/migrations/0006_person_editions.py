"""People's pages take the publishing status and editions that articles have. The pages already
public stay public; the Publishers group may publish people's pages, as it does articles."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

STATUSES = [("draft", "Draft"), ("published", "Published"), ("archived", "Archived")]


def let_publishers_publish_people(apps, schema_editor):
    # Permissions are normally created after all migrations; the group needs this one now.
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    publish = Permission.objects.get(content_type__app_label="articles", codename="publish_person")
    for group in apps.get_model("auth", "Group").objects.filter(name="Publishers"):
        group.permissions.add(publish)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_editions"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="person",
            options={
                "ordering": ["name"],
                "permissions": [("publish_person", "Can publish and unpublish people's pages")],
                "verbose_name_plural": "people",
            },
        ),
        migrations.AddField(
            model_name="person",
            name="change_note",
            field=models.CharField(
                blank=True, help_text="What changed since the previous version.", max_length=500
            ),
        ),
        migrations.AddField(
            model_name="person",
            name="created_at",
            field=models.DateTimeField(auto_now_add=True, default=django.utils.timezone.now),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="person",
            name="created_by",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="person",
            name="minor_change",
            field=models.BooleanField(
                default=False,
                help_text="A typo fixed: no change note needed, and it does not move up in feeds.",
            ),
        ),
        migrations.AddField(
            model_name="person",
            name="previous_edition",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                help_text="The published edition this one was drafted from.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="later_editions",
                to="articles.person",
            ),
        ),
        # Published for the pages there are, a draft for every page made from now on.
        migrations.AddField(
            model_name="person",
            name="status",
            field=models.CharField(choices=STATUSES, default="published", max_length=20),
        ),
        migrations.AlterField(
            model_name="person",
            name="status",
            field=models.CharField(choices=STATUSES, default="draft", max_length=20),
        ),
        migrations.AddField(
            model_name="person",
            name="updated_at",
            field=models.DateTimeField(auto_now=True),
        ),
        migrations.AddField(
            model_name="person",
            name="updated_by",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="person",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False),
        ),
        migrations.RunPython(let_publishers_publish_people, migrations.RunPython.noop),
    ]
