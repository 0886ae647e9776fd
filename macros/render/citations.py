"""Citations in running text and the generated References page."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from ..data.models import Reference
from .html import Child, el, lines


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


def _labelled(label: str, text: Markup | str, **attributes: str | bool) -> Markup:
    return el("p", el("span", label, class_="hb-ref__label"), text, **attributes)


def reference_entry(ref: Reference, cited_on: Sequence[PageLink]) -> Markup:
    head: list[Child] = [el("strong", f"{ref.name}{f' ({ref.year})' if ref.year else ''}.")]
    if ref.title and ref.authors:
        head += [" ", el("cite", ref.title), "."]
    if ref.publisher:
        unnamed = "" if ref.authors else "; no author named on the slides"
        head += [f" Publisher: {ref.publisher}{unnamed}."]
    if ref.url:
        head += [" ", el("a", str(ref.url), href=str(ref.url), class_="hb-ref__url")]
    outside, note = ref.from_outside_source, ref.attribution
    return el(
        "div",
        lines(
            el("p", head, class_="hb-ref__entry"),
            _labelled("Cited for: ", ref.cited_for),
            _labelled("Not from the slides: ", outside, class_="hb-ref__outside")
            if outside
            else None,
            _labelled(
                f"{MARK_NAME} ({MARK}): ",
                note,
                id=note_anchor(ref.key),
                class_="hb-ref__attribution",
            )
            if note
            else None,
            # page titles, not what the work is cited for
            _labelled("Cited on: ", page_links(cited_on), data_search_exclude=True)
            if cited_on
            else None,
        ),
        id=anchor(ref.key),
        class_="hb-ref",
    )


def sort_key(ref: Reference) -> tuple[str, int]:
    return (ref.name.casefold(), ref.year or 0)


def references_html(
    refs: Sequence[Reference], cited_on: Mapping[str, Sequence[PageLink]]
) -> Markup:
    """Every reference, alphabetical, each with the pages that cite it."""
    return el(
        "div",
        lines(*(reference_entry(r, cited_on.get(r.key, ())) for r in sorted(refs, key=sort_key))),
        class_="hb-references",
    )
