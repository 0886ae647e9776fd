"""Checklists (templates/checklist.html): the interactive on-screen version, the paper/PDF
version, the print view, the downloads list, and the Assessment record, which holds the case
header once and every checklist (record.js makes its buttons work: print, copy as text, save,
open, clear); without JavaScript the record is a plain form to print."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup

from ..data.models import CASE_FIELDS, Checklist, ChecklistItem
from .html import macros

TEMPLATE = macros("checklist.html", CASE_FIELDS=CASE_FIELDS)

TermLinks = Callable[[ChecklistItem], Markup | None]


@dataclass(frozen=True)
class ChecklistLinks:
    """Where the on-screen checklist links to, relative to its page."""

    pdf: str
    print_view: str
    source: Markup
    record: str | None = None  # the Assessment record page; None on that page itself


def screen_html(
    checklist: Checklist, links: ChecklistLinks, terms: TermLinks, in_record: bool = False
) -> Markup:
    """The checklist inside its guidance page: real checkboxes, labels, notes, a count.

    Without JavaScript it is a plain list of native checkboxes; the scripts
    (``checklist.js``, ``storage.js``) reveal the live count and the Clear button
    and keep the state in ``sessionStorage`` for this tab only. ``in_record``: the
    checklist sits in the Assessment record, which gives the title (``cl-{id}-title``)
    and the privacy note once for all checklists.
    """
    return TEMPLATE.screen(checklist, links, terms, in_record)


def paper_html(checklist: Checklist, source: str, stamp: str, fillable: bool) -> Markup:
    """The paper checklist; ``fillable`` turns the blanks into form fields (for WeasyPrint's
    AcroForm PDFs)."""
    return TEMPLATE.paper(checklist, source, stamp, fillable)
