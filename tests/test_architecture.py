"""Dependencies point one way: front, api and alerts → articles → advisories → publishing.
(The top three are the site's faces: they may use everything below, and nothing below them.)"""

import ast
from pathlib import Path

import pytest
from django.conf import settings

# Each app, and the apps it must never import.
FACES = {"front", "api", "alerts"}
NEVER_IMPORTS = {
    "publishing": {"advisories", "articles", *FACES},
    "advisories": {"articles", *FACES},
    "articles": FACES,
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
