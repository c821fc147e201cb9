"""The home page's world map: the shipped JSON, the include, and the builder's geometry."""

import json
import re
from types import SimpleNamespace

import pycountry
import pytest
from django.template.loader import render_to_string

from advisories.management.commands import build_world_map as builder
from advisories.world_map import DATA_FILE, VIEWBOX, country_shapes


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
        current_level_label="Do Not Travel",
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
        "advisories/_world_map.html",
        {"map_countries": [(iraq, shapes["IQ"]), (chile, shapes["CL"])]},
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
