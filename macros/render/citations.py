"""Citations in running text and the generated References page (templates/citations.html)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from ..data.models import Reference
from .html import macros

TEMPLATE = macros("citations.html")


@dataclass(frozen=True)
class PageLink:
    """A link to a handbook page, already made relative to the page it appears on."""

    title: str
    href: str


def cite_html(cited: Sequence[tuple[Reference, str]]) -> Markup:
    """``Lim et al., 2017; Seto, 2015`` with each label linking to its entry."""
    return TEMPLATE.cite(cited)


def references_html(
    refs: Sequence[Reference], cited_on: Mapping[str, Sequence[PageLink]]
) -> Markup:
    """Every reference, alphabetical, each with the pages that cite it."""
    return TEMPLATE.references(
        sorted(refs, key=lambda r: (r.name.casefold(), r.year or 0)), cited_on
    )
