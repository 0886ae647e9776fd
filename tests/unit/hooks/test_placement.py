"""Where a note goes in a rendered page."""

from __future__ import annotations

from macros.hooks.local_hooks import heading_pattern, insert_after


def test_note_goes_after_its_heading() -> None:
    html = '<h1 id="t">T</h1>\n<h2 id="b">B<a class="headerlink" href="#b">¶</a></h2>\n<p>x</p>'
    assert insert_after(html, heading_pattern("b"), "<aside/>") == html.replace(
        "</h2>", "</h2>\n<aside/>"
    )
    assert insert_after(html, heading_pattern("nope"), "<aside/>") is None
