from django.apps import AppConfig


class PublishingConfig(AppConfig):
    """What every published thing shares. Its models are abstract; its only tables are the
    version tables django-simple-history keeps for the content apps' models (history is
    publishing's), so its migrations follow theirs while its code imports neither."""

    name = "publishing"
