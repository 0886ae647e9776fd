"""The handbook's data, loaded and validated once, and the macros that pages call.

This is the only layer that knows about pages and URLs; it turns the current
page into relative links and hands plain data to the pure render functions.
"""

from __future__ import annotations

import logging
import posixpath
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from markupsafe import Markup, escape

from . import source as provenance
from .edition import Edition
from .loading import (
    Glossary,
    load_checklists,
    load_glossary,
    load_overlay,
    load_references,
    read_text,
)
from .local_macros import LocalMacros
from .local_pages import LocalSource, local_pages
from .models import Checklist, ChecklistItem, LocalOverlay, Reference
from .overlay import check_notes, merge_items
from .render import checklist as checklist_render
from .render import citations, glossary, local
from .render import record as record_render
from .render import source as source_render
from .render.html import el, lines
from .statement import load_results
from .usage import Usage, scan

log = logging.getLogger("mkdocs.plugins.handbook")

REFERENCES_FILE = "data/references.yml"
GLOSSARY_FILE = "data/glossary.yml"
CHECKLISTS_DIR = "checklists"
GLOSSARY_PAGE = "reference/glossary.md"
REFERENCES_PAGE = "reference/references.md"
RECORD_PAGE = "assessment/record.md"
COVERAGE_PAGE = "reference/source-coverage.md"


class Page(Protocol):
    """What the macros need of the page being rendered."""

    @property
    def url(self) -> str: ...


def page_url(src: str, directory_urls: bool) -> str:
    """The URL MkDocs gives a Markdown source path, e.g. ``a/b.md`` → ``a/b/``."""
    stem = src.removesuffix(".md")
    if not directory_urls:
        return f"{stem}.html"
    if stem == "index":
        return ""
    return f"{stem.removesuffix('/index')}/" if stem.endswith("/index") else f"{stem}/"


def relative(target: str, from_url: str) -> str:
    """``target`` (site-relative) as seen from the page at ``from_url`` (same rule as MkDocs)."""
    head, tail = posixpath.split(from_url)
    base = head if "." in tail else from_url
    rel = posixpath.relpath("/" + target, "/" + base)
    if rel == ".":
        return "./"
    return rel + "/" if target == "" or target.endswith("/") else rel


@dataclass(frozen=True)
class Downloads:
    version: str

    @staticmethod
    def checklist(checklist_id: str) -> str:
        return f"downloads/checklists/{checklist_id}.pdf"

    @property
    def all_checklists(self) -> str:
        return f"downloads/ta-hsb-checklists-{self.version}.pdf"

    @property
    def handbook(self) -> str:
        return f"downloads/ta-hsb-handbook-{self.version}.pdf"


