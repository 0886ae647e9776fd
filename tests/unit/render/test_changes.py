"""The changes page's words: removed and added words marked for screen readers, long
unchanged stretches cut, every string escaped; the release notes' section."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.data.changes import Change, Step
from macros.data.editions import Snapshot, Unit, snapshot_json
from macros.render.changes import TEMPLATE, changes_page, word_marks
from tools.release.notes import edition_notes, guidance_notes
from tools.release.source import SourceError

HIDDEN = '<span class="hb-visually-hidden">'


def unit(text: str, uid: str = "page:a.md#s", label: str = "Scope <b>") -> Unit:
    return Unit(
        id=uid, kind="section", group="A & B", label=label, page="a.md", anchor="s", text=text
    )


def test_removed_and_added_words_are_announced() -> None:
    before, after = word_marks("Boys aged 12 to 18.", "Males aged 12 to 18.")
    assert before == f"<del>{HIDDEN}removed: </span>Boys</del> aged 12 to 18."
    assert after == f"<ins>{HIDDEN}added: </span>Males</ins> aged 12 to 18."


def test_long_unchanged_stretches_keep_the_words_beside_the_change() -> None:
    words = " ".join(f"w{i}" for i in range(100))
    before, _ = word_marks(f"{words} old {words}", f"{words} new {words}")
    assert str(before).startswith("… w88 w89")
    assert str(before).endswith("w10 w11 …")


def test_the_page_escapes_every_string_and_links_where_the_text_is_now() -> None:
    change = Change("reworded", unit("<script>x</script> a"), unit("<script>x</script> b"))
    step = Step("1.1.0", None, (change,))
    html = str(changes_page([Step("1.0.0", "2026-11-28", None), step], lambda u: "../a/#s", {}))
    assert "<script>" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html
    assert '<a href="../a/#s">Scope &lt;b&gt;</a>' in html
    assert html.index("Version 1.1.0 (not yet published)") < html.index(
        "Version 1.0.0 (2026-11-28)"
    )
    assert "<h3>A &amp; B</h3>" in html
    assert str(changes_page([], lambda u: None, {})) == (
        '<p class="hb-changes">No edition of the guidance has been recorded yet.</p>'
    )


def test_the_last_changed_line() -> None:
    step = Step("1.3.0", "2027-01-12", ())
    line = str(TEMPLATE.changed(step, "../changes/#version-1-3-0", checklist=True))
    assert "Last changed in version 1.3.0 (2027-01-12): " in line
    assert '<a href="../changes/#version-1-3-0">see what changed</a>' in line
    assert line.endswith("If your printed copy shows an earlier version, print a new one.</div>")
    first = str(TEMPLATE.changed(Step("1.0.0", "2026-11-28", None), "x", checklist=False))
    assert "Unchanged since the first edition, version 1.0.0 (2026-11-28)." in first


def test_release_notes_give_each_change_with_its_words() -> None:
    old = Snapshot(version="1.0.0", date="2026-11-28", units=(unit("Old words here."),))
    new = Snapshot(version="1.1.0", date="2026-12-01", units=(unit("New words here."),))
    notes = guidance_notes(old, new)
    assert notes.startswith("## Changes to the guidance\n\n")
    assert "version 1.0.0 (editions/1.0.0.json) and of this edition: 1 reworded." in notes
    assert "### A &amp; B\n\n- Reworded (section): Scope &lt;b&gt;\n" in notes
    assert "  - Before: “Old words here.”\n  - After: “New words here.”" in notes


def test_release_notes_compare_with_the_edition_before_and_keep_published_ones(
    tmp_path: Path,
) -> None:
    (tmp_path / "editions").mkdir()
    for version, text in (("1.0.0", "Old words."), ("1.1.0", "New words.")):
        kept = Snapshot(version=version, date="2026-11-28", units=(unit(text),))
        (tmp_path / "editions" / f"{version}.json").write_text(snapshot_json(kept), "utf-8")
    built = Snapshot(version="1.1.0", date=None, units=(unit("New words."),))
    assert "version 1.0.0 (editions/1.0.0.json)" in edition_notes(
        tmp_path, built.model_dump_json(), None
    )
    changed = built.model_copy(update={"units": (unit("Other words."),)})
    with pytest.raises(SourceError, match=r"^editions/1.1.0.json: its guidance differs"):
        edition_notes(tmp_path, changed.model_dump_json(), None)


def test_added_removed_and_moved_units_show_their_words() -> None:
    added = Change("added", None, unit("New <words>.", "page:a.md#n"))
    removed = Change("removed", unit("Old words.", "page:a.md#o"), None)
    moved = Change("moved", unit("Same."), unit("Same.").model_copy(update={"group": "C"}))
    html = str(changes_page([Step("1.1.0", None, (added, removed, moved))], lambda u: "a/", {}))
    label = '<span class="hb-change__label">'
    assert (
        f'<p class="hb-change__after">{label}Words: </span><ins>{HIDDEN}added: </span>'
        "New &lt;words&gt;.</ins></p>"
    ) in html
    assert (
        f'<span>Scope &lt;b&gt;</span></p><p class="hb-change__before">{label}Words: </span>'
        f"<del>{HIDDEN}removed: </span>Old words.</del></p>"
    ) in html
    assert (
        f'(from “A &amp; B” to “C”)</p><p class="hb-change__after">{label}Words (unchanged): '
        "</span>Same.</p>"
    ) in html
