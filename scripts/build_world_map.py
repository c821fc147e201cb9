"""Build front/world_map.json, the home page's world map, from Natural Earth.

Natural Earth's 1:110m "lowres" countries layer is public domain
(https://www.naturalearthdata.com/). The geopandas 0.14.4 wheel ships it as
geopandas/datasets/naturalearth_lowres/naturalearth_lowres.shp, so:

    pip download geopandas==0.14.4 --no-deps -d /tmp/gp && unzip /tmp/gp/*.whl -d /tmp/gp
    python scripts/build_world_map.py \
        /tmp/gp/geopandas/datasets/naturalearth_lowres/naturalearth_lowres.shp

Countries are projected with Equal Earth, simplified with Douglas-Peucker and
written as one SVG path per ISO 3166-1 alpha-2 code, with the viewBox they are drawn in, and a
point per country where the map draws its marker when the shape is too small to tap.

At that scale many small states and territories (Hong Kong, Macau, Bermuda, Curaçao, Malta...)
have no shape at all. With --territories FILE their points come from Natural Earth's 1:10m
countries, which the npm package world-atlas 2.0.2 ships as TopoJSON:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/build_world_map.py --territories package/countries-10m.json \
        /tmp/gp/geopandas/datasets/naturalearth_lowres/naturalearth_lowres.shp

With --points FILE, the script writes a point inside each country to FILE instead (as JSON: the
coordinates that advisories/migrations/0005_country_coordinates.py gives every country).

It runs outside the site, with pycountry (a runtime dependency) and pyshp (a dev one).
"""

import argparse
import json
import math
import sys
from itertools import pairwise
from pathlib import Path

import pycountry

DATA_FILE = Path(__file__).resolve().parent.parent / "front" / "world_map.json"

WIDTH = 1000  # viewBox width; the height follows from the projection
TOP_LAT, BOTTOM_LAT = 84.0, -57.0  # Greenland's north coast to Cape Horn
TOLERANCE = 0.25  # Douglas-Peucker tolerance, in viewBox units
MIN_AREA = 0.5  # islands smaller than this (square units) are dropped...
# ...but a country's largest ring is always kept, so small states still appear.

# Equal Earth constants (Šavrič, Patterson & Jenny, 2018).
A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2

# Natural Earth sometimes writes -99 instead of an ISO code; these two are ISO countries.
ALPHA2_BY_NAME = {"France": "FR", "Norway": "NO"}


def equal_earth(lon, lat):
    """Project degrees to Equal Earth's unit plane (x right, y up)."""
    theta = math.asin(M * math.sin(math.radians(lat)))
    t2, t6 = theta**2, theta**6
    x = math.radians(lon) * math.cos(theta) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)))
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return x, y


# The frame: the full width of the world at the equator, cropped to TOP_LAT..BOTTOM_LAT.
X_MAX = equal_earth(180, 0)[0]
Y_TOP, Y_BOTTOM = equal_earth(0, TOP_LAT)[1], equal_earth(0, BOTTOM_LAT)[1]
SCALE = WIDTH / (2 * X_MAX)
HEIGHT = round((Y_TOP - Y_BOTTOM) * SCALE)


def to_viewbox(lon, lat):
    """Project and scale to SVG coordinates (y grows downwards), rounded to 0.1."""
    x, y = equal_earth(lon, max(BOTTOM_LAT, min(TOP_LAT, lat)))
    return round((x + X_MAX) * SCALE, 1), round((Y_TOP - y) * SCALE, 1)


def alpha2(record):
    """The record's ISO 3166-1 alpha-2 code, or None for entities without one."""
    if record["name"] in ALPHA2_BY_NAME:
        return ALPHA2_BY_NAME[record["name"]]
    country = pycountry.countries.get(alpha_3=record["iso_a3"])
    return country.alpha_2 if country else None  # Kosovo, N. Cyprus, Somaliland


def rings(shape):
    """Split a shapefile polygon into its rings (lists of (lon, lat))."""
    bounds = [*shape.parts, len(shape.points)]
    return [shape.points[a:b] for a, b in pairwise(bounds)]


def split_at_antimeridian(ring):
    """Cut a ring wherever it jumps across ±180°, so no stroke streaks across the map."""
    pieces = [[ring[0]]]
    for prev, point in pairwise(ring):
        if abs(point[0] - prev[0]) > 180:
            pieces.append([])
        pieces[-1].append(point)
    return pieces


