"""The checklist macros: a checklist on its guidance page, its print view, the downloads list
and the Assessment record."""

from __future__ import annotations

from markupsafe import Markup

from ..data.models import Checklist
from ..data.paths import CHANGES_PAGE, CHECKLISTS_DIR, RECORD_PAGE, print_page, relative
from ..data.state import State
from ..render import local
from ..render.html import CHECKLIST
from .links import Links, Page, unknown, where
from .reference import ReferenceMacros


class ChecklistMacros:
    def __init__(self, state: State, links: Links, reference: ReferenceMacros) -> None:
        self.state = state
        self.links = links
        self.reference = reference  # citations and glossary links inside checklists

    def _unknown(self, page: Page, checklist_id: str) -> Markup:
        where_ = f"no {CHECKLISTS_DIR}/{checklist_id}.yml"
        message = f"{where(page)}: checklist('{checklist_id}'): no such checklist ({where_})"
        return unknown(message, f"unknown checklist: {checklist_id}")

    def checklist(self, page: Page, checklist_id: str) -> Markup:
        checklist = self.state.checklists.get(checklist_id)
        if checklist is None:
            return self._unknown(page, checklist_id)
        return self._screen(page, checklist, in_record=False)

    def _screen(self, page: Page, checklist: Checklist, in_record: bool) -> Markup:
        return CHECKLIST.screen(
            checklist,
            lambda t: self.reference.term_link(page, t, self.state.glossary.get(t).term),
            pdf=relative(self.state.downloads.checklist(checklist.id), page.url),
            print_view=self.links.href(page, print_page(checklist.id)),
            source=self.reference.cite(page, *checklist.cite),
            record=None
            if in_record or RECORD_PAGE not in self.state.pages
            else self.links.href(page, RECORD_PAGE),
            in_record=in_record,
        )

    def record(self, page: Page) -> Markup:
        """The Assessment record: the case header and every checklist, in one tab-only state."""
        entries = [(c, self._screen(page, c, in_record=True)) for c in self.state.record_order()]
        changes = self.links.href(page, CHANGES_PAGE) if CHANGES_PAGE in self.state.pages else None
        return CHECKLIST.record(entries, self.state.edition.version, self.state.stamp, changes)

    def checklist_print(self, page: Page, checklist_id: str) -> Markup:
        checklist = self.state.checklists.get(checklist_id)
        if checklist is None:
            return self._unknown(page, checklist_id)
        state = self.state
        return CHECKLIST.print_view(
            checklist,
            relative(state.downloads.checklist(checklist.id), page.url),
            state.usage.titles.get(checklist.page, "the guidance"),
            self.links.href(page, checklist.page),
            local.contacts_text(state.overlay) if state.overlay else None,
            state.cite_text(checklist.cite),
            state.checklist_stamp(checklist.id),
        )

    def checklist_downloads(self, page: Page) -> Markup:
        """A list of every checklist's print view and PDF, and the combined PDF."""
        downloads, href = self.state.downloads, self.links.href
        rows = [
            (
                c.title,
                href(page, print_page(c.id)),
                relative(downloads.checklist(c.id), page.url),
                href(page, c.page),
            )
            for c in self.state.checklists.values()
        ]
        return CHECKLIST.downloads(relative(downloads.all_checklists, page.url), rows)
