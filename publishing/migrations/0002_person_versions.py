"""The version table of people's pages takes their new fields (see articles' migration 0006);
the versions kept so far were of public pages."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

STATUSES = [("draft", "Draft"), ("published", "Published"), ("archived", "Archived")]


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_person_editions"),
        ("publishing", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalperson",
            name="change_note",
            field=models.CharField(
                blank=True, help_text="What changed since the previous version.", max_length=500
            ),
        ),
        migrations.AddField(
            model_name="historicalperson",
            name="created_at",
            field=models.DateTimeField(
                blank=True, default=django.utils.timezone.now, editable=False
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="historicalperson",
            name="created_by",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="historicalperson",
            name="minor_change",
            field=models.BooleanField(
                default=False,
                help_text="A typo fixed: no change note needed, and it does not move up in feeds.",
            ),
        ),
        migrations.AddField(
            model_name="historicalperson",
            name="previous_edition",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                editable=False,
                help_text="The published edition this one was drafted from.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="articles.person",
            ),
        ),
        migrations.AddField(
            model_name="historicalperson",
            name="status",
            field=models.CharField(choices=STATUSES, default="published", max_length=20),
        ),
        migrations.AlterField(
            model_name="historicalperson",
            name="status",
            field=models.CharField(choices=STATUSES, default="draft", max_length=20),
        ),
        migrations.AddField(
            model_name="historicalperson",
            name="updated_at",
            field=models.DateTimeField(
                blank=True, default=django.utils.timezone.now, editable=False
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="historicalperson",
            name="updated_by",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="historicalperson",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False),
        ),
    ]
