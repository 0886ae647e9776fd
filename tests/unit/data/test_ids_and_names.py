"""Ids and names: no item id repeats a generated page id or PDF field; no two glossary names
look alike."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from markupsafe import Markup

from macros.data.files import DataError
from macros.data.glossary import load_glossary
from macros.data.loading import load_checklist, load_checklists, merge_items
from macros.data.local_models import LocalOverlay
from macros.data.models import CASE_FIELDS, Checklist, Reference, reserved_item_ids
from macros.render.html import CHECKLIST as TEMPLATE
from tests.conftest import ROOT

REFS = {"lim-2017": Reference(key="lim-2017", authors="Lim et al.", year=2017, cited_for="x")}
CHECKLIST = Checklist.model_validate(
    {
        "id": "demo",
        "title": "Demo",
        "page": "demo.md",
        "cite": ["lim-2017"],
        "sections": [
            {"id": "s", "title": "S", "items": [{"id": "a", "text": "A?"}]},
            {"id": "t", "title": "T", "items": [{"id": "b", "text": "B?"}]},
        ],
    }
)
LINKS = {"pdf": "x.pdf", "print_view": "print/", "source": Markup("Lim")}
RESERVED = ["title", "case-reference", "date", "assessor", "agency", "s-notes", "t-notes"]


def _no_terms(item: object) -> None:
    return None


def with_item(checklist: Checklist, item_id: str) -> Checklist:
    """``checklist`` with one more item, unchecked (as the old code let an overlay add it)."""
    first = checklist.sections[0]
    extra = first.items[0].model_copy(update={"id": item_id, "text": "Extra?"})
    section = first.model_copy(update={"items": (*first.items, extra)})
    return checklist.model_copy(update={"sections": (section, *checklist.sections[1:])})


def repeated(checklist: Checklist) -> list[str]:
    """Element ids and form field names used twice on the record page or in the fillable PDF."""
    screen = BeautifulSoup(
        str(
            TEMPLATE.record(
                [(checklist, TEMPLATE.screen(checklist, _no_terms, **LINKS, in_record=True))],
                "1",
                "s",
                None,
            )
        ),
        "html.parser",
    )
    paper = BeautifulSoup(str(TEMPLATE.paper(checklist, "Lim", "v1", fillable=True)), "html.parser")
    ids = Counter(str(node["id"]) for node in screen.select("[id]"))
    fields = Counter(str(node["name"]) for node in screen.select("input[name], textarea[name]"))
    pdf = Counter(str(node["name"]) for node in paper.select("[name]"))
    return sorted(n for counts in (ids, fields, pdf) for n, c in counts.items() if c > 1)


def test_reserved_ids_are_exactly_the_ones_that_collide() -> None:
    assert sorted(reserved_item_ids(CHECKLIST)) == sorted(RESERVED)
    assert [name for name, _ in CASE_FIELDS] == ["case-reference", "date", "assessor", "agency"]
    assert repeated(CHECKLIST) == []
    for item_id in RESERVED:
        assert repeated(with_item(CHECKLIST, item_id)) != [], item_id
    for item_id in ("titles", "notes", "s-note", "u-notes", "dates"):
        assert repeated(with_item(CHECKLIST, item_id)) == [], item_id


@pytest.mark.parametrize(
    ("item_id", "uses"),
    [
        ("title", "the checklist's title"),
        ("date", "the PDF's 'Date' field"),
        ("case-reference", "the PDF's 'Case reference' field"),
        ("agency", "the PDF's 'Agency' field"),
        ("t-notes", "the notes of section 't'"),
        ("s-notes", "the notes of section 's'"),
    ],
)
def test_local_item_with_a_reserved_id_is_refused(item_id: str, uses: str) -> None:
    overlay = LocalOverlay.model_validate(
        {
            "organisation": "Org",
            "contacts": [{"role": "Lead"}],
            "checklist_items": [{"checklist": "demo", "section": "s", "id": item_id, "text": "X"}],
        }
    )
    with pytest.raises(DataError) as err:
        merge_items({"demo": CHECKLIST}, overlay, "l.yml")
    assert str(err.value) == (
        f"l.yml: checklist_items[0].id: '{item_id}' is reserved in checklist 'demo' ({uses} uses it)"
    )


def test_guidance_item_with_a_reserved_id_is_refused(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "demo.md").write_text("# Demo\n", encoding="utf-8")
    path = tmp_path / "demo.yml"
    path.write_text(
        "id: demo\ntitle: Demo\npage: demo.md\ncite: [lim-2017]\nsections:\n"
        "  - {id: s, title: S, items: [{id: a, text: A?}, {id: s-notes, text: N?}]}\n",
        encoding="utf-8",
    )
    glossary_path = tmp_path / "glossary.yml"
    glossary_path.write_text("- {id: x, term: X, short: s, definition: d}\n", encoding="utf-8")
    glossary = load_glossary(glossary_path, "g.yml", REFS)
    with pytest.raises(DataError) as err:
        load_checklist(path, "checklists/demo.yml", REFS, glossary, tmp_path / "docs")
    assert str(err.value) == (
        "checklists/demo.yml: sections[0].items[1].id: 's-notes' is reserved "
        "(the notes of section 's' uses it)"
    )


def test_checklist_ids_that_extend_another_are_refused(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "demo.md").write_text("# Demo\n", encoding="utf-8")
    folder = tmp_path / "checklists"
    folder.mkdir()
    for cid, item in (("demo", "b-c"), ("demo-b", "c")):
        (folder / f"{cid}.yml").write_text(
            f"id: {cid}\ntitle: T\npage: demo.md\ncite: [lim-2017]\nsections:\n"
            f"  - {{id: s, title: S, items: [{{id: {item}, text: Q?}}]}}\n",
            encoding="utf-8",
        )
    glossary_path = tmp_path / "glossary.yml"
    glossary_path.write_text("- {id: x, term: X, short: s, definition: d}\n", encoding="utf-8")
    glossary = load_glossary(glossary_path, "g.yml", REFS)
    with pytest.raises(DataError) as err:
        load_checklists(folder, tmp_path, REFS, glossary, tmp_path / "docs")
    assert str(err.value) == (
        "checklists/demo-b.yml: id: 'demo-b' begins with 'demo-', the id of another "
        "checklist (their page ids could collide)"
    )


GLOSSARY = (
    "- {id: iioc, term: Indecent images of children, abbreviation: IIOC, short: s, definition: d}\n"
)
PUNCTUATION = "a glossary name may use Latin letters, digits, spaces and - ' ’ ( ) . , / & : + only"


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        (
            '{id: x, term: "ІІОС", short: s, definition: d}',
            "[1].term: 'ІІОС' has U+0406 (CYRILLIC CAPITAL LETTER BYELORUSSIAN-UKRAINIAN I); "
            + PUNCTUATION,
        ),
        (
            '{id: x, term: Other, aliases: ["Іndecent images of children"], short: s, definition: d}',
            "[1].aliases[0]: 'Іndecent images of children' has U+0406 "
            "(CYRILLIC CAPITAL LETTER BYELORUSSIAN-UKRAINIAN I); " + PUNCTUATION,
        ),
        (
            '{id: x, term: "II\\u200bOC", short: s, definition: d}',
            "[1].term: 'II\\u200bOC' has U+200B (ZERO WIDTH SPACE); " + PUNCTUATION,
        ),
        (
            '{id: x, term: "I\\u00adIOC", short: s, definition: d}',
            "[1].term: 'I\\xadIOC' has U+00AD (SOFT HYPHEN); " + PUNCTUATION,
        ),
        (
            '{id: x, term: "Ο\\u2060ther", short: s, definition: d}',
            "[1].term: 'Ο\\u2060ther' has U+039F (GREEK CAPITAL LETTER OMICRON); " + PUNCTUATION,
        ),
        (
            '{id: x, term: Other, abbreviation: "ＩＩＯＣ", short: s, definition: d}',
            "[1].abbreviation: 'ＩＩＯＣ' is already used by entry 'iioc'",
        ),
        (
            '{id: x, term: "Indecent  images of  CHILDREN", short: s, definition: d}',
            "[1].term: 'Indecent  images of  CHILDREN' is already used by entry 'iioc'",
        ),
    ],
    ids=[
        "cyrillic",
        "cyrillic-alias",
        "zero-width",
        "soft-hyphen",
        "greek",
        "full-width",
        "spaces",
    ],
)
def test_glossary_names_that_could_pass_for_another_are_refused(
    tmp_path: Path, entry: str, expected: str
) -> None:
    path = tmp_path / "glossary.yml"
    path.write_text(GLOSSARY + f"- {entry}\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_glossary(path, "data/glossary.yml", REFS)
    assert str(err.value) == f"data/glossary.yml: {expected}"


def test_plain_latin_names_with_accents_and_punctuation_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "glossary.yml"
    path.write_text(
        GLOSSARY + '- {id: x, term: "Café\'s (peer-to-peer) chat: 1/2 & more, e.g.", '
        "aliases: [Naïve Œuvre], short: s, definition: d}\n",
        encoding="utf-8",
    )
    glossary = load_glossary(path, "data/glossary.yml", REFS)
    for name in ("IIOC", "ii\u200boc", "ＩＩＯＣ", " indecent   images of children "):
        entry = glossary.find(name)
        assert entry is not None, name
        assert entry.id == "iioc", name
    assert glossary.find("ІІОС") is None
    assert glossary.find("naïve œuvre") is not None


def test_the_handbook_glossary_passes_the_name_rule() -> None:
    root = ROOT
    from macros.data.loading import load_references

    refs = load_references(root / "data" / "references.yml", "data/references.yml")
    glossary = load_glossary(root / "data" / "glossary.yml", "data/glossary.yml", refs)
    assert len(glossary.entries) > 20
