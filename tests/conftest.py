"""Fixtures shared by the suite."""

import pytest
from django.core.management import call_command

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
