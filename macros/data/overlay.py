"""Local content from an overlay that attaches to the guidance: practice notes and checklist
items (local pages: macros/data/local_pages.py).

Everything is checked once, at start-up, against the guidance's own data; each
problem is one line naming the file and the field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Set
from functools import partial

from .files import fail
from .local_models import LocalOverlay, Review
from .models import Checklist, ChecklistItem, ChecklistSection, reserved_item_ids

NAV_TITLE = "Local resources"


def check_notes(overlay: LocalOverlay, headings: Mapping[str, Set[str]], label: str) -> None:
    """Each note names a guidance page in the navigation and, if it has an anchor, a heading
    on that page. ``headings`` maps each page to its headings' ids (macros/data/headings.py).
    """
    problems = []
    for i, note in overlay.numbered("notes"):
        if note.page not in headings:
            problems.append(
                f"{overlay.at(label, 'notes', i, 'page')}: no guidance page '{note.page}'"
            )
        elif note.anchor is not None and note.anchor not in headings[note.page]:
            problems.append(
                f"{overlay.at(label, 'notes', i, 'anchor')}: "
                f"no heading '#{note.anchor}' on page '{note.page}'"
            )
    fail(problems)


def merge_items(
    checklists: Mapping[str, Checklist], overlay: LocalOverlay, label: str
) -> dict[str, Checklist]:
    """The checklists with the overlay's local items appended to their sections."""
    problems: list[str] = []
    added: dict[tuple[str, str], list[ChecklistItem]] = {}
    used = {cid: {item.id for item in c.items} for cid, c in checklists.items()}
    for i, item in overlay.numbered("checklist_items"):
        where = partial(overlay.at, label, "checklist_items", i)
        checklist = checklists.get(item.checklist)
        if checklist is None:
            problems.append(f"{where('checklist')}: no checklist '{item.checklist}'")
            continue
        if item.section not in {s.id for s in checklist.sections}:
            problems.append(
                f"{where('section')}: no section '{item.section}' in checklist '{item.checklist}'"
            )
            continue
        reserved = reserved_item_ids(checklist).get(item.id)
        if reserved:
            problems.append(
                f"{where('id')}: '{item.id}' is reserved in checklist '{item.checklist}' "
                f"({reserved} uses it)"
            )
            continue
        if item.id in used[item.checklist]:
            problems.append(
                f"{where('id')}: '{item.id}' is already an item id in checklist '{item.checklist}'"
            )
            continue
        used[item.checklist].add(item.id)
        local = ChecklistItem(id=item.id, text=item.text, note=item.note, local=True)
        added.setdefault((item.checklist, item.section), []).append(local)
    fail(problems)

    def section(cid: str, s: ChecklistSection) -> ChecklistSection:
        extra = added.get((cid, s.id))
        return s.model_copy(update={"items": (*s.items, *extra)}) if extra else s

    return {
        cid: c.model_copy(update={"sections": tuple(section(cid, s) for s in c.sections)})
        for cid, c in checklists.items()
    }


def overdue(review: Review | None, today: dt.date) -> str | None:
    """A notice line when the next planned review date has passed."""
    if review is None or review.next_review >= today:
        return None
    return (
        f"NOTICE: the local overlay's next planned review date ({review.next_review}) "
        f"has passed (build date {today}); review the local content"
    )
