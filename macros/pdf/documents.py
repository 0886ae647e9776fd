"""What the checklist PDFs contain: each checklist on paper, with form fields, as one
self-contained document (the same ``paper`` template as the print view), and the combined one."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup

from ..data.state import State
from ..render.html import CHECKLIST, el, lines
from ..render.local import contacts_text
from .writer import document, form_font_face


def checklist_body(state: State, checklist_ids: Iterable[str], site_name: str) -> Markup:
    parts = []
    for cid in checklist_ids:
        checklist = state.checklists[cid]
        changed = state.checklist_changed(cid)  # beside the edition stamp
        stamp = f"{state.edition.line} · {changed}" if changed else state.edition.line
        parts.append(
            el(
                "article",
                lines(
                    el("p", site_name, class_="pdf-site"),
                    el("h1", checklist.title),
                    el("p", stamp, class_="pdf-stamp"),
                    el("p", contacts_text(state.overlay), class_="pdf-contacts")
                    if state.overlay
                    else None,
                    CHECKLIST.paper(
                        checklist,
                        state.cite_text(checklist.cite),
                        state.checklist_stamp(cid),
                        fillable=True,
                    ),
                ),
                class_="pdf-checklist",
            )
        )
    return lines(*parts)


@dataclass(frozen=True)
class PdfJob:
    """One PDF to make: where it goes in the site, and the complete HTML it is made from."""

    target: str  # site-relative path, e.g. downloads/checklists/<id>.pdf
    html: str
    forms: bool = False


def checklist_jobs(state: State, site_name: str) -> list[PdfJob]:
    """Every single-checklist PDF, then the combined one (no built page is needed)."""
    face = form_font_face()
    bodies = [
        (state.downloads.checklist(cid), c.title, [cid]) for cid, c in state.checklists.items()
    ]
    bodies.append((state.downloads.all_checklists, "TA-HSB checklists", list(state.checklists)))
    return [
        PdfJob(
            target,
            document(
                title, checklist_body(state, ids, site_name), "checklist-pdf.css", font_face=face
            ),
            forms=True,
        )
        for target, title, ids in bodies
    ]
