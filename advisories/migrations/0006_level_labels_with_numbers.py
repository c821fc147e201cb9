"""Levels are written with their number ("Level 4: Do Not Travel"): new labels, the same column."""

from django.db import migrations, models

LEVELS = [
    (1, "Level 1: Exercise Normal Precautions"),
    (2, "Level 2: Exercise Increased Caution"),
    (3, "Level 3: Reconsider Travel"),
    (4, "Level 4: Do Not Travel"),
]


class Migration(migrations.Migration):
    dependencies = [("advisories", "0005_country_coordinates")]

    operations = [
        migrations.AlterField("advisory", "level", models.PositiveSmallIntegerField(choices=LEVELS))
    ]