def distance_to_segment(p, a, b):
    """Distance from point p to the segment a-b."""
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    if dx == dy == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0, min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def simplify(points, tolerance):
    """Douglas-Peucker: keep only the points that stray more than `tolerance` from a chord."""
    keep = {0, len(points) - 1}
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        best, index = 0.0, None
        for i in range(first + 1, last):
            d = distance_to_segment(points[i], points[first], points[last])
            if d > best:
                best, index = d, i
        if index is not None and best > tolerance:
            keep.add(index)
            stack += [(first, index), (index, last)]
    return [points[i] for i in sorted(keep)]


def simplify_ring(ring):
    """Simplify a ring into its corners (the closing point is not repeated)."""
    if ring[0] != ring[-1]:
        ring = [*ring, ring[0]]
    # Two halves meeting at the farthest point: a chord from a point to itself is degenerate.
    far = max(range(len(ring)), key=lambda i: math.dist(ring[0], ring[i]))
    corners = simplify(ring[: far + 1], TOLERANCE)[:-1] + simplify(ring[far:], TOLERANCE)[:-1]
    pairs = zip(corners, corners[1:] + corners[:1], strict=True)
    return [p for p, q in pairs if p != q]  # rounding to 0.1 can repeat a point


def area(ring):
    """Unsigned polygon area (shoelace formula)."""
    pairs = zip(ring, ring[1:] + ring[:1], strict=True)
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in pairs)) / 2


def number(value):
    """Shortest text for a 0.1-rounded number: 12.0 -> "12", -0.5 -> "-.5"."""
    text = f"{value + 0.0:.1f}".removesuffix(".0")  # + 0.0 turns -0.0 into 0.0
    return text.replace("0.", ".", 1) if text.lstrip("-").startswith("0.") else text


def path_data(polygons):
    """One SVG `d`: an absolute M per ring, then relative lines (shorter), then z."""
    subpaths = []
    for ring in polygons:
        (x0, y0), steps = ring[0], []
        for (ax, ay), (bx, by) in pairwise(ring):
            steps.append(f"{number(round(bx - ax, 1))} {number(round(by - ay, 1))}")
        subpaths.append(f"M{number(x0)} {number(y0)}l" + " ".join(steps) + "z")
    return "".join(subpaths)


def country_rings(shapes):
    """Project, simplify and filter every ring of one country's shapes."""
    projected = []
    for shape in shapes:
        for ring in rings(shape):
            for piece in split_at_antimeridian(ring):
                points = [to_viewbox(lon, lat) for lon, lat in piece]
                simplified = simplify_ring(points) if len(points) > 3 else []
                if len(simplified) >= 3:
                    projected.append(simplified)
    if not projected:
        return []
    largest = max(projected, key=area)
    return [r for r in projected if r is largest or area(r) >= MIN_AREA]


def centroid(ring):
    """Area-weighted centroid of a ring of (x, y) points (shoelace formula)."""
    total = sx = sy = 0.0
    for (x1, y1), (x2, y2) in pairwise([*ring, ring[0]]):
        cross = x1 * y2 - x2 * y1
        total += cross
        sx += (x1 + x2) * cross
        sy += (y1 + y2) * cross
    if not total:  # a ring with no area, as the Vatican's at 1:10m: the mean of its points
        return sum(x for x, _ in ring) / len(ring), sum(y for _, y in ring) / len(ring)
    return sx / (3 * total), sy / (3 * total)


def representative_point(polygons):
    """(lat, lon) of a point inside the largest polygon, each polygon a list of (lon, lat) rings.

    The centroid of the polygon's outer ring if it lies inside the polygon (holes excluded),
    otherwise the middle of the widest stretch of the polygon along the centroid's parallel.
    """
    # Equal Earth is equal-area, so comparing projected areas compares true areas.
    polygon = max(polygons, key=lambda rings: area([equal_earth(*p) for p in rings[0]]))
    lon, lat = centroid(polygon[0])
    crossings = sorted(
        x1 + (lat - y1) * (x2 - x1) / (y2 - y1)
        for ring in polygon
        for (x1, y1), (x2, y2) in pairwise([*ring, ring[0]])
        if (y1 <= lat) != (y2 <= lat)  # half-open, so a vertex on the parallel counts once
    )
    spans = list(zip(crossings[::2], crossings[1::2], strict=True))  # inside between pairs
    if not any(west <= lon <= east for west, east in spans):
        west, east = max(spans, key=lambda span: span[1] - span[0])
        lon = (west + east) / 2
    return round(lat, 2) + 0.0, round(lon, 2) + 0.0  # + 0.0 turns -0.0 into 0.0


