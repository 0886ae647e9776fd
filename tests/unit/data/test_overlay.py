"""An overlay's checklist items, merged into the guidance's checklists."""

from __future__ import annotations

import pytest

from macros.data.files import DataError
from macros.data.models import Checklist, LocalOverlay
from macros.data.overlay import merge_items

CHECKLIST = Checklist.model_validate(
    {
        "id": "demo",
        "title": "Demo",
        "page": "demo.md",
        "cite": ["x"],
        "sections": [{"id": "s", "title": "S", "items": [{"id": "a", "text": "A?"}]}],
    }
)


def overlay(**extra: object) -> LocalOverlay:
    return LocalOverlay.model_validate(
        {"organisation": "Org <b>", "contacts": [{"role": "Lead"}], **extra}
    )


def test_local_items_are_appended_and_flagged() -> None:
    merged = merge_items(
        {"demo": CHECKLIST},
        overlay(checklist_items=[{"checklist": "demo", "section": "s", "id": "b", "text": "B"}]),
        "l.yml",
    )
    items = merged["demo"].items
    assert [(i.id, i.local) for i in items] == [("a", False), ("b", True)]
    assert CHECKLIST.items[-1].id == "a"  # the guidance's own model is unchanged


def test_local_item_id_cannot_collide() -> None:
    bad = overlay(
        checklist_items=[
            {"checklist": "demo", "section": "s", "id": "a", "text": "Clash"},
            {"checklist": "nope", "section": "s", "id": "c", "text": "C"},
        ]
    )
    with pytest.raises(DataError) as err:
        merge_items({"demo": CHECKLIST}, bad, "l.yml")
    assert str(err.value).splitlines() == [
        "l.yml: checklist_items[0].id: 'a' is already an item id in checklist 'demo'",
        "l.yml: checklist_items[1].checklist: no checklist 'nope'",
    ]
