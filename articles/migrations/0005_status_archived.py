"""Articles take the one publishing status, which can also be "archived": the same column."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("articles", "0004_outlet_upper_index")]

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
    ]
