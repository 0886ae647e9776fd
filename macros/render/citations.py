"""Citations in running text and the generated References page (templates/citations.html)."""

from __future__ import annotations

from dataclasses import dataclass

from .html import macros

TEMPLATE = macros("citations.html")


@dataclass(frozen=True)
class PageLink:
    """A link to a handbook page, already made relative to the page it appears on."""

    title: str
    href: str
