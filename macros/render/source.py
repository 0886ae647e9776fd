"""The Source block under a section (the slides' words and the notes on them), and the
Source coverage table."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from markupsafe import Markup

from ..data.source import Passage, Row, Trace
from .citations import PageLink
from .html import el, lines

SUMMARY = "Source wording"
SUMMARY_NOTES = "Source and notes"  # a block that also carries notes on the source


def notes_html(notes: Sequence[str]) -> Markup | None:
    """The notes on a passage: which slide, what it credits, the handbook's own readings."""
    if not notes:
        return None
    return lines(
        el("p", "Notes on the source", class_="hb-source-wording__label"),
        el("ul", [el("li", note) for note in notes], class_="hb-source-wording__notes"),
    )


def wording_html(passage: Passage, coverage_href: str) -> Markup:
    """A closed, keyboard-operable ``<details>``: the slides' own words for a section and
    the handbook's notes on them."""
    notes = passage.trace.notes
    return el(
        "details",
        lines(
            el("summary", SUMMARY_NOTES if notes else SUMMARY),
            el(
                "blockquote",
                lines(*(el("p", part) for part in passage.parts)),
                class_="hb-source-wording__text",
            ),
            el(
                "p",
                f"The slides' words, source lines {passage.label} (whitespace joined). ",
                el("a", "Source coverage", href=coverage_href),
                class_="hb-source-wording__where",
            ),
            notes_html(notes),
        ),
        class_="quote hb-source-wording",
        id=f"source-{passage.trace.id}",
    )


def _carried(row: Row, link: Callable[[Trace], PageLink]) -> Markup | str:
    if row.reason:
        return el("span", f"Left out: {row.reason}", class_="hb-coverage__left-out")
    if not row.traces:
        return el(
            "span", "Not restated (a slide number or a short label)", class_="hb-coverage__none"
        )
    links = [link(t) for t in row.traces]
    return el("ul", [el("li", el("a", p.title, href=p.href)) for p in links])


def coverage_html(rows: Sequence[Row], link: Callable[[Trace], PageLink]) -> Markup:
    """Every passage of the source in source order, with the sections that carry it."""
    traced = sum(1 for r in rows if r.traces)
    left = sum(1 for r in rows if r.reason)
    body = [
        el(
            "tr",
            el("td", row.label, class_="hb-coverage__lines"),
            el("td", row.text if row.text is not None else "(not shown)"),
            el("td", _carried(row, link)),
        )
        for row in rows
    ]
    summary = el(
        "p",
        f"{len(rows)} passages: {traced} restated in the handbook, {left} left out, "
        f"{len(rows) - traced - left} slide numbers or short labels not restated.",
        class_="hb-coverage__summary",
    )
    table = el(
        "table",
        lines(
            el(
                "thead",
                el(
                    "tr",
                    el("th", "Source lines", scope="col"),
                    el("th", "Passage", scope="col"),
                    el("th", "Carried by", scope="col"),
                ),
            ),
            el("tbody", lines(*body)),
        ),
        class_="hb-coverage",
    )
    # The table repeats the slides' words that each page's Source wording carries: left out
    # of the search index, so a search finds the page that restates a passage.
    return lines(summary, el("div", table, class_="hb-coverage-wrap", data_search_exclude=True))
