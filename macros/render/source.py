"""The Source block under a section (the slides' words and the notes on them), and the
Source coverage table (templates/source.html)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from markupsafe import Markup

from ..data.source import Passage, Row, Trace
from .citations import PageLink
from .html import macros

TEMPLATE = macros("source.html")


def wording_html(passage: Passage, coverage_href: str) -> Markup:
    html: Markup = TEMPLATE.wording(passage, coverage_href)
    return html


def coverage_html(rows: Sequence[Row], link: Callable[[Trace], PageLink]) -> Markup:
    traced = sum(1 for r in rows if r.traces)
    left = sum(1 for r in rows if r.reason)
    html: Markup = TEMPLATE.coverage(rows, link, traced, left)
    return html
