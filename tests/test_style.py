"""The stylesheet: one palette for the levels, readable in light and dark mode, no framework."""

import re
from pathlib import Path

import pytest
from django.conf import settings

CSS = (Path(settings.BASE_DIR) / "static" / "css" / "site.css").read_text()
LIGHT, DARK = CSS.split("@media (prefers-color-scheme: dark)", 1)


def colours(block):
    return dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", block))


def luminance(hex_colour):
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a, b):
    high, low = sorted([luminance(a), luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("level", ["1", "2", "3", "4", "none"])
def test_every_level_badge_passes_wcag_aa_in_both_schemes(scheme, level):
    palette = colours(LIGHT)
    if scheme == "dark":
        palette |= colours(DARK.split("\n}\n", 1)[0])
    assert contrast(palette[f"level-{level}"], palette[f"level-{level}-text"]) >= 4.5


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_body_text_and_links_pass_wcag_aa(scheme):
    palette = colours(LIGHT)
    if scheme == "dark":
        palette |= colours(DARK.split("\n}\n", 1)[0])
    assert contrast(palette["fg"], palette["bg"]) >= 7
    assert contrast(palette["link"], palette["bg"]) >= 4.5
    assert contrast(palette["muted"], palette["bg"]) >= 4.5


def test_levels_are_blue_yellow_orange_red():
    palette = colours(LIGHT)
    red, green, blue = (int(palette["level-1"][i : i + 2], 16) for i in (1, 3, 5))
    assert blue > red and blue > green
    for level, hue in [("2", (40, 60)), ("3", (15, 35)), ("4", (-10, 10))]:
        r, g, b = (int(palette[f"level-{level}"][i : i + 2], 16) / 255 for i in (1, 3, 5))
        h = (60 * (g - b) / (max(r, g, b) - min(r, g, b))) % 360
        h = h - 360 if h > 180 else h
        assert hue[0] <= h <= hue[1], (level, h)


def test_the_site_uses_no_css_framework_and_no_external_resources():
    assert "@import" not in CSS and "http" not in CSS


def test_the_admin_badges_use_the_sites_level_colours():
    admin_css = (Path(settings.BASE_DIR) / "static" / "css" / "admin.css").read_text()
    admin = colours(admin_css)
    site = colours(LIGHT)
    assert set(admin) == {f"level-{n}{text}" for n in "1234" for text in ("", "-text")}
    assert admin == {name: site[name] for name in admin}
    for level in "1234":
        assert f".level-badge.level-{level} {{ background: var(--level-{level}); " in admin_css


def test_printing_leaves_out_navigation_and_filters_and_writes_links_out():
    printed = CSS.split("@media print {", 1)[1]
    for hidden in [".site-header", ".filters", ".chips", ".subscribe", ".map-section"]:
        assert hidden in printed.split("{", 1)[0], hidden
    assert 'content: " (" attr(href) ")"' in printed
    assert "print-color-adjust: exact" in printed  # the level colours stay on paper


def test_there_is_a_favicon_and_every_page_names_it():
    assert (Path(settings.BASE_DIR) / "static" / "favicon.ico").stat().st_size < 4096
    base = (Path(settings.BASE_DIR) / "templates" / "base.html").read_text()
    assert '<link rel="icon" href="{% static \'favicon.ico\' %}"' in base
