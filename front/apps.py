from django.apps import AppConfig


class FrontConfig(AppConfig):
    """The pages that show both apps: home, countries, places, search, the health check."""

    name = "front"
