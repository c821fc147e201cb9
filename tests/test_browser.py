"""The public pages in a real browser (Debian's Chromium, driven by Playwright), at a phone's size
and a desktop's: each answers, nothing runs off the side of the screen, every level is written in
full, axe-core finds no serious or critical accessibility violation, the lists show their first
result without scrolling, every map marker is a 24 px target, the skip links work from the
keyboard, and a full-page screenshot of each page (and of a country's page as printed) is left
in screenshots/ for a person to look at."""

import io
from contextlib import closing
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.urls import reverse

from advisories.models import Advisory
from tests.importing import SAMPLES

sync_api = pytest.importorskip("playwright.sync_api")
# axe-core's own build, as the PyPI package ships it (see requirements-dev.txt).
axe = pytest.importorskip("axe_playwright_python.sync_playwright")

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium"),
    # The live server reads what the test wrote, so the rows are committed, then flushed.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SCREENSHOTS = Path(settings.BASE_DIR) / "screenshots"
SIZES = {"phone": (390, 844), "desktop": (1366, 900)}
ARTICLE = "/articles/state-department-tells-americans-in-iraq-to-leave-immediately/"
PAGES = {
    "home": "/",
    "countries": "/countries/",
    "iraq": "/countries/iq/",
    "disagreements": "/countries/disagreements/",
    "advisories": "/advisories/?level=4",
    "founding-alert": "/advisories/iraq-security-alert-2020-01-03-depart-immediately/",
    "articles": "/articles/?place=iraq",
    "article": ARTICLE,
    "people": "/people/",
    "person": "/people/ian-lee/",
    "place": "/places/baghdad/",
    "search": "/search/?q=iraq+leave",
    "email-alerts": "/alerts/subscribe/?level=4&indicator=T&region=middle-east",
}
# The lists whose first result must show without scrolling, on a phone as on a desktop.
LISTS = ["advisories", "articles", "search"]
SERIOUS = {"serious", "critical"}
MARKER = 24  # px: WCAG 2.5.8's minimum target size
# Chromium as root, headless, and quiet on a machine without internet.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def launch(playwright):
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


def serious_violations(page):
    """axe-core's serious and critical violations on the page, as "rule: targets" lines."""
    violations = axe.Axe().run(page).response["violations"]
    return [
        f"{v['id']}: {[node['target'] for node in v['nodes']]}"
        for v in violations
        if v["impact"] in SERIOUS
    ]


def tab_to(page, selector, most=40):
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(most):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return
    pytest.fail(f"{selector} never took the focus")


def check_skip_links(page, url):
    """ "Skip to content" from the first Tab, and "Skip the map" to the text list beside it."""
    page.goto(url)
    tab_to(page, ".skip-link", most=1)
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "content"
    page.goto(url)
    tab_to(page, ".skip-map")
    assert page.locator(".skip-map").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "map-list"
    page.keyboard.press("Tab")  # the next stop is the list's first country, past every map link
    assert page.evaluate("document.activeElement.closest('#map-list') !== null")


def check_markers(page, size):
    """Every marker on the home page's maps is a target of 24 px or more."""
    markers = page.locator(".map-marker")
    assert markers.count() >= 10
    for box in (markers.nth(i).bounding_box() for i in range(markers.count())):
        assert box["width"] >= MARKER and box["height"] >= MARKER, (size, box)


def import_other_governments():
    """Canada's and Australia's saved advice beside the demo's, where the samples are here, so
    that the country page compares governments as it will in use."""
    for command, name in [
        ("import_canada", "canada-travel-advisories-index.2014-03-02.json"),
        ("import_smartraveller", "smartraveller-destinations-export.2026-04.json"),
    ]:
        if (SAMPLES / name).exists():
            call_command(command, str(SAMPLES / name), stdout=io.StringIO(), stderr=io.StringIO())


# One test for every size and page: the demo data is loaded, committed and flushed once.
def test_the_public_pages_work_for_readers_on_phones_and_desktops(live_server, monkeypatch):
    # Before Playwright starts: inside it the ORM would open a connection of its own (its
    # greenlets have their own context), which nothing would close.
    call_command("load_demo", verbosity=0)
    import_other_governments()
    SCREENSHOTS.mkdir(exist_ok=True)
    # Playwright's sync API runs an event loop in this thread; no ORM call runs inside it.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_api.sync_playwright() as playwright, closing(launch(playwright)) as browser:
        for size, (width, height) in SIZES.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            for name, path in PAGES.items():
                response = page.goto(live_server.url + path)
                assert response.status == 200, name
                assert page.evaluate("document.documentElement.scrollWidth") <= width, (name, size)
                footer = page.inner_text(".site-footer")
                assert "Level 1: Exercise Normal Precautions · Level 2: Exercise" in footer
                assert serious_violations(page) == [], (name, size)
                if name in LISTS:
                    first = page.locator(".item-list > li").first.bounding_box()
                    assert first["y"] + first["height"] <= height, (name, size, first)
                page.screenshot(path=SCREENSHOTS / f"{name}-{size}.png", full_page=True)
            page.goto(live_server.url + "/")
            check_markers(page, size)
            check_skip_links(page, live_server.url + "/")
            page.goto(live_server.url + PAGES["iraq"])
            page.emulate_media(media="print")
            page.screenshot(path=SCREENSHOTS / f"iraq-printed-{size}.png", full_page=True)
            page.close()


def test_the_history_and_comparison_pages_for_staff_on_phones_and_desktops(
    live_server, monkeypatch
):
    call_command("load_demo", verbosity=0)
    User.objects.create_user("pat", password="a long pass phrase", is_staff=True).groups.add(
        Group.objects.get(name="Publishers")
    )
    alert = Advisory.objects.get(slug="iraq-security-alert-2020-01-03-depart-immediately")
    SCREENSHOTS.mkdir(exist_ok=True)
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_api.sync_playwright() as playwright, closing(launch(playwright)) as browser:
        for size, (width, height) in SIZES.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(live_server.url + reverse("admin:login"))
            page.fill("#id_username", "pat")
            page.fill("#id_password", "a long pass phrase")
            page.click("input[type=submit]")
            # Draft an update of the founding alert and change its text and places.
            change = reverse("admin:advisories_advisory_change", args=[alert.pk])
            page.goto(live_server.url + change)
            page.click("text=Draft an update")
            draft_change = page.url
            page.fill("#id_summary", "U.S. citizens should depart Iraq now, by air or by land.")
            page.fill("#id_change_note", "Departure by land added.")
            page.click("input[name=_continue]")
            assert "was changed successfully" in page.inner_text("#main")
            # Its History page, then its first version against the one saved now.
            page.goto(draft_change.replace("/change/", "/history/"))
            assert "Compare with now" in page.inner_text("#content")
            page.screenshot(path=SCREENSHOTS / f"admin-history-{size}.png", full_page=True)
            page.click("text=Compare with now >> nth=-1")
            assert "<ins>" in page.inner_html("table.version-diff")
            page.screenshot(path=SCREENSHOTS / f"admin-compare-{size}.png", full_page=True)
            page.close()
