"""Checklists: the interactive on-screen version and the paper/PDF version."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup

from ..data.models import CASE_FIELDS, Checklist, ChecklistItem, ChecklistSection
from .html import el, lines

PRIVACY = (
    "Anything you tick or type here stays in this browser tab only: it is never sent "
    "anywhere, and it is gone when you close the tab."
)
# On an item or a unit an organisation added (screen, paper, PDF, record, changes page).
LOCAL_MARKER = Markup('<span class="hb-local-marker">Local</span>')

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


def _item_text(item: ChecklistItem) -> Markup | str:
    return LOCAL_MARKER + " " + item.text if item.local else item.text


def _item_class(item: ChecklistItem, block: str) -> str:
    return f"{block}__item {block}__item--local" if item.local else f"{block}__item"


def screen_item(checklist: Checklist, item: ChecklistItem, terms: TermLinks) -> Markup:
    item_id = f"cl-{checklist.id}-{item.id}"
    linked = terms(item)
    # One per line: the grid ignores the line breaks, and search reads the label and its
    # note as separate words. The glossary links repeat names search finds elsewhere.
    return el(
        "li",
        lines(
            el("input", type="checkbox", id=item_id, name=item.id, class_="hb-checklist__box"),
            el("label", _item_text(item), for_=item_id, class_="hb-checklist__label"),
            el("span", item.note, class_="hb-checklist__note") if item.note else None,
            el("span", "Glossary: ", linked, class_="hb-checklist__terms", data_search_exclude=True)
            if linked
            else None,
        ),
        class_=_item_class(item, "hb-checklist"),
    )


def screen_section(checklist: Checklist, section: ChecklistSection, terms: TermLinks) -> Markup:
    notes_id = f"cl-{checklist.id}-{section.id}-notes"
    notes = el(
        "div",
        el("label", f"Notes: {section.title}", for_=notes_id),
        el("textarea", id=notes_id, name=f"{section.id}-notes", rows=3),
        class_="hb-checklist__notes",
    )
    items = lines(*(screen_item(checklist, i, terms) for i in section.items))
    return el(
        "fieldset",
        lines(
            el("legend", section.title, class_="hb-checklist__legend"),
            el("p", section.intro, class_="hb-checklist__intro") if section.intro else None,
            el("ul", items, class_="hb-checklist__items"),
            notes,
        ),
        class_="hb-checklist__section",
    )


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
    total = len(checklist.items)
    record = links.record and [
        " ",
        el("a", "Assessment record", href=links.record, class_="md-button"),
    ]
    title = el(
        "p", f"Checklist: {checklist.title}", id=title_id(checklist), class_="hb-checklist__title"
    )
    # The privacy note and the links are the same on every checklist: left out of the search
    # index (the Privacy notice and Printable checklists pages answer).
    privacy = el("p", PRIVACY, class_="hb-checklist__privacy", data_search_exclude=True)
    status = el(
        "div",
        el("p", f"0 of {total} covered", class_="hb-checklist__count", role="status"),
        el("button", "Clear", type="button", class_="md-button hb-checklist__clear"),
        class_="hb-checklist__status",
        hidden=True,
    )
    return el(
        "section",
        lines(
            None if in_record else title,
            el("p", checklist.intro, class_="hb-checklist__intro") if checklist.intro else None,
            None if in_record else privacy,
            el(
                "p",
                el("a", "Download printable PDF (A4)", href=links.pdf, class_="md-button"),
                " ",
                el("a", "Open the print view", href=links.print_view, class_="md-button"),
                record,
                class_="hb-checklist__links",
                data_search_exclude=True,
            ),
            *(screen_section(checklist, s, terms) for s in checklist.sections),
            status,
            el("p", "Source: ", links.source, class_="hb-checklist__source"),
        ),
        class_="hb-checklist",
        data_checklist=checklist.id,
        data_total=str(total),
        aria_labelledby=title_id(checklist),
    )


def _field(name: str, label: str, fillable: bool, multiline: bool = False) -> Markup:
    """A blank to write in on paper, or (``fillable``) a named form field for the PDF."""
    area = " hb-paper__blank--area" if multiline else ""
    if not fillable:
        return el("span", class_=f"hb-paper__blank{area}")
    if multiline:
        return el(
            "textarea", name=name, title=label, class_="hb-paper__input hb-paper__input--area"
        )
    return el("input", type="text", name=name, title=label, class_="hb-paper__input")


def paper_item(checklist: Checklist, item: ChecklistItem, fillable: bool) -> Markup:
    title = f"Local: {item.text}" if item.local else item.text
    box = (
        el(
            "input",
            type="checkbox",
            name=f"{checklist.id}.{item.id}",
            title=title,
            class_="hb-paper__check",
        )
        if fillable
        else el("span", class_="hb-paper__box", aria_hidden="true")
    )
    body = el(
        "div",
        el("p", _item_text(item), class_="hb-paper__text"),
        el("p", item.note, class_="hb-paper__note") if item.note else None,
        el("span", class_="hb-paper__lines", aria_hidden="true"),
        class_="hb-paper__body",
    )
    return el("li", box, body, class_=_item_class(item, "hb-paper"))


def paper_section(checklist: Checklist, section: ChecklistSection, fillable: bool) -> Markup:
    label = f"Notes: {section.title}"
    notes = el(
        "div",
        el("p", label, class_="hb-paper__notes-label"),
        _field(f"{checklist.id}.{section.id}-notes", label, fillable, multiline=True),
        class_="hb-paper__notes",
    )
    items = lines(*(paper_item(checklist, i, fillable) for i in section.items))
    return el(
        "section",
        lines(
            el("h2", section.title, class_="hb-paper__section-title"),
            el("p", section.intro, class_="hb-paper__intro") if section.intro else None,
            el("ol", items, class_="hb-paper__items"),
            notes,
        ),
        class_="hb-paper__section",
    )


def paper_html(checklist: Checklist, source: str, stamp: str, fillable: bool) -> Markup:
    """The paper checklist: header fields, items with tick boxes and writing space, notes.

    ``fillable`` turns the blanks into form fields (for WeasyPrint's AcroForm PDFs).
    ``source`` and ``stamp`` are plain text because paper has no links.
    """
    rows = (
        el(
            "tr",
            el("th", label, scope="row"),
            el("td", _field(f"{checklist.id}.{name}", label, fillable)),
        )
        for name, label in CASE_FIELDS
    )
    return el(
        "div",
        lines(
            el("table", el("tbody", rows), class_="hb-paper__fields"),
            el("p", checklist.intro, class_="hb-paper__intro") if checklist.intro else None,
            *(paper_section(checklist, section, fillable) for section in checklist.sections),
            el("p", f"Source: {source}", class_="hb-paper__source"),
            el("p", f"{checklist.title} · {stamp}", class_="hb-paper__runfoot"),
        ),
        class_="hb-paper",
        data_checklist=checklist.id,
    )
