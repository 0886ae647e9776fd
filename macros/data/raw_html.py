"""How deeply a local page's own HTML nests, where the overlay allows raw HTML.

Every later step walks the page's elements (Python-Markdown, the sanitiser, the search
index, WeasyPrint for the handbook PDF), and some of them recursively: a few thousand
nested elements stopped the build with a Python traceback. A page is refused, one line
naming the file and line, when its elements nest deeper than :data:`MAX_DEPTH`.
"""

from __future__ import annotations

from html.parser import HTMLParser

MAX_DEPTH = 40  # a real page nests a few levels: a table in a list in a details block
# Elements that hold no others, and those whose end tag may be left out (the next one of
# their kind ends them): neither makes the page deeper.
FLAT = frozenset(
    {
        *("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta"),
        *("source", "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option"),
        *("optgroup", "thead", "tbody", "tfoot", "colgroup", "caption", "rb", "rt", "rp"),
    }
)


class _Depth(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.too_deep: int | None = None  # the line where the page first goes too deep

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in FLAT or self.too_deep is not None:
            return
        self.open.append(tag)
        if len(self.open) > MAX_DEPTH:
            self.too_deep = self.getpos()[0]

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """``<x/>`` opens nothing."""

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:  # closes everything opened after the last one of its kind
            while self.open.pop() != tag:
                pass


def too_deep(text: str, label: str, first_line: int) -> list[str]:
    """The problem with ``text`` (from ``first_line`` of its file) if its elements nest
    deeper than :data:`MAX_DEPTH`, as one line naming the file and line."""
    parser = _Depth()
    parser.feed(text)
    parser.close()
    if parser.too_deep is None:
        return []
    return [
        f"{label}: line {parser.too_deep + first_line - 1}: HTML elements nested more than "
        f"{MAX_DEPTH} deep"
    ]
