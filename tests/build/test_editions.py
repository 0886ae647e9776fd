"""Two editions of a fixture handbook: the changes page lists exactly what changed, with
its words; exactly the changed pages and checklist say so; the changed checklist's PDF
carries the new version; an unchanged rebuild lists nothing new; bad snapshots stop the
build with one line."""

from __future__ import annotations

import copy
import re

import pytest
from pypdf import PdfReader

from macros.data.editions import Snapshot
from tests.build.fixture_site import (
    CHECKLIST,
    GLOSSARY,
    FixtureSite,
    copy_example_overlay,
    errors,
)
from tests.pdftext import pdf_text
from tools.edition import keep

pytestmark = pytest.mark.slow

FIRST_ITEMS = [
    {"id": "a", "text": "First question?", "terms": ["sexting"]},
    {"id": "b", "text": "Second question?", "note": "A note."},
    {"id": "c", "text": "Is a social worker already involved with the family?"},
]
OTHER = copy.deepcopy(CHECKLIST) | {
    "id": "other",
    "title": "Other prompts",
    "page": "prompts/other.md",
}
GUIDANCE = "# One\n\nOpening words.\n\n## Scope\n\nThe guidance covers boys aged 12 to 18.\n"
CHANGES = "reference/guidance-changes/index.html"


def set_version(site: FixtureSite, version: str) -> None:
    path = site.root / "pyproject.toml"
    text = re.sub(
        r'^version = ".*"', f'version = "{version}"', path.read_text(encoding="utf-8"), flags=re.M
    )
    path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> FixtureSite:
    """Edition 1.0.0 published (its snapshot kept), then 1.1.0 built with five changes."""
    site = FixtureSite(tmp_path_factory.mktemp("editions"))
    demo = copy.deepcopy(CHECKLIST) | {"page": "prompts/demo.md"}
    demo["sections"][0]["items"] = FIRST_ITEMS
    site.write_yaml("checklists/demo.yml", demo)
    site.write_yaml("checklists/other.yml", OTHER)
    site.write("docs/prompts/demo.md", '# Demo\n\n{{ checklist("demo") }}\n')
    site.write("docs/prompts/other.md", '# Other\n\n{{ checklist("other") }}\n')
    site.write("docs/checklists/other.md", '# Other print\n\n{{ checklist_print("other") }}\n')
    site.write("docs/guidance/one.md", GUIDANCE)
    site.write("docs/guidance/two.md", "# Two\n\nWords that stay.\n")
    site.write("docs/reference/guidance-changes.md", "# Changes\n\n{{ guidance_changes() }}\n")
    site.config["nav"] = [n for n in site.config["nav"] if "Prompts" not in n] + [
        {"Demo": "prompts/demo.md"},
        {"Other": "prompts/other.md"},
        {"One": "guidance/one.md"},
        {"Two": "guidance/two.md"},
        {"Other print": "checklists/other.md"},
        {"Changes": "reference/guidance-changes.md"},
    ]
    (site.root / "docs" / "prompts.md").unlink()
    (site.root / "editions").mkdir()
    set_version(site, "1.0.0")
    first = site.build({"HANDBOOK_EDITION_OUT": str(site.root / "editions" / "1.0.0.json")})
    assert first.returncode == 0, first.stderr
    # 1.1.0: one item reworded, one removed, one added; a glossary short text; a sentence.
    demo["sections"][0]["items"] = [
        FIRST_ITEMS[0],
        {"id": "b", "text": "Second question, asked again?", "note": "A note."},
        {"id": "d", "text": "Which devices does the young person use at home?"},
    ]
    site.write_yaml("checklists/demo.yml", demo)
    glossary = copy.deepcopy(GLOSSARY)
    glossary[1]["short"] = "Sending or receiving sexual images."
    site.write_yaml("data/glossary.yml", glossary)
    site.write(
        "docs/guidance/one.md", GUIDANCE.replace("boys aged 12 to 18", "males aged 12 to 18 years")
    )
    set_version(site, "1.1.0")
    site.config["extra"]["handbook"]["pdf"] = True
    second = site.build({"HANDBOOK_EDITION_OUT": str(site.root / "guidance-1.1.0.json")})
    assert second.returncode == 0, second.stderr
    return site


def edition_section(html: str, anchor: str) -> str:
    start = html.index(f'id="{anchor}"')
    end = html.find('<section class="hb-changes__edition"', start)
    return html[start : end if end > 0 else len(html)]


def test_the_changes_page_lists_exactly_the_five_changes_with_their_words(
    site: FixtureSite,
) -> None:
    html = site.html(CHANGES)
    new = edition_section(html, "not-yet-published")
    assert "Version 1.1.0 (not yet published)" in new
    entries = re.findall(r'<li class="hb-change hb-change--(\w+)">', new)
    assert sorted(entries) == ["added", "removed", "reworded", "reworded", "reworded"]
    hidden = '<span class="hb-visually-hidden">'
    assert f"Second <del>{hidden}removed: </span>question?</del>" in new
    assert f"Second <ins>{hidden}added: </span>question, asked again?</ins>" in new
    assert (
        f"<del>{hidden}removed: </span>Is a social worker already involved with the family?</del>"
        in new
    )
    assert (
        f"<ins>{hidden}added: </span>Which devices does the young person use at home?</ins>" in new
    )
    assert f"Sending <ins>{hidden}added: </span>or receiving</ins> sexual images." in new
    assert f"covers <del>{hidden}removed: </span>boys</del> aged 12 to <del>" in new
    assert f"covers <ins>{hidden}added: </span>males</ins> aged 12 to <ins>" in new
    assert '<a href="../../guidance/one/#scope">Scope</a>' in new  # where the text is now
    first = edition_section(html, "version-1-0-0")
    assert "The first edition" in first
    assert "hb-change " not in first


