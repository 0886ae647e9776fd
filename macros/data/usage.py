"""Find where glossary terms and citations are used, by scanning the Markdown sources.

Backlinks ("Used on", "Cited on") must be known before the Glossary and
References pages render, and MkDocs renders pages in order; scanning the
sources up front is deterministic and cheap.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .glossary import Glossary
from .models import Checklist

CALL = re.compile(r"\{\{-?\s*(term|cite)\(((?:[^()\"']|\"[^\"]*\"|'[^']*')*)\)\s*-?\}\}")
H1 = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)


def call_args(raw: str) -> tuple[str, ...]:
    """The string arguments of a macro call, e.g. ``"a", "b"`` → ``("a", "b")``."""
    try:
        value = ast.literal_eval(f"({raw},)")
    except (SyntaxError, ValueError):
        return ()
    return tuple(v for v in value if isinstance(v, str))


def page_title(text: str, fallback: str) -> str:
    match = H1.search(text)
    return match.group(1) if match else fallback


@dataclass
class Usage:
    """Which pages (by source path, in navigation order) use each term and citation."""

    titles: dict[str, str] = field(default_factory=dict)
    terms: dict[str, list[str]] = field(default_factory=dict)
    cites: dict[str, list[str]] = field(default_factory=dict)

    def _add(self, table: dict[str, list[str]], key: str, page: str) -> None:
        pages = table.setdefault(key, [])
        if page not in pages:
            pages.append(page)


def scan(
    pages: Iterable[tuple[str, str]],
    glossary: Glossary,
    checklists: Mapping[str, Checklist],
    glossary_page: str,
) -> Usage:
    """Scan ``(src_path, markdown)`` pairs; checklist data counts for the page that embeds it."""
    usage = Usage()
    embedded = {c.page: c for c in checklists.values()}
    for src, text in pages:
        usage.titles[src] = page_title(text, Path(src).stem)
        for match in CALL.finditer(text):
            args = call_args(match.group(2))
            if match.group(1) == "term" and args:
                entry = glossary.find(args[0])
                if entry is not None:
                    usage._add(usage.terms, entry.id, src)
            elif match.group(1) == "cite":
                for key in args:
                    usage._add(usage.cites, key, src)
        checklist = embedded.get(src)
        if checklist is not None:
            for item in checklist.items:
                for term in item.terms:
                    usage._add(usage.terms, term, src)
            for key in checklist.cite:
                usage._add(usage.cites, key, src)
    for entry in glossary.entries:
        for key in entry.cite:
            usage._add(usage.cites, key, glossary_page)
    return usage
