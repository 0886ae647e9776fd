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


def anchor(key: str) -> str:
    return f"ref-{key}"


def cite_html(cited: Sequence[tuple[Reference, str]]) -> Markup:
    """``Lim et al., 2017; Seto, 2015`` with each label linking to its entry."""
    return Markup("; ").join(el("a", ref.label, href=href, class_="hb-cite") for ref, href in cited)


def page_links(pages: Sequence[PageLink]) -> Markup:
    return Markup(", ").join(el("a", p.title, href=p.href) for p in pages)


def reference_entry(ref: Reference, cited_on: Sequence[PageLink]) -> Markup:
    head: list[Child] = [el("strong", f"{ref.name}{f' ({ref.year})' if ref.year else ''}.")]
    if ref.title and ref.authors:
        head += [" ", el("cite", ref.title), "."]
    if ref.publisher:
        unnamed = "" if ref.authors else "; no author named on the slides"
        head += [f" Publisher: {ref.publisher}{unnamed}."]
    if ref.url:
        head += [" ", el("a", str(ref.url), href=str(ref.url), class_="hb-ref__url")]
    return el(
        "div",
        lines(
            el("p", head, class_="hb-ref__entry"),
            el("p", el("span", "Cited for: ", class_="hb-ref__label"), ref.cited_for),
            el(
                "p",
                el("span", "Not from the slides: ", class_="hb-ref__label"),
                ref.from_outside_source,
                class_="hb-ref__outside",
            )
            if ref.from_outside_source
            else None,
            el(
                "p",
                el("span", "Cited on: ", class_="hb-ref__label"),
                page_links(cited_on),
                data_search_exclude=True,  # page titles, not what the work is cited for
            )
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
