"""The home page's world map: one SVG path per country, keyed by ISO 3166-1 alpha-2, a point per
country, and the markers and regional close-ups that make small states tappable.

The shapes and points live in world_map.json next to this module, built from Natural Earth's
public-domain countries (https://www.naturalearthdata.com/) by
`python scripts/build_world_map.py`, in an Equal Earth projection.

A state too small to tap (Kuwait is 4 px wide on a desktop) is drawn as a marker: a circle of a
fixed 24 px on any screen, at its point. Markers live in a second SVG laid over the map with no
viewBox, so their positions are percentages of the map and their radius is in screen pixels.
Where markers would overlap at the narrowest the map is drawn, they are pushed apart and a line
leads back to the country's point. The crowded regions (Europe, the Middle East, the Caribbean,
East Asia) get a close-up of their own below the map instead.
"""

import functools
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

DATA_FILE = Path(__file__).with_name("world_map.json")

MARKER_RADIUS = 12  # px: a 24 px target, WCAG 2.5.8's minimum, whatever the size of the map
MARKER_SPACING = 28  # px between two markers' centres: their diameter, outlines and a hair
# A country whose shape's bounding box is smaller than this square (in the world's viewBox
# units) gets a marker: Luxembourg to Israel, Brunei, Trinidad, Jamaica, Rwanda...
SMALL = 7.5
# The narrowest each map is drawn, in px: site.css holds them there (.world-map and
# .map-inset svg min-width) and the frame scrolls sideways on a narrower screen.
WORLD_MIN_WIDTH = 720
INSET_MIN_WIDTH = 320


@functools.cache
def _data() -> dict:
    """The JSON's contents, read from disk once per process; shared, so do not modify it."""
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def country_shapes() -> dict[str, str]:
    """SVG path data (`d`) for each country, keyed by uppercase ISO alpha-2 code."""
    return _data()["countries"]


def country_points() -> dict[str, list[float]]:
    """A point inside each country, [x, y] in the viewBox, for the countries on the map and the
    territories too small for its shapes (Hong Kong, Bermuda...)."""
    return _data()["points"]


# The SVG viewBox the paths are drawn in, stored with them so the two cannot disagree.
VIEWBOX = _data()["viewBox"]
WORLD_BOX = tuple(float(n) for n in VIEWBOX.split())


