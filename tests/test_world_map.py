"""The home page's world map: the shipped JSON, the include, the builder and its country points,
the markers of small states and the close-ups."""

import importlib
import importlib.util
import json
import math
import re
from pathlib import Path
from types import SimpleNamespace

import pycountry
import pytest
from django.apps import apps
from django.conf import settings
from django.template.loader import render_to_string

from advisories.models import Location
from front import world_map
from front.world_map import DATA_FILE, VIEWBOX, country_shapes

# The builder is a script, not a module of the site: load it from its file.
_spec = importlib.util.spec_from_file_location(
    "build_world_map", Path(settings.BASE_DIR) / "scripts" / "build_world_map.py"
)
builder = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(builder)

migration = importlib.import_module("advisories.migrations.0005_country_coordinates")


def test_the_json_is_small_and_its_viewbox_is_the_one_the_page_uses():
    assert DATA_FILE.stat().st_size < 200_000
    assert json.loads(DATA_FILE.read_text(encoding="utf-8"))["viewBox"] == VIEWBOX


def test_every_key_is_an_iso_alpha2_code_and_every_path_starts_with_a_move():
    shapes = country_shapes()
    assert len(shapes) >= 150
    for code, d in shapes.items():
        assert code.isupper() and pycountry.countries.get(alpha_2=code), code
        assert d[:1] in {"M", "m"} and d.endswith("z"), code


@pytest.mark.parametrize("code", ["IQ", "IR", "KW", "IL", "FR", "NO", "US"])
def test_countries_the_site_writes_about_are_on_the_map(code):
    assert code in country_shapes()


def test_entities_without_an_iso_code_and_antarctica_are_left_out():
    assert not {"XK", "AQ"} & country_shapes().keys()


def test_the_include_draws_one_linked_titled_path_per_country():
    iraq = SimpleNamespace(
        name="Iraq",
        iso_code="IQ",
        current_level=4,
        current_level_label="Level 4: Do Not Travel",
        get_absolute_url="/countries/iq/",
    )
    chile = SimpleNamespace(
        name="Chile",
        iso_code="CL",
        current_level=None,
        current_level_label="",
        get_absolute_url="/countries/cl/",
    )
    shapes = country_shapes()
    html = render_to_string(
        "front/_world_map.html",
        {"map_viewbox": VIEWBOX, "map_countries": [(iraq, shapes["IQ"]), (chile, shapes["CL"])]},
    )
    assert f'viewBox="{VIEWBOX}"' in html
    assert 'aria-labelledby="world-map-title"' in html and 'id="world-map-title"' in html
    assert html.count("<path ") == 2
    assert (
        f'<a href="/countries/iq/"><path d="{shapes["IQ"]}" class="map-country level-4">'
        "<title>Iraq — Level 4: Do Not Travel</title></path></a>"
    ) in html
    assert 'class="map-country level-none"><title>Chile — No current advisory</title>' in html
    assert not re.search(r"<script|style=|https?://", html)


def test_equal_earth_spans_the_published_extent():
    assert builder.equal_earth(0, 0) == (0, 0)
    assert builder.equal_earth(180, 0)[0] == pytest.approx(2.7066, abs=1e-4)
    assert builder.equal_earth(0, 90)[1] == pytest.approx(1.3173, abs=1e-4)


def test_douglas_peucker_drops_points_within_the_tolerance_and_keeps_corners():
    line = [(0, 0), (1, 0.1), (2, 0), (2, 5)]
    assert builder.simplify(line, 0.5) == [(0, 0), (2, 0), (2, 5)]


def test_a_ring_jumping_across_the_antimeridian_is_cut_there():
    ring = [(179, 1), (-179, 1), (-179, 2), (179, 2)]
    assert builder.split_at_antimeridian(ring) == [[(179, 1)], [(-179, 1), (-179, 2)], [(179, 2)]]


def test_path_data_is_one_absolute_move_then_short_relative_lines_per_ring():
    rings = [[(10.0, 20.0), (10.5, 20.0), (10.5, 19.0)], [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0)]]
    assert builder.path_data(rings) == "M10 20l.5 0 0 -1zM0 0l1 0 -1 1z"


def test_the_representative_point_is_the_centroid_when_it_lies_inside():
    square = [[(10, 40), (12, 40), (12, 42), (10, 42)]]
    assert builder.representative_point([square]) == (41.0, 11.0)


def test_the_representative_point_avoids_a_hole_and_a_crescent():
    # The outer ring's centroid (1, 0) lies in the hole: the widest stretch on its parallel wins.
    with_hole = [[(-4, -4), (6, -4), (6, 4), (-4, 4)], [(-2, -2), (2, -2), (2, 2), (-2, 2)]]
    assert builder.representative_point([with_hole]) == (0.0, 4.0)
    # A U open to the north: the centroid falls in the gap between its arms.
    u_shape = [(0, 0), (6, 0), (6, 6), (4, 6), (4, 2), (2, 2), (2, 6), (0, 6)]
    lat, lon = builder.representative_point([[u_shape]])
    assert lon in {1.0, 5.0} and 2 < lat < 6


