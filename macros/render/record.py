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
from .checklist import title_id
from .html import el, lines

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
# An inline confirmation (Clear all, first save); record.js fills in its wording.
CONFIRM = Markup(
    '<div class="hb-record__confirm" role="alertdialog" aria-labelledby="rec-confirm-text" '
    'hidden data-search-exclude><p id="rec-confirm-text" class="hb-record__confirm-text"></p>\n'
    '<p><button type="button" class="md-button md-button--primary" data-confirm="yes"></button> '
    '<button type="button" class="md-button" data-confirm="no">Cancel</button></p></div>'
)
MESSAGE = Markup(
    '<div class="hb-record__message" role="status" aria-live="polite" aria-atomic="true"></div>'
)


@dataclass(frozen=True)
class RecordChecklist:
    """One checklist as the record shows it: the data and its on-screen HTML."""

    checklist: Checklist
    html: Markup


def _field(key: str, label: str, kind: str) -> Markup:
    maxlength = FIELD_MAX if kind == "text" else None
    field = el(
        "input", type=kind, id=f"rec-{key}", name=key, autocomplete="off", maxlength=maxlength
    )
    return el("div", el("label", label, for_=f"rec-{key}"), field, class_="hb-record__field")


def _toolbar() -> Markup:
    return el(
        "div",
        [
            el("button", label, type="button", class_="md-button", data_action=a)
            for a, label in BUTTONS
        ],
        el(
            "input",
            type="file",
            accept=".json,application/json",
            class_="hb-record__file",
            aria_label="Open from file",
            hidden=True,
        ),
        el("p", COPY_NOTE, class_="hb-record__hint"),
        class_="hb-record__toolbar",
        hidden=True,
        data_search_exclude=True,
    )


def _checklist(entry: RecordChecklist) -> Markup:
    checklist, total = entry.checklist, len(entry.checklist.items)
    tally = el("span", f"({total} items)", class_="hb-record__tally", data_total=str(total))
    summary = el("summary", el("span", checklist.title, id=title_id(checklist)), " ", tally)
    return el(
        "details",
        lines(summary, entry.html),
        class_="hb-record__checklist",
        open=True,  # open for the paper form without JavaScript; record.js folds them
        data_record_checklist=checklist.id,
        data_search_exclude=True,  # the checklists are found on their own pages
    )


def record_html(
    entries: Sequence[RecordChecklist], version: str, stamp: str, changes: str | None = None
) -> Markup:
    """The whole record: note, privacy, case header, buttons, messages, every checklist.

    Search leaves out the form and the checklists (``data-search-exclude`` on each
    block: Material's search parser honours it only on an element with no
    descendant of the same tag).
    """
    header = el(
        "fieldset",
        lines(el("legend", "Case details"), *(_field(*f) for f in HEADER_FIELDS)),
        class_="hb-record__header",
        data_search_exclude=True,
    )
    return el(
        "div",
        lines(
            el("p", NO_SCRIPT, class_="hb-record__noscript"),
            el("p", PRIVACY, class_="hb-checklist__privacy hb-record__privacy"),
            header,
            _toolbar(),
            CONFIRM,
            MESSAGE,
            *(_checklist(e) for e in entries),
            el("div", class_="hb-record__print"),
        ),
        class_="hb-record",
        data_record="",
        data_version=version,
        data_stamp=stamp,
        data_changes=changes,  # the Changes to the guidance page, linked when wording changed
    )