class Handbook:
    """All handbook data, validated at start-up, plus the page macros."""

    def __init__(
        self,
        root: Path,
        docs_dir: Path,
        pages: Sequence[str],
        edition: Edition,
        directory_urls: bool = True,
        overlay_file: str | None = None,
        a11y_results: str | None = None,
    ) -> None:
        self.root = root
        self.docs_dir = docs_dir
        self.edition = edition
        self.directory_urls = directory_urls
        self.downloads = Downloads(edition.version)
        self.references = load_references(root / REFERENCES_FILE, REFERENCES_FILE)
        self.glossary: Glossary = load_glossary(
            root / GLOSSARY_FILE, GLOSSARY_FILE, self.references
        )
        self.checklists: dict[str, Checklist] = load_checklists(
            root / CHECKLISTS_DIR, root, self.references, self.glossary, docs_dir
        )
        self.overlay_path = root / overlay_file if overlay_file else None
        self.overlay_label = overlay_file or ""
        self.overlay: LocalOverlay | None = (
            load_overlay(root / overlay_file, overlay_file) if overlay_file else None
        )
        self.local_pages: list[LocalSource] = []
        if self.overlay and self.overlay_path and overlay_file:
            self.local_pages = local_pages(
                self.overlay, self.overlay_path, root, list(self.glossary.by_name)
            )
            check_notes(self.overlay, pages, overlay_file)
            self.checklists = merge_items(self.checklists, self.overlay, overlay_file)
        a11y, _ = load_results(root, a11y_results)
        self.local = LocalMacros(self.overlay, a11y, edition.build_date)
        # A page missing from docs/ is reported by MkDocs itself (nav validation).
        sources = [
            (src, read_text(docs_dir / src, f"docs/{src}"))
            for src in pages
            if (docs_dir / src).is_file()
        ]
        self.usage: Usage = scan(sources, self.glossary, self.checklists, GLOSSARY_PAGE)
        self.pages = list(pages)
        self.source = provenance.load(root)
        self._source_problems = self.source.problems(sources) if self.source else []
        self._tips: dict[str, int] = {}

    # -- reports ---------------------------------------------------------------

    def unused(self) -> list[str]:
        """Data that no page uses: one line each, naming the file and the entry."""
        refs = [
            f"{REFERENCES_FILE}: '{key}' is not cited on any page"
            for key in self.references
            if key not in self.usage.cites
        ]
        terms = [
            f"{GLOSSARY_FILE}: '{e.id}' is not used on any page"
            for e in self.glossary.entries
            if e.id not in self.usage.terms
        ]
        return refs + terms + self._source_problems

    # -- links -----------------------------------------------------------------

    def href(self, page: Page, src: str, anchor: str | None = None) -> str:
        target = relative(page_url(src, self.directory_urls), page.url)
        return f"{target}#{anchor}" if anchor else target

    def file_href(self, page: Page, path: str) -> str:
        return relative(path, page.url)

    def _links(self, page: Page, srcs: Sequence[str]) -> list[citations.PageLink]:
        return [citations.PageLink(self.usage.titles.get(s, s), self.href(page, s)) for s in srcs]

    @staticmethod
    def where(page: Page) -> str:
        file = getattr(page, "file", None)
        return getattr(file, "src_uri", None) or page.url or "index.md"

    # -- macros ----------------------------------------------------------------

    def cite(self, page: Page, *keys: str) -> Markup:
        found: list[tuple[Reference, str]] = []
        unknown = [k for k in keys if k not in self.references]
        for key in unknown:
            log.warning(
                "%s: cite('%s'): unknown citation key (not in %s)",
                self.where(page),
                key,
                REFERENCES_FILE,
            )
        if not keys:
            log.warning("%s: cite(): needs at least one citation key", self.where(page))
        for key in keys:
            if key in self.references:
                found.append(
                    (self.references[key], self.href(page, REFERENCES_PAGE, citations.anchor(key)))
                )
        marker = escape("".join(f"[unknown citation: {k}]" for k in unknown))
        return citations.cite_html(found) + marker

    def cite_text(self, keys: Sequence[str]) -> str:
        return "; ".join(self.references[k].label for k in keys)

    def term(self, page: Page, name: str, text: str | None = None) -> Markup:
        entry = self.glossary.find(name)
        if entry is None:
            log.warning(
                "%s: term('%s'): not in the glossary (%s)", self.where(page), name, GLOSSARY_FILE
            )
            return escape(f"[unknown term: {name}]")
        return self._term(page, entry.id, text or name)

    def _term(self, page: Page, entry_id: str, text: str) -> Markup:
        key = page.url
        self._tips[key] = self._tips.get(key, 0) + 1
        tip_id = f"hb-tip-{self._tips[key]}"
        entry = self.glossary.get(entry_id)
        return glossary.term_html(entry, text, self.href(page, GLOSSARY_PAGE, entry.id), tip_id)

    def start_page(self, page: Page) -> None:
        """Reset per-page state (tooltip numbering) before a page renders."""
        self._tips.pop(page.url, None)

    def _checklist(self, page: Page, checklist_id: str) -> Checklist | None:
        checklist = self.checklists.get(checklist_id)
        if checklist is None:
            log.warning(
                "%s: checklist('%s'): no such checklist (no %s/%s.yml)",
                self.where(page),
                checklist_id,
                CHECKLISTS_DIR,
                checklist_id,
            )
        return checklist

    def checklist(self, page: Page, checklist_id: str) -> Markup:
        checklist = self._checklist(page, checklist_id)
        if checklist is None:
            return escape(f"[unknown checklist: {checklist_id}]")
        return self._screen(page, checklist, in_record=False)

    def _screen(self, page: Page, checklist: Checklist, in_record: bool) -> Markup:
        def term_links(item: ChecklistItem) -> Markup | None:
            if not item.terms:
                return None
            return Markup(", ").join(
                self._term(page, t, self.glossary.get(t).term) for t in item.terms
            )

        links = checklist_render.ChecklistLinks(
            pdf=self.file_href(page, self.downloads.checklist(checklist.id)),
            print_view=self.href(page, print_page(checklist.id)),
            source=self.cite(page, *checklist.cite),
            record=None
            if in_record or RECORD_PAGE not in self.pages
            else self.href(page, RECORD_PAGE),
        )
        return checklist_render.screen_html(checklist, links, term_links, in_record)

    def record_order(self) -> list[Checklist]:
        """Every checklist in navigation order of its page: the stages, then the prompt lists."""
        position = {src: i for i, src in enumerate(self.pages)}
        return sorted(self.checklists.values(), key=lambda c: position.get(c.page, len(position)))

    def record(self, page: Page) -> Markup:
        """The Assessment record: the case header and every checklist, in one tab-only state."""
        entries = [
            record_render.RecordChecklist(c, self._screen(page, c, in_record=True))
            for c in self.record_order()
        ]
        return record_render.record_html(entries, self.edition.version, self.stamp())

    def stamp(self) -> str:
        """The edition line for paper, with the organisation's name if there is an overlay."""
        if self.overlay:
            return f"{self.overlay.organisation} · {self.edition.line}"
        return self.edition.line

    def checklist_paper(self, checklist: Checklist, fillable: bool) -> Markup:
        return checklist_render.paper_html(
            checklist, self.cite_text(checklist.cite), self.stamp(), fillable
        )

    def checklist_print(self, page: Page, checklist_id: str) -> Markup:
        checklist = self._checklist(page, checklist_id)
        if checklist is None:
            return escape(f"[unknown checklist: {checklist_id}]")
        actions = el(
            "p",
            el(
                "a",
                "Download printable PDF (A4)",
                href=self.file_href(page, self.downloads.checklist(checklist.id)),
                class_="md-button",
            ),
            " ",
            el(
                "a",
                f"Back to {self.usage.titles.get(checklist.page, 'the guidance')}",
                href=self.href(page, checklist.page),
            ),
            class_="hb-print-actions",
        )
        contacts = (
            el("p", local.contacts_text(self.overlay), class_="hb-paper__contacts")
            if self.overlay
            else None
        )
        return lines(actions, contacts, self.checklist_paper(checklist, fillable=False))

    def checklist_downloads(self, page: Page) -> Markup:
        """A list of every checklist's print view and PDF, and the combined PDF."""
        rows = [
            el(
                "li",
                el("a", c.title, href=self.href(page, print_page(c.id))),
                " — ",
                el("a", "PDF (A4)", href=self.file_href(page, self.downloads.checklist(c.id))),
                " · ",
                el("a", "on its guidance page", href=self.href(page, c.page)),
            )
            for c in self.checklists.values()
        ]
        combined = el(
            "p",
            el(
                "a",
                "Download all checklists in one PDF (A4)",
                href=self.file_href(page, self.downloads.all_checklists),
                class_="md-button md-button--primary",
            ),
        )
        return lines(combined, el("ul", rows, class_="hb-downloads"))

    def glossary_page(self, page: Page) -> Markup:
        used = {k: self._links(page, v) for k, v in self.usage.terms.items()}
        return glossary.glossary_html(
            self.glossary.entries, used, lambda keys: self.cite(page, *keys)
        )

    def references_page(self, page: Page) -> Markup:
        cited = {k: self._links(page, v) for k, v in self.usage.cites.items()}
        return citations.references_html(list(self.references.values()), cited)

    def local_contacts(self) -> Markup:
        return local.contacts_html(self.overlay)

    def source_wording(self, page: Page, trace_id: str) -> Markup:
        """The closed "Source wording" block for a section (data/source-trace.yml)."""
        passage = self.source.passages.get(trace_id) if self.source else None
        where = self.where(page)
        if passage is None:
            log.warning(
                "%s: source_wording('%s'): no such trace in %s",
                where,
                trace_id,
                provenance.TRACE_FILE,
            )
            return escape(f"[unknown source trace: {trace_id}]")
        if passage.trace.page != where:
            log.warning(
                "%s: source_wording('%s'): the trace is for %s, not this page",
                where,
                trace_id,
                passage.trace.page,
            )
        return source_render.wording_html(passage, self.href(page, COVERAGE_PAGE))

    def source_coverage(self, page: Page) -> Markup:
        """The Source coverage table: every passage of the source, where it is carried."""
        if self.source is None:
            log.warning("%s: source_coverage(): no %s", self.where(page), provenance.TRACE_FILE)
            return escape("[no source trace]")

        def link(trace: provenance.Trace) -> citations.PageLink:
            title = self.usage.titles.get(trace.page, trace.page)
            if trace.section is None:
                return citations.PageLink(f"{title} (opening)", self.href(page, trace.page))
            return citations.PageLink(
                f"{title} › {trace.section}",
                self.href(page, trace.page, provenance.section_anchor(trace.section)),
            )

        return source_render.coverage_html(self.source.rows(), link)

    def handbook_pdf_link(self, page: Page) -> Markup:
        return el(
            "a",
            "Download the whole handbook (PDF)",
            href=self.file_href(page, self.downloads.handbook),
            class_="md-button md-button--primary hb-handbook-pdf",
        )


def print_page(checklist_id: str) -> str:
    return f"checklists/{checklist_id}.md"
