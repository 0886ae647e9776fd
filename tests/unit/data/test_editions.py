"""Snapshots of the guidance: strict reading, deterministic bytes, units from pages and
data, and matching units across editions (by id, then by their words)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from macros.data.changes import LastChanged, compare, load_history, timeline
from macros.data.editions import Snapshot, Unit, load_snapshots, snapshot_json
from macros.data.files import DataError
from macros.data.models import Checklist, Reference
from macros.data.units import checklist_units, page_units, reference_units


def unit(uid: str, text: str, page: str = "guidance/a.md", group: str = "A", **kw: Any) -> Unit:
    return Unit(id=uid, kind="section", group=group, label=uid, page=page, text=text, **kw)


def snapshot(version: str, *units: Unit, date: str | None = "2026-11-28") -> Snapshot:
    return Snapshot(version=version, date=date, units=units)


def write(folder: Path, name: str, data: Any) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


GOOD = json.loads(snapshot_json(snapshot("1.0.0", unit("page:guidance/a.md#x", "Words."))))
UNIT = GOOD["units"][0]


def test_the_same_content_gives_the_same_bytes_whatever_the_order() -> None:
    a, b = unit("page:a.md#1", "One."), unit("page:a.md#2", "Two.")
    one, two = snapshot_json(snapshot("1.0.0", a, b)), snapshot_json(snapshot("1.0.0", b, a))
    assert one == two
    assert one.endswith("}\n")
    assert '\n  "units": [\n    {\n      "anchor": ""' in one  # keys sorted, two spaces


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (
            {"1.0.0.json": {**GOOD, "units": [{k: v for k, v in UNIT.items() if k != "kind"}]}},
            "editions/1.0.0.json: units[0].kind: ",
        ),
        (
            {"1.0.0.json": {k: v for k, v in GOOD.items() if k != "date"}},
            "editions/1.0.0.json: date: ",
        ),
        ({"1.0.0.json": '{"version": "1.0.0",'}, "editions/1.0.0.json: line 1: not valid JSON"),
        (
            {"1.0.0.json": " " * (1024 * 1024 + 1)},
            "editions/1.0.0.json: (top level): file is 1,048,577",
        ),
        (
            {"1.0.0.json": GOOD, "copy.json": GOOD},
            "editions/copy.json: version: 1.0.0 is also claimed by editions/1.0.0.json",
        ),
        (
            {"9.0.0.json": {**GOOD, "version": "9.0.0"}},
            "editions/9.0.0.json: version: 9.0.0 is newer than the version being built (1.2.0",
        ),
        (
            {"1.0.0.json": {**GOOD, "units": GOOD["units"] * 2}},
            "editions/1.0.0.json: unit id used twice in one edition: 'page:guidance/a.md#x'",
        ),
    ],
)
def test_a_bad_snapshot_is_one_line_naming_the_file(
    tmp_path: Path, files: dict[str, Any], message: str
) -> None:
    for name, data in files.items():
        write(tmp_path / "editions", name, data)
    with pytest.raises(DataError) as caught:
        load_snapshots(tmp_path / "editions", "editions", "1.2.0")
    assert len(str(caught.value).splitlines()) == 1
    assert str(caught.value).startswith(message)


def test_an_overlay_snapshot_may_not_be_a_link_nor_hold_the_handbooks_units(tmp_path: Path) -> None:
    real = write(tmp_path / "real", "1.0.0.json", GOOD)
    (tmp_path / "local" / "editions").mkdir(parents=True)
    (tmp_path / "local" / "editions" / "1.0.0.json").symlink_to(real)
    with pytest.raises(DataError, match="symbolic link"):
        load_history(tmp_path, "1.2.0", tmp_path / "local")
    (tmp_path / "local" / "editions" / "1.0.0.json").unlink()
    write(tmp_path / "local" / "editions", "1.0.0.json", GOOD)
    with pytest.raises(DataError, match="holds only local units"):
        load_history(tmp_path, "1.2.0", tmp_path / "local")


def test_units_are_matched_by_id_then_by_their_words() -> None:
    old = [
        unit("page:a.md#same", "Unchanged words here."),
        unit("page:a.md#reworded", "The young person was asked about the images."),
        unit("page:a.md#old-id", "A section whose heading id changed, words and all kept."),
        unit("page:a.md#moving", "A section that moves to another page of the handbook."),
        unit("page:a.md#gone", "Completely different text about safety plans."),
    ]
    new = [
        unit("page:a.md#same", "Unchanged words here."),
        unit("page:a.md#reworded", "The young person was asked about the pictures."),
        unit("page:a.md#new-id", "A section whose heading id changed, words and all kept."),
        unit(
            "page:b.md#moving",
            "A section that moves to another page of the handbook.",
            page="b.md",
            group="B",
        ),
        unit("page:a.md#new", "Questions on school, friends and family."),
    ]
    got = {
        (c.status, c.before.id if c.before else None, c.after.id if c.after else None)
        for c in compare(old, new)
    }
    assert got == {
        ("reworded", "page:a.md#reworded", "page:a.md#reworded"),
        ("moved", "page:a.md#moving", "page:b.md#moving"),
        ("removed", "page:a.md#gone", None),
        ("added", None, "page:a.md#new"),
    }  # the id-only change is presentation: not listed


def test_timeline_lists_the_version_being_built_only_if_it_differs() -> None:
    first = snapshot("1.0.0", unit("page:a.md#x", "Words."))
    second = snapshot("1.1.0", unit("page:a.md#x", "Other words."), date="2026-11-29")
    same = snapshot("1.2.0", unit("page:a.md#x", "Other words."), date=None)
    steps = timeline([first, second], same)
    assert [(s.version, s.published) for s in steps] == [("1.0.0", True), ("1.1.0", True)]
    changed = timeline([first, second], snapshot("1.1.0", unit("page:a.md#x", "New."), date=None))
    assert changed[-1].title == "Changes after version 1.1.0 (not yet published)"
    assert changed[-1].anchor == "not-yet-published"
    assert LastChanged(steps).of("guidance/a.md") == steps[1]
    assert LastChanged(steps).of("b.md") == steps[0]


def test_page_units_are_sections_without_data_blocks_source_wording_or_tooltips() -> None:
    html = (
        '<h1 id="t">Title<a class="headerlink" href="#t">¶</a></h1><p>Intro <span class="hb-term">'
        '<a>TA-HSB</a><span class="hb-term__tip">Tooltip words</span></span> here.</p>'
        '<details class="hb-source-wording"><summary>Source wording</summary>Slide</details>'
        '<div class="admonition"><h2 id="s">Section</h2><p>Body <em>text</em>.</p></div>'
        '<section class="hb-checklist"><p>Checklist words</p></section>'
        '<p class="hb-changed">Last changed in version 1.0.0</p>'
    )
    units = page_units("guidance/a.md", html)
    assert [(u.id, u.group, u.text) for u in units] == [
        ("page:guidance/a.md#t", "Title", "Title Intro TA-HSB here."),
        ("page:guidance/a.md#s", "Title", "Section Body text."),
    ]


def test_data_units_cover_checklists_and_references() -> None:
    checklist = Checklist(
        id="demo",
        title="Demo",
        page="prompts/demo.md",
        cite=("k",),
        sections=[
            {"id": "s", "title": "Questions", "items": [{"id": "a", "text": "One?", "note": "N."}]}
        ],
    )
    ids = [u.id for u in checklist_units(checklist)]
    assert ids == [
        "checklist:demo",
        "checklist:demo:section:s",
        "checklist:demo:item:a",
        "checklist:demo:item:a:note",
    ]
    ref = reference_units(
        [Reference(key="k", authors="Lim", year=2017, url="https://x.org", cited_for="Y.")]
    )
    assert ref[0].text == "Lim, 2017. https://x.org/. Cited for: Y."