def test_the_point_comes_from_the_largest_polygon():
    islet, island = [(0, 0), (1, 0), (1, 1), (0, 1)], [(20, 0), (30, 0), (30, 10), (20, 10)]
    assert builder.representative_point([[islet], [island]]) == (5.0, 25.0)


def test_the_migration_has_a_point_on_earth_for_every_country_on_the_map():
    assert migration.COORDINATES.keys() == country_shapes().keys()
    for latitude, longitude in migration.COORDINATES.values():
        assert -90 <= latitude <= 90 and -180 <= longitude <= 180


@pytest.mark.django_db
def test_the_migration_fills_only_countries_without_coordinates():
    Location.objects.filter(iso_code="FR").update(latitude=1.0, longitude=2.0)
    Location.objects.filter(iso_code="IQ").update(latitude=None, longitude=None)
    Location.objects.filter(iso_code="DE").update(latitude=5.0, longitude=None)
    migration.fill_coordinates(apps, None)
    coordinates = dict(Location.objects.values_list("iso_code", "latitude"))
    assert coordinates["FR"] == 1.0 and coordinates["DE"] == 5.0
    assert coordinates["IQ"] == migration.COORDINATES["IQ"][0]
    assert coordinates["SG"] is None  # not in Natural Earth's 1:110m countries


# Markers and close-ups


def country_at(code, level=None):
    return SimpleNamespace(
        iso_code=code,
        name=code,
        current_level=level,
        current_level_label="",
        get_absolute_url=f"/countries/{code.lower()}/",
    )


def test_territories_without_a_shape_have_a_point_inside_the_map():
    x0, y0, width, height = world_map.WORLD_BOX
    points = world_map.country_points()
    assert country_shapes().keys() <= points.keys()
    for code in ["HK", "MO", "BM", "CW", "SG", "BH", "MT", "WS"]:
        assert code not in country_shapes() and code in points, code
    for x, y in points.values():
        assert x0 <= x <= x0 + width and y0 <= y <= y0 + height


def test_small_means_no_shape_or_a_tiny_one():
    assert world_map.is_small("KW") and world_map.is_small("LB") and world_map.is_small("HK")
    assert not world_map.is_small("IQ") and not world_map.is_small("FR")


def test_spread_pushes_crowded_points_apart_and_leaves_the_others():
    box = (0, 0, 100, 100)
    positions = world_map.spread([(50, 50), (50, 50), (51, 50), (10, 10)], 8, box)
    for i, a in enumerate(positions):
        for b in positions[i + 1 :]:
            assert math.dist(a, b) >= 8 - 1e-6
    assert positions[3] == [10, 10]


def test_markers_are_placed_in_percent_of_their_map():
    (marker,) = world_map.markers([country_at("BM", 1)], (300, 100, 50, 50), 320)
    x, y = world_map.country_points()["BM"]
    assert (marker.x, marker.y) == (round((x - 300) * 2, 2), round((y - 100) * 2, 2))
    assert not marker.moved and marker.radius * 2 >= 24


def test_world_map_marks_small_states_outside_the_close_ups_and_territories_with_a_level():
    countries = [country_at("GM"), country_at("KW", 1), country_at("HK", 2), country_at("MO")]
    countries += [country_at("IQ", 4)]
    world, *insets = world_map.map_views(countries)
    assert [m.country.iso_code for m in world["markers"]] == ["GM"]  # the rest are in close-ups
    assert world["unlinked"] == {"GM"}  # its marker is its link
    middle_east = next(view for view in insets if view["id"] == "map-middle-east")
    (kuwait,) = middle_east["markers"]
    assert kuwait.country.iso_code == "KW" and not kuwait.focusable  # the world map links it
    east_asia = next(view for view in insets if view["id"] == "map-east-asia")
    (hong_kong,) = east_asia["markers"]  # Macau has no advisory of its own: not on the map
    assert hong_kong.country.iso_code == "HK" and hong_kong.focusable


def test_the_stylesheet_keeps_each_map_as_wide_as_its_markers_need():
    css = (Path(settings.BASE_DIR) / "static" / "css" / "site.css").read_text()
    assert (
        f".map-canvas {{ position: relative; min-width: {world_map.WORLD_MIN_WIDTH / 16:g}rem; }}"
        in css
    )
    assert f".map-inset .map-canvas {{ min-width: {world_map.INSET_MIN_WIDTH / 16:g}rem; }}" in css


def test_the_builder_reads_territories_from_topojson(tmp_path):
    # A square of 2 x 2 degrees around Bermuda, in quantized delta-encoded arcs.
    topology = {
        "transform": {"scale": [1, 1], "translate": [-66, 31]},
        "arcs": [[[0, 0], [2, 0], [0, 2], [-2, 0], [0, -2]]],
        "objects": {"countries": {"geometries": [{"type": "Polygon", "arcs": [[0]], "id": "060"}]}},
    }
    path = tmp_path / "countries.json"
    path.write_text(json.dumps(topology))
    polygons = builder.read_topojson(path)
    assert polygons == {"BM": [[[(-66, 31), (-64, 31), (-64, 33), (-66, 33), (-66, 31)]]]}
    assert builder.representative_point(polygons["BM"]) == (32.0, -65.0)
