"""What the checklist PDFs contain: each checklist on paper, with form fields, as one
self-contained document (the same ``paper_html`` as the print view), and the combined one."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from ..data.state import State
from ..render import checklist as checklist_render
from ..render.html import el, lines
from ..render.local import contacts_text
from .writer import document, write_pdf


def stamp_line(state: State, checklist_id: str) -> str:
    """The edition stamp, with when the checklist last changed beside it."""
    changed = state.checklist_changed(checklist_id)
    return f"{state.edition.line} · {changed}" if changed else state.edition.line


def checklist_body(state: State, checklist_ids: Iterable[str], site_name: str) -> Markup:
    parts = []
    for cid in checklist_ids:
        checklist = state.checklists[cid]
        parts.append(
            el(
                "article",
                lines(
                    el("p", site_name, class_="pdf-site"),
                    el("h1", checklist.title),
                    el("p", stamp_line(state, cid), class_="pdf-stamp"),
                    el("p", contacts_text(state.overlay), class_="pdf-contacts")
                    if state.overlay
                    else None,
                    checklist_render.paper_html(
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


def checklist_jobs(state: State, site_name: str, font_face: Markup | None) -> list[PdfJob]:
    """Every single-checklist PDF, then the combined one (no built page is needed)."""
    jobs = [
        PdfJob(
            state.downloads.checklist(cid),
            document(
                checklist.title,
                checklist_body(state, [cid], site_name),
                "checklist-pdf.css",
                font_face=font_face,
            ),
            forms=True,
        )
        for cid, checklist in state.checklists.items()
    ]
    body = checklist_body(state, state.checklists, site_name)
    combined = document("TA-HSB checklists", body, "checklist-pdf.css", font_face=font_face)
    return [*jobs, PdfJob(state.downloads.all_checklists, combined, forms=True)]


def build_checklists(
    state: State, site_dir: Path, site_name: str, font_face: Markup | None = None
) -> list[Path]:
    """Render the checklist PDFs into ``site_dir`` here and now (no cache)."""
    made = []
    for job in checklist_jobs(state, site_name, font_face):
        write_pdf(job.html, site_dir / job.target, site_dir, forms=job.forms)
        made.append(site_dir / job.target)
    return made