def test_exactly_the_changed_pages_and_checklist_say_they_changed(site: FixtureSite) -> None:
    lines = {}
    for page in (
        "prompts/demo",
        "prompts/other",
        "guidance/one",
        "guidance/two",
        "checklists/demo",
        "checklists/other",
    ):
        found = re.search(
            r'<div class="hb-changed" data-search-exclude>(.*?)</div>',
            site.html(f"{page}/index.html"),
        )
        assert found, page
        lines[page] = re.sub(r"<[^>]+>", "", found.group(1))
    changed = {
        p
        for p, line in lines.items()
        if "Last changed in version 1.1.0 (not yet published)" in line
    }
    assert changed == {"prompts/demo", "guidance/one", "checklists/demo"}
    for page in set(lines) - changed:
        assert lines[page].startswith("Unchanged since the first edition, version 1.0.0 ("), page
    assert lines["checklists/demo"].endswith(
        "If your printed copy shows an earlier version, print a new one."
    )
    assert "hb-changed" not in site.html("reference/glossary/index.html")  # not a guidance page


def test_only_the_changed_checklists_pdf_and_print_view_carry_the_new_version(
    site: FixtureSite,
) -> None:
    def stamp(cid: str) -> str:
        text = pdf_text(PdfReader(site.root / "site" / "downloads" / "checklists" / f"{cid}.pdf"))
        return " ".join(text.split())

    assert "Checklist last changed in version 1.1.0" in stamp("demo")
    assert "Checklist last changed in version 1.0.0" in stamp("other")
    assert "Checklist last changed in version 1.1.0" not in stamp("other")
    assert "Checklist last changed in version 1.1.0" in site.html("checklists/demo/index.html")
    assert "Checklist last changed in version 1.0.0" in site.html("checklists/other/index.html")


def test_an_unchanged_rebuild_lists_nothing_new(site: FixtureSite) -> None:
    (site.root / "guidance-1.1.0.json").rename(site.root / "editions" / "1.1.0.json")
    site.config["extra"]["handbook"]["pdf"] = False
    result = site.build()
    assert result.returncode == 0, result.stderr
    html = site.html(CHANGES)
    assert "not yet published" not in html
    assert "Version 1.1.0 (" in html
    assert "Last changed in version 1.1.0 (" in site.html("guidance/one/index.html")
    set_version(site, "1.2.0")
    result = site.build()
    assert result.returncode == 0, result.stderr
    assert "not yet published" not in site.html(CHANGES)
    set_version(site, "1.1.0")


def test_an_organisations_copy_lists_its_own_changes_marked_local(site: FixtureSite) -> None:
    """The overlay's snapshot of 1.1.0 (make edition LOCAL=…), then its note reworded."""
    copy_example_overlay(site.root)
    overlay = site.root / "local" / "local.yml"
    base = overlay.read_text(encoding="utf-8")
    note = "notes:\n  - page: guidance/one.md\n    anchor: scope\n    text: Call the {} first.\n"
    overlay.write_text(base + note.format("duty team"), encoding="utf-8")
    out = site.root / "local-1.1.0.json"
    site.config["extra"]["handbook"]["local"] = "local/local.yml"
    assert site.build({"HANDBOOK_EDITION_OUT": str(out)}).returncode == 0
    target = site.root / "local" / "local" / "editions" / "1.1.0.json"
    assert keep(Snapshot.model_validate_json(out.read_text(encoding="utf-8")), target, local=True)
    assert [
        u.id for u in Snapshot.model_validate_json(target.read_text(encoding="utf-8")).units
    ] == ["note:guidance/one.md#scope:1"]
    overlay.write_text(base + note.format("panel coordinator"), encoding="utf-8")
    result = site.build()
    site.config["extra"]["handbook"]["local"] = ""
    assert result.returncode == 0, result.stderr
    new = edition_section(site.html(CHANGES), "not-yet-published")
    assert "Changes after version 1.1.0 (not yet published)" in new
    assert re.findall(r'<li class="hb-change hb-change--(\w+)">', new) == ["reworded"]
    assert '<span class="hb-local-marker">Local</span>' in new
    assert "Practice note" in new
    assert "panel coordinator" in new
    assert "Last changed after version 1.1.0" not in site.html("guidance/two/index.html")


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (
            "1.0.0-copy.json",
            None,
            "editions/1.0.0.json: version: 1.0.0 is also claimed by editions/1.0.0-copy.json",
        ),
        (
            "9.9.9.json",
            '{"version": "9.9.9", "date": null, "units": []}',
            "editions/9.9.9.json: version: 9.9.9 is newer than the version being built",
        ),
        (
            "2.0.0.json",
            '{"version": "2.0.0", "units": []}',
            "editions/2.0.0.json: date: field required",
        ),
    ],
)
def test_a_bad_snapshot_stops_the_build_with_one_line(
    site: FixtureSite, name: str, text: str | None, message: str
) -> None:
    extra = site.root / "editions" / name
    extra.write_text(
        text or (site.root / "editions" / "1.0.0.json").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    try:
        result = site.build()
    finally:
        extra.unlink()
    assert result.returncode != 0
    assert len(errors(result)) == 1, result.stderr
    assert errors(result)[0].startswith(message)
