"""The one place where text written by staff or imported from a source becomes HTML.

Markdown (and any raw HTML inside it, as official feeds send) is rendered, then cleaned by bleach
against a strict allowlist. Every model that stores rich text calls `render` in `save()`.
"""

from functools import partial

import bleach
import markdown
from bleach.linkifier import LinkifyFilter
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

ALLOWED_TAGS = frozenset(
    {"p", "br", "em", "strong", "b", "i", "ul", "ol", "li", "blockquote", "a", "code", "pre", "hr"}
    | {"h2", "h3", "h4", "h5", "h6"}
)
ALLOWED_ATTRIBUTES = {"a": ["href", "title"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
SAFE_LINK_REL = "nofollow noopener"


def _set_rel(attrs, new=False):
    attrs[(None, "rel")] = SAFE_LINK_REL
    return attrs


_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
    filters=[partial(LinkifyFilter, callbacks=[_set_rel], skip_tags={"pre", "code"})],
)


def render(text):
    """Render Markdown written by staff (or HTML from a source) to sanitized HTML."""
    if not text:
        return ""
    # Headings start at h2: the page title is the only h1.
    html = markdown.markdown(text, extensions=["sane_lists"], output_format="html")
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    return _cleaner.clean(html)


# Search snippets arrive as plain text with the matched words between these two private-use
# characters (see advisories.search); only `highlight_snippet` turns them into markup.
MARK_START = "\ue000"
MARK_STOP = "\ue001"


def highlight_snippet(text):
    """Escape a search snippet, then wrap its marked words in <mark>."""
    escaped = conditional_escape(text or "")
    return mark_safe(escaped.replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>"))
