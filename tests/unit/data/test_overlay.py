"""An overlay's checklist items, merged into the guidance's checklists; an overlay with
problems in some entries, read for the checks on the rest."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.data.files import DataError
from macros.data.loading import merge_items, read_overlay
from macros.data.local_models import LocalOverlay
from macros.data.models import Checklist

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


def test_an_entry_with_a_problem_is_set_aside_and_the_rest_keep_their_place(
    tmp_path: Path,
) -> None:
    """So the checks after it still run, and name each entry by its index in the file."""
    path = tmp_path / "local.yml"
    path.write_text(
        "organisation: O\ncontacts:\n  - role: R\nnotes:\n"
        "  - {page: a.md, text: One.}\n  - {page: a.md}\n  - {page: b.md, text: Three.}\n"
        "banner: '<'\nreview: {responsible_role: R, last_review: 2026-02-01, next_review: 2026-01-01}\n",
        encoding="utf-8",
    )
    overlay, problems = read_overlay(path, "local.yml")
    assert problems == [
        "local.yml: line 6: notes[1].text: field required",
        "local.yml: line 9: review.next_review: must be after last_review (2026-02-01)",
    ]
    assert overlay is not None
    assert [(i, note.page) for i, note in overlay.numbered("notes")] == [(0, "a.md"), (2, "b.md")]
    assert overlay.review is None
    assert overlay.banner == "<"


def test_nothing_to_check_when_the_overlay_is_not_a_mapping(tmp_path: Path) -> None:
    path = tmp_path / "local.yml"
    path.write_text("- a\n- b\n", encoding="utf-8")
    overlay, problems = read_overlay(path, "local.yml")
    assert overlay is None
    assert len(problems) == 1


def test_a_key_from_the_file_is_quoted_on_one_plain_line(tmp_path: Path) -> None:
    """A line break, ESC or a direction override in a key never reaches a terminal."""
    path = tmp_path / "local.yml"
    path.write_text(
        'organisation: O\ncontacts:\n  - role: R\n"\\e[2Jx\\ny\\u202e": 1\n', encoding="utf-8"
    )
    _, problems = read_overlay(path, "local.yml")
    assert problems == [
        "local.yml: line 4: \\u001b[2Jx\\u000ay\\u202e: extra inputs are not permitted"
    ]
    path.write_text('organisation: O\n"a\\e": 1\n"a\\e": 2\n', encoding="utf-8")
    with pytest.raises(DataError) as err:
        read_overlay(path, "local.yml")
    assert str(err.value) == "local.yml: line 3: duplicate key 'a\\u001b'"


def test_a_date_not_in_the_calendar_as_a_key_is_one_line_and_the_rest_is_read(
    tmp_path: Path,
) -> None:
    path = tmp_path / "local.yml"
    path.write_text(
        "organisation: O\ncontacts: [{role: R, 2026-02-30: x}]\n2026-02-31: x\nbanner: [b]\n",
        encoding="utf-8",
    )
    _, problems = read_overlay(path, "local.yml")
    assert problems == [
        "local.yml: line 2: contacts[0]: '2026-02-30' is not a real date or time "
        "(day is out of range for month)",
        "local.yml: line 3: (top level): '2026-02-31' is not a real date or time "
        "(day is out of range for month)",
        "local.yml: line 4: banner: input should be a valid string",
    ]
