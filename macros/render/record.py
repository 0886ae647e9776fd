"""The Assessment record: one workbook for a case, across every checklist, kept in the tab.

The page holds the case header once and every checklist (each rendered by
:func:`macros.render.checklist.screen_html`, so items keep their glossary links,
notes and any local items). ``record.js`` makes the buttons work (print, copy as
text, save, open, clear) and fills in the live messages and the print view; without
JavaScript the page is a plain form to print.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from ..data.models import Checklist
from .checklist import title_id
from .html import el, lines

# (key in the saved file and in the tab's storage, label): the labels are the record's wording.
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


@dataclass(frozen=True)
class RecordChecklist:
    """One checklist as the record shows it: the data and its on-screen HTML."""

    checklist: Checklist
    html: Markup


def _header() -> Markup:
    rows = [
        el(
            "div",
            el("label", label, for_=f"rec-{key}"),
            el(
                "input",
                type=kind,
                id=f"rec-{key}",
                name=key,
                autocomplete="off",
                maxlength=str(FIELD_MAX) if kind == "text" else None,
            ),
            class_="hb-record__field",
        )
        for key, label, kind in HEADER_FIELDS
    ]
    return el(
        "fieldset",
        lines(el("legend", "Case details"), *rows),
        class_="hb-record__header",
        data_search_exclude=True,
    )


def _toolbar() -> Markup:
    buttons = [
        el("button", label, type="button", class_="md-button", data_action=action)
        for action, label in BUTTONS
    ]
    chooser = el(
        "input",
        type="file",
        accept=".json,application/json",
        class_="hb-record__file",
        aria_label="Open from file",
        hidden=True,
    )
    return el(
        "div",
        buttons,
        chooser,
        el("p", COPY_NOTE, class_="hb-record__hint"),
        class_="hb-record__toolbar",
        hidden=True,
        data_search_exclude=True,
    )


def _confirm() -> Markup:
    """An inline confirmation (Clear all, first save); ``record.js`` fills in its wording."""
    return el(
        "div",
        lines(
            el("p", id="rec-confirm-text", class_="hb-record__confirm-text"),
            el(
                "p",
                el(
                    "button",
                    type="button",
                    class_="md-button md-button--primary",
                    data_confirm="yes",
                ),
                " ",
                el("button", "Cancel", type="button", class_="md-button", data_confirm="no"),
            ),
        ),
        class_="hb-record__confirm",
        role="alertdialog",
        aria_labelledby="rec-confirm-text",
        hidden=True,
        data_search_exclude=True,
    )


def _checklist(entry: RecordChecklist) -> Markup:
    total = len(entry.checklist.items)
    return el(
        "details",
        lines(
            el(
                "summary",
                el("span", entry.checklist.title, id=title_id(entry.checklist)),
                " ",
                el("span", f"({total} items)", class_="hb-record__tally", data_total=str(total)),
            ),
            entry.html,
        ),
        class_="hb-record__checklist",
        open=True,  # open for the paper form without JavaScript; record.js folds them
        data_record_checklist=entry.checklist.id,
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
    return el(
        "div",
        lines(
            el("p", NO_SCRIPT, class_="hb-record__noscript"),
            el("p", PRIVACY, class_="hb-checklist__privacy hb-record__privacy"),
            _header(),
            _toolbar(),
            _confirm(),
            el(
                "div",
                class_="hb-record__message",
                role="status",
                aria_live="polite",
                aria_atomic="true",
            ),
            *(_checklist(e) for e in entries),
            el("div", class_="hb-record__print"),
        ),
        class_="hb-record",
        data_record="",
        data_version=version,
        data_stamp=stamp,
        data_changes=changes,  # the Changes to the guidance page, linked when wording changed
    )
