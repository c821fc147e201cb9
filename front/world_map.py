"""The home page's world map: one SVG path per country, keyed by ISO 3166-1 alpha-2.

The shapes live in world_map.json next to this module, built from Natural Earth's
public-domain 1:110m countries (https://www.naturalearthdata.com/) by
`python scripts/build_world_map.py`, in an Equal Earth projection.
"""

import functools
import json
from pathlib import Path

DATA_FILE = Path(__file__).with_name("world_map.json")


@functools.cache
def _data() -> dict:
    """The JSON's contents, read from disk once per process; shared, so do not modify it."""
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def country_shapes() -> dict[str, str]:
    """SVG path data (`d`) for each country, keyed by uppercase ISO alpha-2 code."""
    return _data()["countries"]


# The SVG viewBox the paths are drawn in, stored with them so the two cannot disagree.
VIEWBOX = _data()["viewBox"]
