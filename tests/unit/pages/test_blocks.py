"""Block HTML kept out of Markdown and put back after it (macros/pages/blocks.py)."""

from __future__ import annotations

import re

import markdown
from markupsafe import Markup

from macros.pages.blocks import Blocks

BLOCK = Markup(
    '<section class="hb-checklist"><h2 id="q">Questions</h2>\n<p>One &amp; two</p></section>'
)


def convert(text: str) -> str:
    return str(markdown.markdown(text, extensions=["md_in_html", "admonition", "fenced_code"]))


def tags(html: str) -> str:
    """The HTML without the whitespace between tags (which does not show)."""
    return re.sub(r">\s+<", "><", html)


def test_a_block_comes_back_unchanged_where_the_macro_was() -> None:
    blocks = Blocks()
    held = blocks.hold("a.md", BLOCK)
    html, lost = blocks.restore("a.md", convert(f"# Title\n\nBefore.\n\n{held}\n\nAfter.\n"))
    assert lost == 0
    assert tags(html) == tags(f"<h1>Title</h1><p>Before.</p>{BLOCK}<p>After.</p>")


def test_the_page_is_the_same_as_when_markdown_passed_the_html_through() -> None:
    page = "# Title\n\n{}\n\n- item\n\n{}\n\nText.\n\n{}\n"
    direct = convert(page.format(BLOCK, BLOCK, BLOCK))
    blocks = Blocks()
    held = [blocks.hold("a.md", BLOCK) for _ in range(3)]
    html, lost = blocks.restore("a.md", convert(page.format(*held)))
    assert (tags(html), lost) == (tags(direct), 0)


def test_a_block_in_an_admonition_stays_a_block() -> None:
    """Passed through Markdown there, a multi-line block was wrapped in a paragraph."""
    blocks = Blocks()
    held = blocks.hold("a.md", BLOCK)
    html, lost = blocks.restore("a.md", convert(f"!!! note\n\n    {held}\n"))
    assert lost == 0
    assert tags(html) == tags(
        f'<div class="admonition note"><p class="admonition-title">Note</p>{BLOCK}</div>'
    )


def test_blocks_belong_to_their_page() -> None:
    blocks = Blocks()
    held = blocks.hold("a.md", BLOCK)
    assert blocks.restore("b.md", held) == (held, 0)  # another page cannot use it
    assert blocks.restore("a.md", held) == (str(BLOCK), 0)
    assert blocks.restore("a.md", held) == (held, 0)  # and it is used once


def test_a_block_that_lost_its_place_is_counted() -> None:
    blocks = Blocks()
    held = blocks.hold("a.md", BLOCK)
    html, lost = blocks.restore("a.md", convert(f"```\n{held}\n```\n"))
    assert lost == 1
    assert str(BLOCK) not in html


def test_a_comment_typed_in_a_page_is_not_a_block() -> None:
    blocks = Blocks()
    blocks.hold("a.md", BLOCK)
    typed = "<!--hb-block-0000000000000000-1-->"
    assert blocks.restore("a.md", typed) == (typed, 1)
