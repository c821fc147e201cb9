"""The main pages in a real browser (Debian's Chromium, driven by Playwright), at a phone's size
and a desktop's: each answers, nothing runs off the side of the screen, every level is written
in full, and a full-page screenshot of each is left in screenshots/ for a person to look at."""

from contextlib import closing
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

sync_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium"),
    # The live server reads what the test wrote, so the rows are committed, then flushed.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SCREENSHOTS = Path(settings.BASE_DIR) / "screenshots"
SIZES = {"phone": (390, 844), "desktop": (1366, 900)}
PAGES = {
    "home": "/",
    "countries": "/countries/",
    "iraq": "/countries/iq/",
    "advisories": "/advisories/?level=4",
    "founding-alert": "/advisories/iraq-security-alert-2020-01-03-depart-immediately/",
    "search": "/search/?q=baghdad",
}
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


# One test for every size and page: the demo data is loaded, committed and flushed once.
def test_the_main_pages_fit_the_screen_and_name_each_level_in_full(live_server, monkeypatch):
    # Before Playwright starts: inside it the ORM would open a connection of its own (its
    # greenlets have their own context), which nothing would close.
    call_command("load_demo", verbosity=0)
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
                page.screenshot(path=SCREENSHOTS / f"{name}-{size}.png", full_page=True)
            page.close()
