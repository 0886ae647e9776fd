"""Glossary term links (with tooltips) and the generated Glossary page
(templates/glossary.html)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from itertools import groupby

from markupsafe import Markup

from ..data.models import GlossaryEntry
from .html import macros


def letter(entry: GlossaryEntry) -> str:
    first = entry.term[:1].upper()
    return first if first.isalpha() else "#"


def aliases(entry: GlossaryEntry) -> list[str]:
    """The aliases shown: not the term itself in other letter case."""
    return [a for a in entry.aliases if a.casefold() != entry.term.casefold()]


TEMPLATE = macros("glossary.html", aliases=aliases)


def glossary_html(
    entries: Sequence[GlossaryEntry],
    links: Mapping[str, Mapping[str, Sequence[object]]],
    cite: Callable[[Sequence[str]], Markup],
) -> Markup:
    """The whole glossary: a letter index, then entries grouped by initial letter. ``links``:
    by entry id, what it links to besides its definition: the page that explains the term
    (``explained``, one or none), the pages that use it (``used_on``), and its spellings search
    finds it by (``aids``, data/search-aids.yml; the other aids are in the index only)."""
    names = {e.id: e.heading for e in entries}
    groups = [
        (k, list(g))
        for k, g in groupby(sorted(entries, key=lambda e: e.term.casefold()), key=letter)
    ]
    return TEMPLATE.glossary(groups, names, links, cite)
