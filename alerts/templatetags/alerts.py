"""The "Email me" link beside a page's feeds (templates/includes/_subscribe.html)."""

from django import template
from django.urls import Resolver404, resolve, reverse
from django.utils.http import urlencode

register = template.Library()


@register.filter
def alerts_url(feed_url):
    """The subscribe form for what an advisory feed lists, by the advisory list's filter: the
    feed's own query string, or a country feed's `country=<iso>`. "" for any other feed."""
    path, _, query = str(feed_url).partition("?")
    try:
        match = resolve(path)
    except Resolver404:
        return ""
    if match.view_name == "advisories:country-feed-rss":
        query = urlencode({"country": match.kwargs["iso"]})
    elif match.view_name != "advisories:feed-rss":
        return ""
    return reverse("alerts:subscribe") + (f"?{query}" if query else "")
