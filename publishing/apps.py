from django.apps import AppConfig


class PublishingConfig(AppConfig):
    """What every published thing shares. Its models are abstract; its tables are the version
    tables django-simple-history keeps for the content apps' models (history is publishing's),
    so its migrations follow theirs while its code imports neither, and the one row of
    ContentState (see publishing.freshness)."""

    name = "publishing"

    def ready(self):
        from publishing import freshness

        freshness.connect_signals()
