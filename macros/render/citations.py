"""Citations in running text and the generated References page."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from ..data.models import Reference
from .html import el, lines, macros


@dataclass(frozen=True)
class PageLink:
    """A link to a handbook page, already made relative to the page it appears on."""

    title: str
    href: str


MARK = "†"
MARK_NAME = "Attribution note"


def anchor(key: str) -> str:
    return f"ref-{key}"


def note_anchor(key: str) -> str:
    """The id of a reference's attribution note on the References page."""
    return f"attribution-{key}"


def one_cite(ref: Reference, href: str) -> Markup:
    """A label linking to its entry; a work the handbook attributes itself gets a mark after
    it (no space between, so the mark reads as part of the citation) leading to the note."""
    link = el("a", ref.label, href=href, class_="hb-cite")
    if not ref.attribution:
        return link
    note = f"{href.partition('#')[0]}#{note_anchor(ref.key)}"
    mark = el("a", MARK, href=note, aria_label=MARK_NAME, title=MARK_NAME)
    return link + el("sup", mark, class_="hb-cite__mark")


def cite_html(cited: Sequence[tuple[Reference, str]]) -> Markup:
    """``Lim et al., 2017; Seto, 2015`` with each label linking to its entry."""
    return Markup("; ").join(one_cite(ref, href) for ref, href in cited)


def page_links(pages: Sequence[PageLink]) -> Markup:
    return Markup(", ").join(el("a", p.title, href=p.href) for p in pages)


def reference_entry(ref: Reference, cited_on: Sequence[PageLink]) -> Markup:
    html: Markup = TEMPLATE.entry(ref, cited_on)
    return html


def sort_key(ref: Reference) -> tuple[str, int]:
    return (ref.name.casefold(), ref.year or 0)


TEMPLATE = macros("citations.html", MARK=MARK, MARK_NAME=MARK_NAME, page_links=page_links)


def references_html(
    refs: Sequence[Reference], cited_on: Mapping[str, Sequence[PageLink]]
) -> Markup:
    """Every reference, alphabetical, each with the pages that cite it."""
    return el(
        "div",
        lines(*(reference_entry(r, cited_on.get(r.key, ())) for r in sorted(refs, key=sort_key))),
        class_="hb-references",
    )
