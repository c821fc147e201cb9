"""Articles take the one publishing status, which can also be "archived", and editions with
change notes, as advisories have them (advisories' migration 0009 says why)."""

from django.db import migrations, models

CHANGE_NOTE = "What changed since the previous version."
MINOR = "A typo fixed: no change note needed, and it does not move up in feeds."


class Migration(migrations.Migration):
    dependencies = [("articles", "0004_outlet_upper_index"), ("advisories", "0009_editions")]

    operations = [
        migrations.AlterField(
            model_name="article",
            name="status",
            field=models.CharField(
                choices=[("draft", "Draft"), ("published", "Published"), ("archived", "Archived")],
                default="draft",
                max_length=20,
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="previous_edition",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                help_text="The published edition this one was drafted from.",
                null=True,
                on_delete=models.PROTECT,
                related_name="later_editions",
                to="articles.article",
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False),
        ),
        migrations.AddField(
            model_name="article",
            name="change_note",
            field=models.CharField(blank=True, help_text=CHANGE_NOTE, max_length=500),
        ),
        migrations.AddField(
            model_name="article",
            name="minor_change",
            field=models.BooleanField(default=False, help_text=MINOR),
        ),
    ]