@functools.cache
def shape_bounds() -> dict[str, tuple[float, float, float, float]]:
    """Each shape's bounding box, (x, y, width, height), from its path: an absolute move then
    relative lines per ring, as the builder writes them."""
    bounds = {}
    for code, d in country_shapes().items():
        xs, ys = [], []
        for ring in re.findall(r"M[^M]+", d):
            numbers = [float(n) for n in re.findall(r"-?[\d.]+", ring)]
            x, y = numbers[0], numbers[1]
            xs.append(x), ys.append(y)
            for dx, dy in zip(numbers[2::2], numbers[3::2], strict=True):
                x, y = x + dx, y + dy
                xs.append(x), ys.append(y)
        bounds[code] = (min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
    return bounds


def is_small(code):
    """Whether a country is too small on the map to tap: no shape at all, or a tiny one."""
    bounds = shape_bounds().get(code)
    return bounds is None or math.sqrt(bounds[2] * bounds[3]) < SMALL


@dataclass(frozen=True)
class Inset:
    """A regional close-up below the world map, a box of the world's viewBox."""

    slug: str
    name: str
    box: tuple[float, float, float, float]  # x, y, width, height

    @property
    def viewbox(self):
        return " ".join(f"{n:g}" for n in self.box)


INSETS = (
    Inset("europe", "Europe", (478, 30, 100, 88)),
    Inset("middle-east", "The Middle East", (572, 100, 90, 62)),
    Inset("caribbean", "The Caribbean and Central America", (248, 140, 97, 70)),
    Inset("east-asia", "East and Southeast Asia", (770, 148, 96, 92)),
)


def _inside(point, box):
    x, y, width, height = box
    return point is not None and x <= point[0] <= x + width and y <= point[1] <= y + height


def _overlaps(bounds, box):
    x, y, width, height = box
    bx, by, bw, bh = bounds
    return bx < x + width and x < bx + bw and by < y + height and y < by + bh


@dataclass(frozen=True)
class Marker:
    """A country drawn as a circle: where it sits and where its point is, in percent of the
    map's width and height. `focusable` is False where the keyboard reaches the country on the
    world map already."""

    country: object
    x: float
    y: float
    point_x: float
    point_y: float
    focusable: bool = True
    radius = MARKER_RADIUS

    @property
    def moved(self):
        """Pushed off its point, so a line leads back to it."""
        return (self.x, self.y) != (self.point_x, self.point_y)


def spread(points, spacing, box, rounds=200):
    """Positions for circles at `points` (viewBox units) at least `spacing` apart, inside `box`:
    pairs too close are pushed apart along the line between them until none is. Deterministic,
    so a page is the same every time."""
    x0, y0, width, height = box
    margin = spacing / 2
    positions = [list(p) for p in points]
    for _ in range(rounds):
        crowded = False
        for i, a in enumerate(positions):
            for b in positions[i + 1 :]:
                dx, dy = b[0] - a[0], b[1] - a[1]
                distance = math.hypot(dx, dy)
                if distance >= spacing - 1e-6:
                    continue
                crowded = True
                if distance == 0:  # one on top of the other: side by side
                    dx, dy, distance = 1.0, 0.0, 1.0
                push = (spacing - distance) / 2 / distance
                a[0], a[1] = a[0] - dx * push, a[1] - dy * push
                b[0], b[1] = b[0] + dx * push, b[1] + dy * push
        for p in positions:
            p[0] = min(max(p[0], x0 + margin), x0 + width - margin)
            p[1] = min(max(p[1], y0 + margin), y0 + height - margin)
        if not crowded:
            break
    return positions


@functools.lru_cache(maxsize=64)
def _layout(codes, box, min_width):
    """(x, y, point x, point y) in percent for each of `codes`, as `spread` places them on a map
    of `box` drawn `min_width` px wide; the same codes are laid out once per process."""
    points = [country_points()[code] for code in codes]
    spacing = MARKER_SPACING * box[2] / min_width  # px into viewBox units, at the narrowest
    x0, y0, width, height = box

    def percent(x, y):
        return round((x - x0) / width * 100, 2), round((y - y0) / height * 100, 2)

    return [
        (*percent(*position), *percent(*point))
        for position, point in zip(spread(points, spacing, box), points, strict=True)
    ]


def markers(countries, box, min_width, focusable=lambda country: True):
    """The markers of `countries` (each with an `iso_code`) whose point is inside `box`, spread
    so that none overlaps another on a map drawn `min_width` px wide or wider."""
    points = country_points()
    placed = [c for c in countries if _inside(points.get(c.iso_code), box)]
    layout = _layout(tuple(c.iso_code for c in placed), box, min_width)
    return [Marker(c, *spot, focusable(c)) for c, spot in zip(placed, layout, strict=True)]


def map_views(countries):
    """The world map and its close-ups of `countries` (every country, annotated with
    `current_level`), each a dict for front/_world_map.html: `id`, `name`, `viewbox`,
    `countries` ((country, path) pairs), `unlinked` (the codes whose marker is their link) and
    `markers`; the close-ups also `inset`.

    A small country is a marker where it has a shape, or a current level (a territory without an
    advisory of its own stays off the map). On the world map that is only outside the close-ups,
    which hold the crowded regions. A close-up's shapes are links for the pointer alone: the
    keyboard has them on the world map, and the text list beside it is their equivalent.
    """
    shapes, bounds, points = country_shapes(), shape_bounds(), country_points()
    small = [
        c for c in countries if is_small(c.iso_code) and (c.iso_code in shapes or c.current_level)
    ]
    in_no_inset = [
        c for c in small if not any(_inside(points.get(c.iso_code), i.box) for i in INSETS)
    ]
    world = {
        "id": "world-map",
        "name": "World map of travel advisory levels",
        "viewbox": VIEWBOX,
        "countries": [(c, shapes[c.iso_code]) for c in countries if c.iso_code in shapes],
        "unlinked": {c.iso_code for c in in_no_inset},
        "markers": markers(in_no_inset, WORLD_BOX, WORLD_MIN_WIDTH),
    }
    views = [world]
    for inset in INSETS:
        views.append(
            {
                "id": f"map-{inset.slug}",
                "name": f"Close-up: {inset.name}",
                "viewbox": inset.viewbox,
                "inset": inset,
                "countries": [
                    (c, shapes[c.iso_code])
                    for c in countries
                    if c.iso_code in shapes and _overlaps(bounds[c.iso_code], inset.box)
                ],
                "unlinked": {c.iso_code for c in small},
                "markers": markers(
                    small, inset.box, INSET_MIN_WIDTH, lambda c: c.iso_code not in shapes
                ),
            }
        )
    return views
