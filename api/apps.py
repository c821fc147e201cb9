from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The read-only JSON API under /api/v1/: what the pages show, for programs."""

    name = "api"

    def ready(self):
        from api import schema  # noqa: F401 (registers the OpenAPI extension)
