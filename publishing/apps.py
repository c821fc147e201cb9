from django.apps import AppConfig


class PublishingConfig(AppConfig):
    """What every published thing shares; abstract models only, so no tables of its own."""

    name = "publishing"
