"""The Assessment record: one workbook for a case, across every checklist, kept in the tab.

The page holds the case header once and every checklist (each from
:func:`macros.render.checklist.screen_html`). ``record.js`` makes the buttons work (print,
copy as text, save, open, clear) and fills in the live messages and the print view;
without JavaScript the page is a plain form to print.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from ..data.models import Checklist
from .html import macros

# (key in the saved file and in the tab's storage, label, type): the labels are the record's.
HEADER_FIELDS = (
    ("caseReference", "Case reference", "text"),
    ("date", "Date", "date"),
    ("assessor", "Assessor", "text"),
    ("agency", "Agency", "text"),
)
FIELD_MAX = 200  # characters in a case detail; record.js refuses longer ones in a file
BUTTONS = (
    ("print", "Print record"),
    ("copy", "Copy as text"),  # the printed record's content as plain text (record.js)
    ("save", "Save to file"),
    ("open", "Open from file"),
    ("clear", "Clear all"),
)
PRIVACY = (
    "Everything you enter here stays in this browser tab. It is never sent anywhere. "
    "The checklists on the guidance pages share it while the tab is open, and it is gone "
    "when you close the tab. To keep the record, print it or save it to a file."
)
# Beside the buttons: what Copy as text does to the text (record.js, ``inert``).
COPY_NOTE = (
    "Copy as text leaves out control characters, and puts an apostrophe (') before a line "
    "that starts with =, +, - or @, so that a spreadsheet shows it as text, not a formula."
)
NO_SCRIPT = (
    "JavaScript is off in this browser, so this page cannot keep, save or open a record. "
    "It works as a paper form: print it and fill it in by hand."
)
TEMPLATE = macros(
    "record.html",
    HEADER_FIELDS=HEADER_FIELDS,
    FIELD_MAX=FIELD_MAX,
    BUTTONS=BUTTONS,
    PRIVACY=PRIVACY,
    COPY_NOTE=COPY_NOTE,
    NO_SCRIPT=NO_SCRIPT,
)


@dataclass(frozen=True)
class RecordChecklist:
    """One checklist as the record shows it: the data and its on-screen HTML."""

    checklist: Checklist
    html: Markup


def record_html(
    entries: Sequence[RecordChecklist], version: str, stamp: str, changes: str | None = None
) -> Markup:
    """The whole record: note, privacy, case header, buttons, messages, every checklist;
    ``changes``: the Changes to the guidance page, linked when wording changed."""
    html: Markup = TEMPLATE.record(entries, version, stamp, changes)
    return html
