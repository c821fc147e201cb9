"""Dependencies point one way: front → articles → advisories → publishing."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

# Each app, and the apps it must never import.
NEVER_IMPORTS = {
    "publishing": {"advisories", "articles", "front"},
    "advisories": {"articles", "front"},
    "articles": {"front"},
}


def imported_apps(path):
    """The top-level packages a module imports."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module.split(".")[0]


@pytest.mark.parametrize("app", NEVER_IMPORTS)
def test_an_app_never_imports_the_apps_above_it(app):
    modules = sorted((Path(settings.BASE_DIR) / app).rglob("*.py"))
    assert modules
    for module in modules:
        assert not NEVER_IMPORTS[app] & set(imported_apps(module)), module
