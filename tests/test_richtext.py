import re

import pytest

from publishing.richtext import render

# Hostile input collected from well-known XSS cheat sheets and filter-evasion tricks.
XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<img src=`javascript:alert(1)`>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "<math><mtext><script>alert(1)</script></mtext></math>",
    '<math href="javascript:alert(1)">x</math>',
    "<body onload=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">',
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<a href=" javascript:alert(1)">click</a>',
    '<a href="java&#x09;script:alert(1)">click</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="https://ok.example" onclick="alert(1)">x</a>',
    '<a href="https://ok.example" onmouseover=alert(1)>x</a>',
    "[click](javascript:alert(1))",
    "[click](JAVASCRIPT:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD4=)",
    "[click](vbscript:alert(1))",
    "![x](javascript:alert(1))",
    '![x](https://evil.example/x.png" onerror="alert(1))',
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<div style="width: expression(alert(1))">x</div>',
    "<style>body{background:url(javascript:alert(1))}</style>",
    "<link rel=stylesheet href=https://evil.example/x.css>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    "<input onfocus=alert(1) autofocus>",
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<audio src=x onerror=alert(1)>",
    "<marquee onstart=alert(1)>x</marquee>",
    '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
    "<!--<script>alert(1)</script>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    '<p title="</p><script>alert(1)</script>">x</p>',
    "<<script>script>alert(1)<</script>/script>",
    '"><script>alert(1)</script>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "<template><script>alert(1)</script></template>",
    '<a href="https://ok.example" style="position:fixed">x</a>',
    "<x onclick=alert(1)>x</x>",
    '<blockquote cite="javascript:alert(1)" onmouseover="alert(1)">x</blockquote>',
]

DANGEROUS = [
    re.compile(r"<\s*(script|iframe|object|embed|svg|math|style|link|meta|base|form|input)", re.I),
    re.compile(r"\son\w+\s*=", re.I),  # event handler attributes
    re.compile(
        r"\b(href|src|action|cite|background)\s*=\s*[\"']?\s*(javascript|vbscript|data):", re.I
    ),
    re.compile(r"\bstyle\s*=", re.I),
]


def test_the_corpus_is_large_enough():
    assert len(XSS_PAYLOADS) >= 40


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_no_script_handler_or_dangerous_url_survives(payload):
    html = render(payload)
    for pattern in DANGEROUS:
        assert not pattern.search(html), f"{pattern.pattern} in {html!r}"


def test_markdown_renders_to_the_allowed_tags():
    html = render("## Actions\n\n- Do **not** approach\n- Leave *now*\n\n> Stay safe")
    assert html == (
        "<h2>Actions</h2>\n<ul>\n<li>Do <strong>not</strong> approach</li>\n"
        "<li>Leave <em>now</em></li>\n</ul>\n<blockquote>\n<p>Stay safe</p>\n</blockquote>"
    )


def test_links_keep_safe_protocols_and_get_rel_nofollow_noopener():
    html = render("[STEP](https://step.state.gov) and [mail](mailto:desk@example.org)")
    assert '<a href="https://step.state.gov" rel="nofollow noopener">STEP</a>' in html
    assert '<a href="mailto:desk@example.org" rel="nofollow noopener">mail</a>' in html


def test_bare_urls_become_safe_links():
    assert 'href="https://travel.state.gov" rel="nofollow noopener"' in render(
        "See https://travel.state.gov"
    )


def test_page_title_stays_the_only_h1():
    assert render("# Heading") == "<h2>Heading</h2>"


def test_empty_text_renders_empty():
    assert render("") == ""