def read_shapes(path):
    """Each ISO alpha-2 code's shapes in the shapefile, Antarctica left out."""
    try:
        import shapefile  # pyshp: a dev dependency, only this script needs it
    except ImportError:
        sys.exit("This script needs pyshp: pip install pyshp")
    try:
        reader = shapefile.Reader(path)
    except (OSError, shapefile.ShapefileException) as error:
        sys.exit(f"Cannot read {path}: {error}")
    shapes_by_code = {}
    with reader:
        for item in reader.iterShapeRecords():
            code = alpha2(item.record.as_dict())
            if code and code != "AQ":  # Antarctica would fill the bottom of the map
                shapes_by_code.setdefault(code, []).append(item.shape)
    return shapes_by_code


def polygons_of(shapes):
    """A country's shapefile shapes as polygons, each a list of (lon, lat) rings, outer first."""
    # GeoJSON groups each outer ring with its holes, which the shapefile's parts do not.
    polygons = []
    for shape in shapes:
        geometry = shape.__geo_interface__
        multi = geometry["type"] == "MultiPolygon"
        polygons += geometry["coordinates"] if multi else [geometry["coordinates"]]
    return polygons


def read_topojson(path):
    """Each ISO alpha-2 code's polygons in a TopoJSON of countries whose ids are ISO 3166-1
    numeric codes (world-atlas's), as lists of (lon, lat) rings."""
    try:
        topology = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        sys.exit(f"Cannot read {path}: {error}")
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:  # quantized, each position a delta from the one before
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indexes):
        points = []
        for index in indexes:  # ~index: the arc reversed
            arc = arcs[index] if index >= 0 else arcs[~index][::-1]
            points += arc[1:] if points else arc
        return points

    polygons_by_code = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        country = pycountry.countries.get(numeric=geometry.get("id", ""))
        if not country or country.alpha_2 == "AQ" or "arcs" not in geometry:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        polygons_by_code[country.alpha_2] = [[ring(r) for r in p] for p in polygons]
    return polygons_by_code


def write_map(shapes_by_code, output, territories=None):
    """Write the viewBox, one SVG path per country and one point per country (for those without
    a shape, from `territories`: polygons by code, see read_topojson) to `output`."""
    countries = {}
    for code in sorted(shapes_by_code):
        polygons = country_rings(shapes_by_code[code])
        if polygons:
            countries[code] = path_data(polygons)
    polygons_by_code = {code: polygons_of(shapes) for code, shapes in shapes_by_code.items()}
    for code, polygons in (territories or {}).items():
        polygons_by_code.setdefault(code, polygons)
    points = {}
    for code, polygons in sorted(polygons_by_code.items()):
        latitude, longitude = representative_point(polygons)
        points[code] = list(to_viewbox(longitude, latitude))
    data = {"viewBox": f"0 0 {WIDTH} {HEIGHT}", "countries": countries, "points": points}
    output.write_text(json.dumps(data, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(
        f"Wrote {len(countries)} countries and {len(points)} points to {output}"
        f" ({output.stat().st_size // 1024} KB)."
    )


def write_points(shapes_by_code, output):
    """Write each country's representative point, [latitude, longitude], as JSON."""
    points = {}
    for code in sorted(shapes_by_code):
        points[code] = list(representative_point(polygons_of(shapes_by_code[code])))
    rows = ",\n".join(f'"{code}": {json.dumps(point)}' for code, point in sorted(points.items()))
    output.write_text("{\n" + rows + "\n}\n", encoding="utf-8")  # one country a line
    print(f"Wrote the points of {len(points)} countries to {output}.")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("shapefile", help="path to naturalearth_lowres.shp")
    parser.add_argument(
        "--output", type=Path, default=DATA_FILE, help=f"where to write the JSON ({DATA_FILE})"
    )
    parser.add_argument(
        "--points",
        type=Path,
        help="write a point inside each country to this JSON file instead of the map",
    )
    parser.add_argument(
        "--territories",
        type=Path,
        help="world-atlas's countries-10m.json: the points of countries the shapefile lacks",
    )
    args = parser.parse_args(argv)
    shapes_by_code = read_shapes(args.shapefile)
    if args.points:
        write_points(shapes_by_code, args.points)
    else:
        territories = read_topojson(args.territories) if args.territories else None
        write_map(shapes_by_code, args.output, territories)


if __name__ == "__main__":
    main()
