"""The local-page sanitiser: what Markdown writes survives, nothing that runs or fetches does."""

from __future__ import annotations

import re

import pytest
from markupsafe import Markup

from macros.render.sanitise import fill_placeholders, headings, local_id, sanitise

MARKDOWN_OUTPUT = [
    '<h2 id="a-b">A b<a class="headerlink" href="#a-b" title="Link to this section">¶</a></h2>',
    '<div class="admonition note">\n<p class="admonition-title">Note</p>\n<p>x</p>\n</div>',
    '<details class="warning">\n<summary>More</summary>\n<p>x</p>\n</details>',
    "<dl>\n<dt>Term</dt>\n<dd>Definition</dd>\n</dl>",
    "<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n</tr>\n"
    "</tbody>\n</table>",
    '<p><abbr title="Harmful sexual behaviour">HSB</abbr> text<sup id="fnref-1">'
    '<a class="footnote-ref" href="#fn-1">1</a></sup></p>',
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
        ('<h2 id="__search">Takes a theme id</h2>', '<h2 id="search">Takes a theme id</h2>'),
        ('<h2 id="md-content">Theme</h2>', '<h2 id="local-md-content">Theme</h2>'),
        ('<h2 id="HB_Record">Handbook</h2>', '<h2 id="local-hb-record">Handbook</h2>'),
        ('<h2 id="\'&quot;&gt;&lt;">Nothing left</h2>', "<h2>Nothing left</h2>"),
        (
            '<p class="md-button hb-practice-note">looks like the guidance</p>',
            '<p class="">looks like the guidance</p>',
        ),
        ("<!-- comment --><p>x</p>", "<p>x</p>"),
    ],
)
def test_what_runs_fetches_or_imitates_is_removed(html: str, kept: str) -> None:
    assert sanitise(html) == kept


def test_ids_and_links_to_them_are_lowercase_letters_digits_and_hyphens() -> None:
    hostile = (
        '<h2 id="y&quot;&gt;&lt;meta http-equiv=&quot;refresh&quot;&gt;">Two'
        '<a class="headerlink" href="#y&quot;&gt;&lt;meta http-equiv=&quot;refresh&quot;&gt;">'
        "¶</a></h2>"
    )
    assert sanitise(hostile) == (
        '<h2 id="y-meta-http-equiv-refresh">Two'
        '<a class="headerlink" href="#y-meta-http-equiv-refresh">¶</a></h2>'
    )
    footnote = '<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>'
    assert sanitise(footnote) == (
        '<sup id="fnref-1"><a class="footnote-ref" href="#fn-1">1</a></sup>'
    )
    assert local_id("A" * 300) == "a" * 100
    assert local_id("__drawer") == "drawer"
    assert local_id("hb-tip-1") == "local-hb-tip-1"


def test_headings_give_the_table_of_contents_from_sanitised_html() -> None:
    html = sanitise(
        '<h1 id="t">Title &amp; more</h1><p>x</p>'
        '<h2 id="y\'&gt;&lt;meta&gt;">Two <em>&lt;b&gt;</em>'
        '<a class="headerlink" href="#y">¶</a></h2><h3>No id</h3>'
    )
    assert headings(html) == [
        {"level": 1, "id": "t", "name": Markup("Title &amp; more")},
        {"level": 2, "id": "y-meta", "name": Markup("Two &lt;b&gt;")},
    ]


PLACEHOLDER = re.compile(r"hbtermTn(\d+)x")


def fill(html: str) -> tuple[str, list[int]]:
    return fill_placeholders(
        html,
        PLACEHOLDER,
        lambda i: Markup('<a class="term">T{}</a>').format(i),
        {0: "IIOC", 1: 'Q "<x>"'},
        {0: '{{ term("IIOC") }}', 1: "{{ term('q') }}"},
    )


def test_placeholders_become_links_in_running_text_only() -> None:
    assert fill("<p>About hbtermTn0x.</p>") == ('<p>About <a class="term">T0</a>.</p>', [])
    assert fill('<p><a href="x">see hbtermTn0x</a></p>') == ('<p><a href="x">see IIOC</a></p>', [])
    assert fill("<p><code>hbtermTn0x</code></p>") == (
        "<p><code>{{ term(&#34;IIOC&#34;) }}</code></p>",
        [],
    )
    assert fill("<pre><code>a hbtermTn1x</code></pre><p>hbtermTn1x</p>") == (
        '<pre><code>a {{ term(&#39;q&#39;) }}</code></pre><p><a class="term">T1</a></p>',
        [],
    )


def test_a_placeholder_in_a_heading_is_plain_text_and_reported() -> None:
    assert fill('<h2 id="a">A hbtermTn1x</h2><p>hbtermTn0x</p>') == (
        '<h2 id="a">A Q &#34;&lt;x&gt;&#34;</h2><p><a class="term">T0</a></p>',
        [1],
    )


@pytest.mark.parametrize(
    ("html", "kept"),
    [
        ('<p><a title="hbtermTn1x">x</a></p>', '<p><a title="Q &quot;&lt;x&gt;&quot;">x</a></p>'),
        ('<p><a href="hbtermTn2x">x</a></p>', "<p><a>x</a></p>"),  # was javascript:alert(1)
        ('<p><a href="hbtermTn3x">x</a></p>', "<p><a>x</a></p>"),  # was data:text/html,…
        ('<h2 id="hbtermTn4x">x</h2>', "<h2>x</h2>"),  # was __drawer
        ('<p><a href="#hbtermTn5x">x</a></p>', "<p><a>x</a></p>"),  # was md-content
    ],
)
def test_a_placeholder_in_an_attribute_is_text_before_the_sanitiser_checks_it(
    html: str, kept: str
) -> None:
    plain = {1: 'Q "<x>"', 2: "javascript:alert(1)", 3: "data:text/html,x", 4: "__drawer"}
    assert sanitise(html, PLACEHOLDER, {**plain, 5: "md-content"}) == kept
