"""One live row per version of a source's item (see advisories.importers.writing)."""

from django.db import migrations, models
from django.db.models.functions import MD5

TEXT = ["title", "summary", "body", "source_url", "change_note"]


class Migration(migrations.Migration):
    dependencies = [("advisories", "0007_archive_duplicate_imports")]

    operations = [
        migrations.AddConstraint(
            model_name="advisory",
            constraint=models.UniqueConstraint(
                *("source", "source_id", "country", "level", "issued_at"),
                *(MD5(name) for name in TEXT),
                condition=~models.Q(source="staff") & ~models.Q(status="archived"),
                name="advisory_one_row_per_source_version",
                violation_error_message="This version of the source's item is already stored.",
            ),
        ),
    ]
