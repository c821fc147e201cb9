"""Fixtures shared by the suite."""

import pytest
from django.core.cache import cache
from django.core.management import call_command

from publishing import freshness
from tests.factories import make_staff


@pytest.fixture
def editor(db):
    return make_staff("editor", "Editors")


@pytest.fixture
def publisher(db):
    return make_staff("publisher", "Publishers")


@pytest.fixture
def demo(db):
    """The demo data, loaded by the same command `make run` uses."""
    call_command("load_demo", verbosity=0)


@pytest.fixture(autouse=True)
def fresh_page_cache():
    """Each test starts with no page kept and no content state remembered from another."""
    cache.clear()
    freshness.forget_state()


@pytest.fixture
def commits(django_capture_on_commit_callbacks):
    """`with commits():` runs what waits for the commit (the content state's counter, the email
    alerts' tasks) as a real request's transaction would; a test's transaction never commits."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
