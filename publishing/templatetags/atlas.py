"""Template filters shared by the site's templates: `{% load atlas %}`."""

from django import template

from publishing import richtext

register = template.Library()


@register.filter
def highlight(snippet):
    """`{{ advisory.snippet|highlight }}`: the matched words of a search snippet in <mark>."""
    return richtext.highlight_snippet(snippet)
