"""The site's settings with one change: a URLconf of a single hello-world view. The bench's
yardstick: what the same Django, middleware and gunicorn answer with no page to make."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.hello_urls"
