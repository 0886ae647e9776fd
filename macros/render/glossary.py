"""Glossary term links (with tooltips) and the Glossary page (templates/glossary.html)."""

from __future__ import annotations

from ..data.models import GlossaryEntry
from .html import macros


def letter(entry: GlossaryEntry) -> str:
    first = entry.term[:1].upper()
    return first if first.isalpha() else "#"


def aliases(entry: GlossaryEntry) -> list[str]:
    """The aliases shown: not the term itself in other letter case."""
    return [a for a in entry.aliases if a.casefold() != entry.term.casefold()]


TEMPLATE = macros("glossary.html", aliases=aliases)
