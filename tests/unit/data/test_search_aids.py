"""Search aids (data/search-aids.yml and an overlay's): what they point at, and their errors,
one clear line each naming the file and the field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from macros.data.files import DataError
from macros.data.glossary import Glossary, load_glossary
from macros.data.local_models import LocalOverlay
from macros.data.models import Reference
from macros.data.nav import nav_sources
from macros.data.search_aids import add_local_aids, check_explained, load_search_aids
from tests.conftest import ROOT, mkdocs_config

LABEL = "data/search-aids.yml"
PAGES = ["index.md", "prompts/sexting.md", "guidance/definitions.md"]
REFS = {"x": Reference(key="x", title="X", cited_for="x")}
GLOSSARY: list[dict[str, Any]] = [
    {
        "id": "sexting",
        "term": "Sexting",
        "aliases": ["sext"],
        "explained": "prompts/sexting.md#what-sexting-includes",
        "short": "s",
        "definition": "d",
    },
    {
        "id": "hsb",
        "term": "Harmful sexual behaviour",
        "abbreviation": "HSB",
        "short": "h",
        "definition": "d",
    },
]


def glossary(tmp_path: Path, entries: list[dict[str, Any]] = GLOSSARY) -> Glossary:
    path = tmp_path / "glossary.yml"
    path.write_text(yaml.safe_dump(entries), encoding="utf-8")
    return load_glossary(path, "data/glossary.yml", REFS)


def aids_file(tmp_path: Path, groups: list[dict[str, Any]]) -> Path:
    path = tmp_path / "search-aids.yml"
    path.write_text(yaml.safe_dump(groups, allow_unicode=True), encoding="utf-8")
    return path


def errors(tmp_path: Path, groups: list[dict[str, Any]]) -> list[str]:
    with pytest.raises(DataError) as err:
        load_search_aids(aids_file(tmp_path, groups), LABEL, glossary(tmp_path), PAGES)
    return str(err.value).splitlines()


def test_aids_find_their_page_and_the_glossary_names_their_explaining_page(tmp_path: Path) -> None:
    groups = [
        {"term": "sexting", "aids": ["nudes", "sharing nudes"]},
        {"page": "guidance/definitions.md", "aids": ["online HSB"]},
    ]
    gloss = glossary(tmp_path)
    aids, _ = load_search_aids(aids_file(tmp_path, groups), LABEL, gloss, PAGES)
    assert aids.terms["sexting"] == ("nudes", "sharing nudes")
    assert "hsb" not in aids.terms
    assert aids.index(gloss) == {
        "guidance/definitions.md": ["online HSB"],
        "prompts/sexting.md": ["Sexting", "sext", "nudes", "sharing nudes"],
    }


def test_spellings_are_indexed_and_the_only_words_the_glossary_shows(tmp_path: Path) -> None:
    groups = [{"term": "sexting", "aids": ["nudes"], "spellings": ["sextin", "sexts"]}]
    gloss = glossary(tmp_path)
    aids, _ = load_search_aids(aids_file(tmp_path, groups), LABEL, gloss, PAGES)
    assert aids.terms["sexting"] == ("nudes", "sextin", "sexts")
    assert aids.spellings["sexting"] == ("sextin", "sexts")
    assert "hsb" not in aids.spellings
    assert aids.index(gloss)["prompts/sexting.md"] == [
        "Sexting",
        "sext",
        "nudes",
        "sextin",
        "sexts",
    ]
    # Checked as aids are, each named by its own list.
    assert errors(tmp_path, [{"term": "sexting", "aids": ["nudes"], "spellings": ["Nudes"]}]) == [
        f"{LABEL}: [0].spellings[0]: 'Nudes' is already a search aid at [0] of {LABEL}"
    ]


def test_no_file_is_no_aids(tmp_path: Path) -> None:
    gloss = glossary(tmp_path)
    aids, _ = load_search_aids(tmp_path / "missing.yml", LABEL, gloss, PAGES)
    assert aids.pages == {}
    assert aids.terms == {}
    assert aids.index(gloss) == {"prompts/sexting.md": ["Sexting", "sext"]}


def test_unknown_targets_are_one_line_each(tmp_path: Path) -> None:
    assert errors(
        tmp_path,
        [
            {"term": "nudes", "aids": ["a"]},
            {"page": "prompts/nudes.md", "aids": ["b"]},
        ],
    ) == [
        f"{LABEL}: [0].term: unknown glossary id 'nudes'",
        f"{LABEL}: [1].page: no page 'docs/prompts/nudes.md' in the navigation",
    ]


@pytest.mark.parametrize(
    ("group", "line"),
    [
        ({"aids": ["a"]}, "line 1: [0]: needs 'term' (a glossary id) or 'page' (a page)"),
        (
            {"term": "sexting", "page": "prompts/sexting.md", "aids": ["b"]},
            "line 1: [0]: has both 'term' and 'page'; give one",
        ),
        (
            {"term": "sexting", "aids": []},
            "line 1: [0]: needs 'aids' or 'spellings' (at least one word)",
        ),
        (
            {"page": "prompts/sexting.md", "spellings": ["sextin"]},
            "line 1: [0]: has 'spellings' for a page; spellings are a glossary entry's",
        ),
        (
            {"term": "sexting", "aids": ["c"], "weight": 2},
            "line 4: [0].weight: extra inputs are not permitted",
        ),
        (
            {"page": "prompts/sexting.md#what-sexting-includes", "aids": ["c"]},
            "line 3: [0].page: string should match pattern '^[a-z0-9][a-z0-9/_-]*\\.md$'",
        ),
        (
            {"term": "sexting", "aids": ["x" * 201]},
            "line 2: [0].aids[0]: string should have at most 200 characters",
        ),
    ],
    ids=[
        "no-target",
        "two-targets",
        "no-aids",
        "page-spellings",
        "unknown-field",
        "anchor",
        "too-long",
    ],
)
def test_a_malformed_group_is_one_line(tmp_path: Path, group: dict[str, Any], line: str) -> None:
    assert errors(tmp_path, [group]) == [f"{LABEL}: {line}"]


def test_duplicate_aids_are_one_line_each(tmp_path: Path) -> None:
    assert errors(
        tmp_path,
        [
            {"term": "sexting", "aids": ["nudes", "Sharing  Nudes"]},
            {"page": "index.md", "aids": ["NUDES", "sharing nudes"]},
            {"term": "sexting", "aids": ["semi-nudes"]},
        ],
    ) == [
        f"{LABEL}: [1].aids[0]: 'NUDES' is already a search aid at [0] of {LABEL}",
        f"{LABEL}: [1].aids[1]: 'sharing nudes' is already a search aid at [0] of {LABEL}",
        f"{LABEL}: [2].term: 'sexting' already has its aids at [0]",
    ]


def test_an_aid_that_is_a_glossary_name_is_an_error(tmp_path: Path) -> None:
    assert errors(
        tmp_path, [{"page": "index.md", "aids": ["Sext", "hsb", "harmful sexual behaviour"]}]
    ) == [
        f"{LABEL}: [0].aids[0]: 'Sext' is already a name of glossary entry 'sexting'",
        f"{LABEL}: [0].aids[1]: 'hsb' is already a name of glossary entry 'hsb'",
        f"{LABEL}: [0].aids[2]: 'harmful sexual behaviour' is already a name of glossary "
        "entry 'hsb'",
    ]


@pytest.mark.parametrize(
    ("aid", "entry"),
    [
        ("Sext.", "sexting"),
        ("H.S.B.", "hsb"),
        ("(HSB)", "hsb"),
        ("harmful-sexual behaviour", "hsb"),
    ],
)
def test_an_aid_that_is_a_glossary_name_but_for_punctuation_is_an_error(
    tmp_path: Path, aid: str, entry: str
) -> None:
    assert errors(tmp_path, [{"page": "index.md", "aids": [aid]}]) == [
        f"{LABEL}: [0].aids[0]: '{aid}' is already a name of glossary entry '{entry}'"
    ]


def test_glossary_names_that_differ_in_punctuation_only_are_one_name(tmp_path: Path) -> None:
    entries = [GLOSSARY[0], {**GLOSSARY[1], "aliases": ["sexting."]}]
    with pytest.raises(DataError) as err:
        glossary(tmp_path, entries)
    assert str(err.value) == (
        "data/glossary.yml: [1].aliases[0]: 'sexting.' is already used by entry 'sexting'"
    )


def test_look_alike_letters_are_refused(tmp_path: Path) -> None:
    (line,) = errors(tmp_path, [{"page": "index.md", "aids": ["nudеs"]}])  # Cyrillic е
    assert line.startswith(f"{LABEL}: [0].aids[0]: 'nudеs' has U+0435 (CYRILLIC SMALL LETTER IE)")
    assert "a search aid may use Latin letters" in line


def test_explained_pages_are_in_the_navigation(tmp_path: Path) -> None:
    entries = [{**GLOSSARY[0], "explained": "prompts/nudes.md#x"}, GLOSSARY[1]]
    with pytest.raises(DataError) as err:
        check_explained(glossary(tmp_path, entries), PAGES, "data/glossary.yml")
    assert str(err.value) == (
        "data/glossary.yml: [0].explained: no page 'docs/prompts/nudes.md' in the navigation"
    )


def overlay(**extra: object) -> LocalOverlay:
    return LocalOverlay.model_validate(
        {
            "organisation": "Org",
            "contacts": [{"role": "Lead"}],
            "pages": [{"file": "referrals.md", "title": "Referrals"}],
            **extra,
        }
    )


def test_an_overlay_adds_aids_for_its_own_pages(tmp_path: Path) -> None:
    gloss = glossary(tmp_path)
    aids, names = load_search_aids(
        aids_file(tmp_path, [{"term": "sexting", "aids": ["nudes"]}]), LABEL, gloss, PAGES
    )
    local = overlay(search_aids=[{"page": "referrals.md", "aids": ["MASH", "front door"]}])
    merged = add_local_aids(aids, names, local, "areas/north.yml")
    assert merged.index(gloss)["local/referrals.md"] == ["MASH", "front door"]
    assert merged.terms["sexting"] == ("nudes",)


def test_an_overlay_adds_aids_for_nothing_but_its_own_pages(tmp_path: Path) -> None:
    gloss = glossary(tmp_path)
    aids, names = load_search_aids(
        aids_file(tmp_path, [{"term": "sexting", "aids": ["nudes"]}]), LABEL, gloss, PAGES
    )
    local = overlay(
        search_aids=[
            {"page": "prompts/sexting.md", "aids": ["x"]},
            {"page": "referrals.md", "aids": ["Nudes", "sext", "MASH"]},
            {"page": "referrals.md", "aids": ["y"]},
        ]
    )
    with pytest.raises(DataError) as err:
        add_local_aids(aids, names, local, "areas/north.yml")
    assert str(err.value).splitlines() == [
        "areas/north.yml: search_aids[0].page: 'prompts/sexting.md' is not one of this "
        "overlay's local pages (pages[].file); an overlay adds aids for its own pages only",
        "areas/north.yml: search_aids[1].aids[0]: 'Nudes' is already a search aid at [0] "
        f"of {LABEL}",
        "areas/north.yml: search_aids[1].aids[1]: 'sext' is already a name of glossary "
        "entry 'sexting'",
        "areas/north.yml: search_aids[2].page: 'referrals.md' already has its aids",
    ]


def test_the_handbooks_aids_and_glossary_load() -> None:
    """The shipped files: every target known, no aid twice, none a glossary name."""
    data = yaml.safe_load((ROOT / "data" / "references.yml").read_text(encoding="utf-8"))
    refs = {r["key"]: Reference.model_validate(r) for r in data}
    gloss = load_glossary(ROOT / "data" / "glossary.yml", "data/glossary.yml", refs)
    pages = nav_sources(mkdocs_config()["nav"])
    check_explained(gloss, pages, "data/glossary.yml")
    aids, _ = load_search_aids(ROOT / LABEL, LABEL, gloss, pages)
    assert len(aids.terms) + len(aids.pages) >= 30
    assert all(e.explained for e in gloss.entries), "every glossary entry names its page"
