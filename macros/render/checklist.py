"""Checklists: the interactive on-screen version and the paper/PDF version
(templates/checklist.html)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup

from ..data.models import CASE_FIELDS, Checklist, ChecklistItem
from .html import macros

PRIVACY = (
    "Anything you tick or type here stays in this browser tab only: it is never sent "
    "anywhere, and it is gone when you close the tab."
)
TEMPLATE = macros("checklist.html")

TermLinks = Callable[[ChecklistItem], Markup | None]


@dataclass(frozen=True)
class ChecklistLinks:
    """Where the on-screen checklist links to, relative to its page."""

    pdf: str
    print_view: str
    source: Markup
    record: str | None = None  # the Assessment record page; None on that page itself


def title_id(checklist: Checklist) -> str:
    """The id of the element that names the checklist (its title, or the record's summary)."""
    return f"cl-{checklist.id}-title"


def screen_html(
    checklist: Checklist, links: ChecklistLinks, terms: TermLinks, in_record: bool = False
) -> Markup:
    """The checklist inside its guidance page: real checkboxes, labels, notes, a count.

    Without JavaScript it is a plain list of native checkboxes; the scripts
    (``checklist.js``, ``storage.js``) reveal the live count and the Clear button
    and keep the state in ``sessionStorage`` for this tab only. ``in_record``: the
    checklist sits in the Assessment record, which gives the title (with
    :func:`title_id`) and the privacy note once for all checklists.
    """
    html: Markup = TEMPLATE.screen(checklist, links, terms, in_record, PRIVACY)
    return html


def paper_html(checklist: Checklist, source: str, stamp: str, fillable: bool) -> Markup:
    """The paper checklist; ``fillable`` turns the blanks into form fields (for WeasyPrint's
    AcroForm PDFs)."""
    html: Markup = TEMPLATE.paper(checklist, source, stamp, fillable, CASE_FIELDS)
    return html
