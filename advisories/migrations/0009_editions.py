"""Editions of advisories (see publishing.models.Publishable): the published edition a draft was
made from, a version every save raises, so that a form loaded before another save is refused,
and whether an update is minor (no change note needed, no move up in feeds)."""

from django.db import migrations, models

MINOR = "A typo fixed: no change note needed, and it does not move up in feeds."


class Migration(migrations.Migration):
    dependencies = [("advisories", "0008_one_row_per_source_version")]

    operations = [
        migrations.AddField(
            model_name="advisory",
            name="previous_edition",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                help_text="The published edition this one was drafted from.",
                null=True,
                on_delete=models.PROTECT,
                related_name="later_editions",
                to="advisories.advisory",
            ),
        ),
        migrations.AddField(
            model_name="advisory",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False),
        ),
        migrations.AddField(
            model_name="advisory",
            name="minor_change",
            field=models.BooleanField(default=False, help_text=MINOR),
        ),
    ]
