"""The macros that credit and explain: citations, glossary terms, the Glossary and References
pages, and the source's own wording (Source wording blocks, the Source coverage table)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import groupby

from markupsafe import Markup, escape

from ..data import source as provenance
from ..data.paths import (
    COVERAGE_PAGE,
    GLOSSARY_FILE,
    GLOSSARY_PAGE,
    REFERENCES_FILE,
    REFERENCES_PAGE,
    relative,
)
from ..data.state import State
from ..render import glossary
from ..render.html import CHECKLIST, CITATIONS, LICENCES, SOURCE
from .links import Links, Page, log, unknown, where


def coverage_counts(rows: Sequence[provenance.Row]) -> tuple[int, int, int, int]:
    """The coverage table's passages: all, restated, left out, neither."""
    traced, left = sum(1 for r in rows if r.traces), sum(1 for r in rows if r.reason)
    return len(rows), traced, left, len(rows) - traced - left


class ReferenceMacros:
    def __init__(self, state: State, links: Links) -> None:
        self.state = state
        self.links = links
        self._tips: Counter[str] = Counter()  # tooltip numbers by page, reset as it starts

    def cite(self, page: Page, *keys: str) -> Markup:
        references = self.state.references
        missing, here = [k for k in keys if k not in references], where(page)
        for key in missing:
            log.warning(f"{here}: cite('{key}'): unknown citation key (not in {REFERENCES_FILE})")
        if not keys:
            log.warning(f"{here}: cite(): needs at least one citation key")
        found = [references[k] for k in keys if k in references]
        cited = [(r, self.links.href(page, REFERENCES_PAGE, r.anchor)) for r in found]
        return CITATIONS.cite(cited) + escape("".join(f"[unknown citation: {k}]" for k in missing))

    def term(self, page: Page, name: str, text: str | None = None) -> Markup:
        entry = self.state.glossary.find(name)
        if entry is None:
            message = f"{where(page)}: term('{name}'): not in the glossary ({GLOSSARY_FILE})"
            return unknown(message, f"unknown term: {name}")
        return self.term_link(page, entry.id, text or name)

    def term_link(self, page: Page, entry_id: str, text: str) -> Markup:
        """A glossary link with its tooltip (numbered per page)."""
        self._tips[page.url] += 1
        href = self.links.href(page, GLOSSARY_PAGE, entry_id)
        tip = f"hb-tip-{self._tips[page.url]}"
        return glossary.TEMPLATE.term(self.state.glossary.get(entry_id), text, href, tip)

    def start_page(self, page: Page) -> None:
        """Reset per-page state (tooltip numbering) before a page renders."""
        self._tips.pop(page.url, None)

    def glossary_page(self, page: Page) -> Markup:
        """A letter index, then the entries by initial letter, each with what it links to besides
        its definition: the page that explains the term (one or none), the pages that use it, and
        its spellings search finds it by (data/search-aids.yml; the others are in the index only)."""
        state, page_links = self.state, self.links.page_links
        links = {
            e.id: {
                "explained": page_links(page, [e.explained] if e.explained else []),
                "used_on": page_links(page, state.usage.terms.get(e.id, ())),
                "aids": state.search_aids.spellings.get(e.id, ()),
            }
            for e in state.glossary.entries
        }
        by_term = sorted(state.glossary.entries, key=lambda e: e.term.casefold())
        groups = [(k, list(g)) for k, g in groupby(by_term, key=glossary.letter)]
        names = {e.id: e.heading for e in by_term}
        return glossary.TEMPLATE.glossary(groups, names, links, lambda keys: self.cite(page, *keys))

    def references_page(self, page: Page) -> Markup:
        cited = {k: self.links.page_links(page, v) for k, v in self.state.usage.cites.items()}
        refs = sorted(
            self.state.references.values(), key=lambda r: (r.name.casefold(), r.year or 0)
        )
        return CITATIONS.references(refs, cited)

    def source_wording(self, page: Page, trace_id: str) -> Markup:
        """The closed "Source wording" block for a section (data/source-trace.yml)."""
        source = self.state.source
        passage = source.passages.get(trace_id) if source else None
        here = where(page)
        call = f"{here}: source_wording('{trace_id}')"
        if passage is None:
            message = f"{call}: no such trace in {provenance.TRACE_FILE}"
            return unknown(message, f"unknown source trace: {trace_id}")
        if passage.trace.page != here:
            log.warning(f"{call}: the trace is for {passage.trace.page}, not this page")
        return SOURCE.wording(passage, self.links.href(page, COVERAGE_PAGE))

    def source_coverage(self, page: Page) -> Markup:
        """The Source coverage table: every passage of the source, where it is carried."""
        if self.state.source is None:
            message = f"{where(page)}: source_coverage(): no {provenance.TRACE_FILE}"
            return unknown(message, "no source trace")
        titles = self.state.usage.titles

        def link(trace: provenance.Trace) -> tuple[str, str]:
            title, section = titles.get(trace.page, trace.page), trace.section
            if section is None:
                return f"{title} (opening)", self.links.href(page, trace.page)
            anchor = provenance.section_anchor(section)
            return f"{title} › {section}", self.links.href(page, trace.page, anchor)

        rows = self.state.source.rows()
        return SOURCE.coverage(rows, coverage_counts(rows), link)

    def licences_page(self) -> Markup:
        """Every third-party component the copy ships, from data/third-party.yml."""
        components = self.state.components
        return LICENCES.licences(components, {c.id: c.name for c in components})

    def handbook_pdf_link(self, page: Page) -> Markup:
        return CHECKLIST.handbook_pdf(relative(self.state.downloads.handbook, page.url))
