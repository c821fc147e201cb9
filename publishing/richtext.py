"""The one place where text written by staff or imported from a source is cleaned: control
characters out of all of it, and Markdown or a source's HTML into sanitized HTML.

Markdown (and any raw HTML inside it, as official feeds send) is rendered, then cleaned by bleach
against a strict allowlist. Every model that stores rich text calls `render` in `save()`.
"""

import re
from difflib import SequenceMatcher
from functools import partial
from urllib.parse import urljoin

import bleach
import markdown
from bleach.linkifier import LinkifyFilter
from django.utils.html import escape, format_html
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


# The control characters XML 1.0 cannot carry: all but tab, newline and carriage return. One
# pasted from a word processor (a vertical tab) would otherwise break every feed that lists it.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def strip_control_characters(text):
    """`text` without the control characters XML cannot carry; anything not a str unchanged."""
    return _CONTROL.sub("", text) if isinstance(text, str) else text


def stored_text(value):
    """Text as every row stores it (see publishing.models.CleanText): without the control
    characters XML cannot carry, with one kind of line end (a browser posts \\r\\n) and no
    space at either end, as the admin's forms leave it. Anything not a str comes back as it is."""
    if not isinstance(value, str):
        return value
    return strip_control_characters(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def render(text):
    """Render Markdown written by staff (or HTML from a source) to sanitized HTML."""
    if not text:
        return ""
    # Headings start at h2: the page title is the only h1.
    html = markdown.markdown(text, extensions=["sane_lists"], output_format="html")
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    return _cleaner.clean(html)


# Elements whose text means nothing outside them: dropped whole, not just untagged.
_INVISIBLE = re.compile(r"<(script|style|template|noscript)\b.*?(</\1\s*>|\Z)", re.I | re.S)
_HREF = re.compile(r"""(\bhref\s*=\s*)(["'])(.*?)\2""", re.I | re.S)


def from_html(html, base_url=""):
    """HTML from a source (a feed's description) as a body: cleaned like all rich text, links made
    absolute against `base_url`, inside a <div> so that `render` passes it through as raw HTML
    (Markdown would otherwise read an indented line as code). `render` cleans it once more.
    """
    if not html or not html.strip():
        return ""
    html = _INVISIBLE.sub("", html)
    if base_url:
        html = _HREF.sub(lambda m: f"{m[1]}{m[2]}{urljoin(base_url, m[3].strip())}{m[2]}", html)
    return f"<div>\n{_cleaner.clean(html).strip()}\n</div>"


# Search snippets arrive as plain text with the matched words between these two private-use
# characters (see publishing.search); only `highlight_snippet` turns them into markup.
MARK_START = "\ue000"
MARK_STOP = "\ue001"


_MARKED = re.compile(f"{MARK_START}([^{MARK_START}{MARK_STOP}]*){MARK_STOP}")


def highlight_snippet(text):
    """Escape a search snippet (plain text, never trusted), then wrap its marked words in <mark>.

    Only a start and a stop sentinel in that order make a <mark>; a stray one (staff may paste
    any character) is dropped, so the result is always well-formed.
    """
    escaped = escape(text or "")
    marked = _MARKED.sub(r"<mark>\1</mark>", escaped)
    return mark_safe(marked.replace(MARK_START, "").replace(MARK_STOP, ""))


def word_diff(old, new):
    """`new` against `old`, word by word, as HTML: removed words in <del>, added ones in <ins>,
    every word escaped."""
    before, after = str(old or "").split(), str(new or "").split()
    parts = []
    for op, i1, i2, j1, j2 in SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(escape(" ".join(before[i1:i2])))
        if op in ("delete", "replace"):
            parts.append(format_html("<del>{}</del>", " ".join(before[i1:i2])))
        if op in ("insert", "replace"):
            parts.append(format_html("<ins>{}</ins>", " ".join(after[j1:j2])))
    return mark_safe(" ".join(parts))
