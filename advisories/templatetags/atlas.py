"""Template filters shared by the site's templates: `{% load atlas %}`."""

from django import template

register = template.Library()
