"""The local-page sanitiser: what Markdown writes survives, nothing that runs or fetches does."""

from __future__ import annotations

import re

import pytest
from markupsafe import Markup

from macros.render.sanitise import fill_placeholders, sanitise

MARKDOWN_OUTPUT = [
    '<h2 id="a-b">A b<a class="headerlink" href="#a-b" title="Link to this section">¶</a></h2>',
    '<div class="admonition note">\n<p class="admonition-title">Note</p>\n<p>x</p>\n</div>',
    '<details class="warning">\n<summary>More</summary>\n<p>x</p>\n</details>',
    "<dl>\n<dt>Term</dt>\n<dd>Definition</dd>\n</dl>",
    "<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n</tr>\n"
    "</tbody>\n</table>",
    '<p><abbr title="Harmful sexual behaviour">HSB</abbr> text<sup id="fnref:1">'
    '<a class="footnote-ref" href="#fn:1">1</a></sup></p>',
    '<p><a href="https://example.org/a?b=c">x</a> <a href="mailto:a@example.org">m</a> '
    '<a href="tel:+441234">t</a> <a href="../other/">r</a></p>',
    '<ol start="3">\n<li>a</li>\n</ol>',
    '<div class="highlight"><pre><span></span><code><span class="n">code</span>\n</code></pre></div>',
]


@pytest.mark.parametrize("html", MARKDOWN_OUTPUT)
def test_what_markdown_writes_is_kept(html: str) -> None:
    assert sanitise(html) == html


@pytest.mark.parametrize(
    ("html", "kept"),
    [
        ('<p onclick="alert(1)">x</p>', "<p>x</p>"),  # attr_list {: onclick=... }
        ('<a href="javascript:alert(1)">x</a>', "<a>x</a>"),
        ('<a href="JaVaScRiPt:alert(1)">x</a>', "<a>x</a>"),
        ('<a href="java&#x09;script:alert(1)">x</a>', "<a>x</a>"),
        ('<a href="vbscript:msgbox(1)">x</a>', "<a>x</a>"),
        ('<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">x</a>', "<a>x</a>"),
        ('<a href="file:///etc/passwd">x</a>', "<a>x</a>"),
        (
            '<a href="https://example.org" ping="https://evil.example">x</a>',
            '<a href="https://example.org">x</a>',
        ),
        ('<p style="position:fixed;inset:0">x</p>', "<p>x</p>"),
        ("<script>alert(1)</script>text", "text"),
        ("<style>body{display:none}</style>text", "text"),
        ('<img src="https://evil.example/t.png" onerror="alert(1)">', ""),
        ('<meta http-equiv="refresh" content="0;url=https://evil.example">', ""),
        ('<iframe src="https://evil.example"></iframe>', ""),
        ('<form action="https://evil.example"><input name="q"></form>', ""),
        ('<svg onload="alert(1)"><a href="#x">s</a></svg>', ""),
        ('<link rel="attachment" href="file:///etc/passwd">', ""),
        ('<base href="https://evil.example/">', ""),
        ('<object data="x.swf"></object>', ""),
        ('<h2 id="__search">Takes a theme id</h2>', "<h2>Takes a theme id</h2>"),
        (
            '<p class="md-button hb-practice-note">looks like the guidance</p>',
            '<p class="">looks like the guidance</p>',
        ),
        ("<!-- comment --><p>x</p>", "<p>x</p>"),
    ],
)
def test_what_runs_fetches_or_imitates_is_removed(html: str, kept: str) -> None:
    assert sanitise(html) == kept


PLACEHOLDER = re.compile(r"hbtermTn(\d+)x")


def fill(html: str) -> str:
    return fill_placeholders(
        html,
        PLACEHOLDER,
        lambda i: Markup('<a class="term">T{}</a>').format(i),
        {0: "IIOC", 1: 'Q "<x>"'},
        {0: '{{ term("IIOC") }}', 1: "{{ term('q') }}"},
    )


def test_placeholders_become_links_in_running_text_only() -> None:
    assert fill("<p>About hbtermTn0x.</p>") == '<p>About <a class="term">T0</a>.</p>'
    assert fill('<p><a href="x">see hbtermTn0x</a></p>') == '<p><a href="x">see IIOC</a></p>'
    assert fill("<p><code>hbtermTn0x</code></p>") == (
        "<p><code>{{ term(&#34;IIOC&#34;) }}</code></p>"
    )
    assert fill('<p><a title="hbtermTn1x">x</a></p>') == (
        '<p><a title="Q &#34;&lt;x&gt;&#34;">x</a></p>'
    )
    assert fill("<pre><code>a hbtermTn1x</code></pre><p>hbtermTn1x</p>") == (
        '<pre><code>a {{ term(&#39;q&#39;) }}</code></pre><p><a class="term">T1</a></p>'
    )
