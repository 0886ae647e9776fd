"""Checklists: the interactive on-screen version and the paper/PDF version."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup, escape

from ..data.models import CASE_FIELDS, Checklist, ChecklistItem, ChecklistSection
from .html import el, lines

PRIVACY = (
    "Anything you tick or type here stays in this browser tab only: it is never sent "
    "anywhere, and it is gone when you close the tab."
)

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


def _item_id(checklist: Checklist, item: ChecklistItem) -> str:
    return f"cl-{checklist.id}-{item.id}"


def _notes_id(checklist: Checklist, section: ChecklistSection) -> str:
    return f"cl-{checklist.id}-{section.id}-notes"


def local_marker(item: ChecklistItem) -> Markup | None:
    """The "Local" marker on an item an organisation added (screen, paper, PDF, record)."""
    return el("span", "Local", class_="hb-local-marker") if item.local else None


def _item_text(item: ChecklistItem) -> Markup | str:
    marker = local_marker(item)
    return marker + Markup(" ") + escape(item.text) if marker else item.text


def screen_item(checklist: Checklist, item: ChecklistItem, terms: TermLinks) -> Markup:
    item_id = _item_id(checklist, item)
    linked = terms(item)
    # One per line: the grid ignores the line breaks, and search reads the label and its
    # note as separate words. The glossary links repeat names search finds elsewhere.
    return el(
        "li",
        lines(
            el("input", type="checkbox", id=item_id, name=item.id, class_="hb-checklist__box"),
            el("label", _item_text(item), for_=item_id, class_="hb-checklist__label"),
            el("span", item.note, class_="hb-checklist__note") if item.note else None,
            el(
                "span",
                "Glossary: ",
                linked,
                class_="hb-checklist__terms",
                data_search_exclude=True,
            )
            if linked
            else None,
        ),
        class_="hb-checklist__item hb-checklist__item--local"
        if item.local
        else "hb-checklist__item",
    )


def screen_section(checklist: Checklist, section: ChecklistSection, terms: TermLinks) -> Markup:
    notes_id = _notes_id(checklist, section)
    return el(
        "fieldset",
        lines(
            el("legend", section.title, class_="hb-checklist__legend"),
            el("p", section.intro, class_="hb-checklist__intro") if section.intro else None,
            el(
                "ul",
                lines(*(screen_item(checklist, i, terms) for i in section.items)),
                class_="hb-checklist__items",
            ),
            el(
                "div",
                el("label", f"Notes: {section.title}", for_=notes_id),
                el("textarea", id=notes_id, name=f"{section.id}-notes", rows=3),
                class_="hb-checklist__notes",
            ),
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
    record_link = (
        el("a", "Assessment record", href=links.record, class_="md-button")
        if links.record
        else None
    )
    return el(
        "section",
        lines(
            None
            if in_record
            else el(
                "p",
                f"Checklist: {checklist.title}",
                id=title_id(checklist),
                class_="hb-checklist__title",
            ),
            el("p", checklist.intro, class_="hb-checklist__intro") if checklist.intro else None,
            # The privacy note and the links are the same on every checklist: left out of
            # the search index (the Privacy notice and Printable checklists pages answer).
            None
            if in_record
            else el("p", PRIVACY, class_="hb-checklist__privacy", data_search_exclude=True),
            el(
                "p",
                el("a", "Download printable PDF (A4)", href=links.pdf, class_="md-button"),
                " ",
                el("a", "Open the print view", href=links.print_view, class_="md-button"),
                [" ", record_link] if record_link else None,
                class_="hb-checklist__links",
                data_search_exclude=True,
            ),
            *(screen_section(checklist, s, terms) for s in checklist.sections),
            el(
                "div",
                el("p", f"0 of {total} covered", class_="hb-checklist__count", role="status"),
                el("button", "Clear", type="button", class_="md-button hb-checklist__clear"),
                class_="hb-checklist__status",
                hidden=True,
            ),
            el("p", "Source: ", links.source, class_="hb-checklist__source"),
        ),
        class_="hb-checklist",
        data_checklist=checklist.id,
        data_total=str(total),
        aria_labelledby=title_id(checklist),
    )


def _field(name: str, label: str, fillable: bool, multiline: bool = False) -> Markup:
    """A blank to write in on paper, or (``fillable``) a named form field for the PDF."""
    if not fillable:
        return el(
            "span", class_="hb-paper__blank" + (" hb-paper__blank--area" if multiline else "")
        )
    if multiline:
        return el(
            "textarea", name=name, title=label, class_="hb-paper__input hb-paper__input--area"
        )
    return el("input", type="text", name=name, title=label, class_="hb-paper__input")


def paper_item(checklist: Checklist, item: ChecklistItem, fillable: bool) -> Markup:
    box = (
        el(
            "input",
            type="checkbox",
            name=f"{checklist.id}.{item.id}",
            title=f"Local: {item.text}" if item.local else item.text,
            class_="hb-paper__check",
        )
        if fillable
        else el("span", class_="hb-paper__box", aria_hidden="true")
    )
    return el(
        "li",
        box,
        el(
            "div",
            el("p", _item_text(item), class_="hb-paper__text"),
            el("p", item.note, class_="hb-paper__note") if item.note else None,
            el("span", class_="hb-paper__lines", aria_hidden="true"),
            class_="hb-paper__body",
        ),
        class_="hb-paper__item hb-paper__item--local" if item.local else "hb-paper__item",
    )


def paper_section(checklist: Checklist, section: ChecklistSection, fillable: bool) -> Markup:
    notes = f"Notes: {section.title}"
    return el(
        "section",
        lines(
            el("h2", section.title, class_="hb-paper__section-title"),
            el("p", section.intro, class_="hb-paper__intro") if section.intro else None,
            el(
                "ol",
                lines(*(paper_item(checklist, i, fillable) for i in section.items)),
                class_="hb-paper__items",
            ),
            el(
                "div",
                el("p", notes, class_="hb-paper__notes-label"),
                _field(f"{checklist.id}.{section.id}-notes", notes, fillable, multiline=True),
                class_="hb-paper__notes",
            ),
        ),
        class_="hb-paper__section",
    )


def paper_html(checklist: Checklist, source: str, stamp: str, fillable: bool) -> Markup:
    """The paper checklist: header fields, items with tick boxes and writing space, notes.

    ``fillable`` turns the blanks into form fields (for WeasyPrint's AcroForm PDFs).
    ``source`` and ``stamp`` are plain text because paper has no links.
    """
    header = el(
        "table",
        el(
            "tbody",
            [
                el(
                    "tr",
                    el("th", label, scope="row"),
                    el("td", _field(f"{checklist.id}.{name}", label, fillable)),
                )
                for name, label in CASE_FIELDS
            ],
        ),
        class_="hb-paper__fields",
    )
    return el(
        "div",
        lines(
            header,
            el("p", checklist.intro, class_="hb-paper__intro") if checklist.intro else None,
            *(paper_section(checklist, section, fillable) for section in checklist.sections),
            el("p", f"Source: {source}", class_="hb-paper__source"),
            el("p", f"{checklist.title} · {stamp}", class_="hb-paper__runfoot"),
        ),
        class_="hb-paper",
        data_checklist=checklist.id,
    )
