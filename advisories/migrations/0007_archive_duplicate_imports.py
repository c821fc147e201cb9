"""Before the constraint of one live row per version of a source's item (0008): overlapping
imports made duplicates, and its unique index cannot be built over them. So, of the live rows
that are one version of one item, all but the latest are archived: nothing is deleted, and the
latest is the row the next import compares with. The latest takes the slug of the first, so that
the address readers and feeds know goes on working.
"""

import hashlib

from django.db import migrations

# A version of an item, as 0008's constraint tells them apart: these, and the hash of each text.
IDENTITY = ["source", "source_id", "country_id", "level", "issued_at"]
TEXT = ["title", "summary", "body", "source_url", "change_note"]


def archive_duplicates(apps, schema_editor):
    """Archive every live imported row but the latest of each version of an item."""
    Advisory = apps.get_model("advisories", "Advisory")
    rows = (
        Advisory.objects.exclude(source="staff")
        .exclude(status="archived")
        .order_by("-pk")
        .values_list("pk", "slug", *IDENTITY, *TEXT)
    )
    versions = {}  # version → [(pk, slug), …], latest first
    for pk, slug, *values in rows.iterator():
        identity, text = values[: len(IDENTITY)], values[len(IDENTITY) :]
        hashes = (hashlib.md5(value.encode(), usedforsecurity=False).digest() for value in text)
        versions.setdefault((*identity, *hashes), []).append((pk, slug))
    for copies in versions.values():
        if len(copies) > 1:
            keep_duplicate(Advisory, latest=copies[0], first=copies[-1], others=copies[1:])


def keep_duplicate(Advisory, latest, first, others):
    """Archive `others`; `latest` stays live under the slug of `first`."""
    (latest_pk, latest_slug), (first_pk, first_slug) = latest, first
    Advisory.objects.filter(pk__in=[pk for pk, _ in others]).update(status="archived")
    # Through a free slug, as the two may not share one even for a moment.
    Advisory.objects.filter(pk=first_pk).update(slug=f"{first_slug}-archived-{first_pk}")
    Advisory.objects.filter(pk=latest_pk).update(slug=first_slug)
    Advisory.objects.filter(pk=first_pk).update(slug=latest_slug)


# Apart from 0008: PostgreSQL builds no index in the transaction that has just updated the table.
class Migration(migrations.Migration):
    dependencies = [("advisories", "0006_level_labels_with_numbers")]

    operations = [migrations.RunPython(archive_duplicates, migrations.RunPython.noop)]
