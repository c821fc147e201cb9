"""Give every country on the world map a point, so feeds carry one without the demo data.

Each point (latitude, longitude in degrees, to 0.01) lies inside the country's largest polygon in
Natural Earth's public-domain 1:110m countries, the shapes front/world_map.json is drawn from:
`python scripts/build_world_map.py --points FILE path/to/naturalearth_lowres.shp` wrote them
into the JSON file of the same name as this migration.
Only countries without coordinates are filled, so points set by hand or by load_demo are kept.
"""

import json
from pathlib import Path

from django.db import migrations

# Written once by the script, and never changed: a migration must run the same way on every
# database, whatever the application code says later.
COORDINATES = json.loads(Path(__file__).with_suffix(".json").read_text(encoding="utf-8"))


def fill_coordinates(apps, schema_editor):
    Location = apps.get_model("advisories", "Location")
    countries = list(
        Location.objects.filter(
            kind="country", iso_code__in=COORDINATES, latitude=None, longitude=None
        )
    )
    for country in countries:
        country.latitude, country.longitude = COORDINATES[country.iso_code]
    Location.objects.bulk_update(countries, ["latitude", "longitude"])


class Migration(migrations.Migration):
    dependencies = [("advisories", "0004_issuer_upper_index")]

    operations = [migrations.RunPython(fill_coordinates, migrations.RunPython.noop)]
