"""The home page's world map: one SVG path per country, keyed by ISO 3166-1 alpha-2.

The shapes live in world_map.json next to this module, built from Natural Earth's
public-domain 1:110m countries (https://www.naturalearthdata.com/) by
`python manage.py build_world_map`, in an Equal Earth projection.
"""

import functools
import json
from pathlib import Path

DATA_FILE = Path(__file__).with_name("world_map.json")

# The SVG viewBox the paths are drawn in; the same as the JSON's "viewBox" (a test checks)
# and as the default in templates/advisories/_world_map.html.
VIEWBOX = "0 0 1000 435"


@functools.cache
def country_shapes() -> dict[str, str]:
    """SVG path data (`d`) for each country, keyed by uppercase ISO alpha-2 code.

    Read from disk once per process; the dict is shared, so do not modify it.
    """
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return data["countries"]
