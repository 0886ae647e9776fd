"""Loading and validation: every bad input gives one line naming the file and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.data.files import DataError
from macros.data.glossary import load_glossary
from macros.data.loading import load_checklist, load_references
from macros.data.marks import field_path, line_at, unreadable
from macros.data.models import Reference
from macros.data.paths import page_url, relative
from macros.data.state import call_args, scan
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures"
REFS = {"lim-2017": Reference(key="lim-2017", authors="Lim et al.", year=2017, cited_for="x")}


@pytest.fixture
def glossary(tmp_path: Path):  # type: ignore[no-untyped-def]
    path = tmp_path / "glossary.yml"
    path.write_text(
        "- id: sexting\n  term: Sexting\n  short: s\n  definition: d\n", encoding="utf-8"
    )
    return load_glossary(path, "data/glossary.yml", REFS)


def test_field_path_formats_pydantic_locations() -> None:
    assert field_path(("sections", 2, "items", 4, "text")) == "sections[2].items[4].text"
    assert field_path((3, "key")) == "[3].key"
    assert field_path(()) == "(top level)"


BROKEN = sorted((FIXTURES / "checklists").glob("*.yml"))


@pytest.mark.parametrize("path", BROKEN, ids=[p.stem for p in BROKEN])
def test_broken_checklist_names_file_and_field(path: Path, glossary, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    expected = path.read_text(encoding="utf-8").splitlines()[0].removeprefix("# expect: ")
    docs = tmp_path / "docs"
    (docs / "prompts").mkdir(parents=True)
    (docs / "prompts" / "sexting.md").write_text("# Sexting\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_checklist(path, f"checklists/{path.name}", REFS, glossary, docs)
    assert str(err.value).splitlines()[0] == expected.replace("FILE", f"checklists/{path.name}")


def test_broken_fixture_set_is_not_empty() -> None:
    assert len(BROKEN) >= 8


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- key: a\n  authors: A\n", "data/references.yml: line 1: [0].cited_for: field required"),
        (
            "- key: Bad Key\n  authors: A\n  cited_for: x\n",
            "data/references.yml: line 1: [0].key: string should match pattern",
        ),
        (
            "- key: a\n  authors: A\n  cited_for: x\n- key: a\n  authors: B\n  cited_for: y\n",
            "data/references.yml: [1].key: duplicate reference key 'a'",
        ),
        ("key: a\n", "data/references.yml: (top level): expected a list of entries"),
        (
            "- key: a\n  authors: [unclosed\n",
            "data/references.yml: line 3: did not find expected ',' or ']'",
        ),
        (
            "- key: a\n  authors: A\n  cited_for: x\n  yeer: 2017\n",
            "data/references.yml: line 4: [0].yeer: extra inputs are not permitted",
        ),
    ],
)
def test_bad_references(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "references.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_references(path, "data/references.yml")
    assert str(err.value).splitlines()[0].startswith(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "- {id: a, term: Alpha, short: s, definition: d, aliases: [Beta]}\n"
            "- {id: b, term: Beta, short: s, definition: d}\n",
            "data/glossary.yml: [1].term: 'Beta' is already used by entry 'a'",
        ),
        (
            "- {id: a, term: Alpha, short: s, definition: d, cite: [nope]}\n",
            "data/glossary.yml: [0].cite[0]: unknown citation key 'nope'",
        ),
        (
            "- {id: a, term: Alpha, short: s, definition: d, related: [zzz]}\n",
            "data/glossary.yml: [0].related[0]: unknown glossary id 'zzz'",
        ),
        (
            "- {id: a, term: Alpha, definition: d}\n",
            "data/glossary.yml: line 1: [0].short: field required",
        ),
    ],
)
def test_bad_glossary(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "glossary.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_glossary(path, "data/glossary.yml", REFS)
    assert str(err.value).splitlines()[0] == expected


def test_glossary_lookup_is_case_insensitive_over_all_names(tmp_path: Path) -> None:
    path = tmp_path / "glossary.yml"
    path.write_text(
        "- {id: iioc, term: Indecent images of children, abbreviation: IIOC, aliases: [indecent image], short: s, definition: d}\n",
        encoding="utf-8",
    )
    found = load_glossary(path, "g", REFS)
    for name in ("iioc", "IIOC", "indecent images of children", "Indecent Image"):
        entry = found.find(name)
        assert entry is not None, name
        assert entry.id == "iioc", name
    assert found.find("sexting") is None


@pytest.mark.parametrize(
    ("src", "directory_urls", "url"),
    [
        ("index.md", True, ""),
        ("assessment/index.md", True, "assessment/"),
        ("reference/glossary.md", True, "reference/glossary/"),
        ("index.md", False, "index.html"),
        ("reference/glossary.md", False, "reference/glossary.html"),
    ],
)
def test_page_url(src: str, directory_urls: bool, url: str) -> None:
    assert page_url(src, directory_urls) == url


@pytest.mark.parametrize(
    ("target", "from_url", "expected"),
    [
        ("reference/glossary/", "guidance/definitions/", "../../reference/glossary/"),
        ("reference/glossary/", "", "reference/glossary/"),
        ("", "guidance/definitions/", "../../"),
        ("downloads/a.pdf", "prompts/iioc/", "../../downloads/a.pdf"),
        ("reference/glossary.html", "guidance/definitions.html", "../reference/glossary.html"),
        ("index.html", "index.html", "index.html"),
        ("reference/glossary/", "reference/glossary/", "./"),
    ],
)
def test_relative(target: str, from_url: str, expected: str) -> None:
    assert relative(target, from_url) == expected


def test_call_args_parses_string_literals_only() -> None:
    assert call_args("\"a\", 'b'") == ("a", "b")
    assert call_args("undefined_name") == ()


def test_scan_finds_terms_and_citations_in_page_order(glossary) -> None:  # type: ignore[no-untyped-def]
    pages = [
        ("a.md", '# Page A\n\nSee {{ term("Sexting") }} ({{ cite("lim-2017", "x") }}).'),
        ("b.md", "# Page B\n\n{{term('sexting', 'sexted')}}"),
    ]
    usage = scan(pages, glossary, {})
    assert usage.terms == {"sexting": ["a.md", "b.md"]}
    assert usage.cites == {"lim-2017": ["a.md"], "x": ["a.md"]}
    assert usage.titles == {"a.md": "Page A", "b.md": "Page B"}


HOSTILE_YAML = [
    ("a: 1\nb: 2\na: 3\n", "duplicate key 'a'", 3),
    ("a: &x 1\nb: *x\n", "aliases (*x) are not allowed", 2),
    (
        "a:\n" + "".join(f"{'  ' * i}- \n" for i in range(1, 30)),
        "nested more than 20 levels deep",
        21,
    ),
    ("a: 1\n<<: {a: 2}\n", "merge keys (<<) are not allowed", 2),
]
UNREADABLE_YAML = [
    (
        "a: 1\nb: 2026-02-30\n",
        "'2026-02-30' is not a real date or time (day is out of range for month)",
        2,
    ),
    ("a: " + "1" * 4301 + "\n", "a number of more than 20 characters is not allowed", 1),
]


@pytest.mark.parametrize("loader", ["_StrictLoader", "_StrictCLoader"])
@pytest.mark.parametrize(("text", "problem", "line"), HOSTILE_YAML)
def test_both_yaml_loaders_refuse_the_same_input(
    loader: str, text: str, problem: str, line: int
) -> None:
    import yaml

    from macros.data import files as loading

    with pytest.raises(yaml.MarkedYAMLError) as err:
        yaml.load(text, Loader=getattr(loading, loader))  # noqa: S506
    assert err.value.problem == problem
    assert err.value.problem_mark is not None
    assert err.value.problem_mark.line + 1 == line


@pytest.mark.parametrize("loader", ["_StrictLoader", "_StrictCLoader"])
@pytest.mark.parametrize(("text", "problem", "line"), UNREADABLE_YAML)
def test_both_yaml_loaders_mark_the_same_unreadable_value(
    loader: str, text: str, problem: str, line: int
) -> None:
    """Marked and read on, so the problems after it are found too (macros/data/marks.py)."""
    import yaml

    from macros.data import files as loading

    data = yaml.load(text, Loader=getattr(loading, loader))  # noqa: S506
    assert [(u.line, u.problem) for u in unreadable(data)] == [(line, problem)]
    assert line_at(data, ["b" if line == 2 else "a"]) == line


def test_data_is_read_with_libyaml() -> None:
    from macros.data import files as loading

    assert loading._Loader is loading._StrictCLoader  # the fast path is in use


def test_every_bad_entry_of_a_list_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "refs.yml"
    path.write_text("- key: a\n  title: T\n  cited_for: x\n  year: 1800\n- key: B\n  title: T\n")
    with pytest.raises(DataError) as err:
        load_references(path, "refs.yml")
    lines = str(err.value).splitlines()
    assert [line.split(": ")[:3] for line in lines] == [
        ["refs.yml", "line 4", "[0].year"],
        ["refs.yml", "line 5", "[1].key"],
        ["refs.yml", "line 5", "[1].cited_for"],
    ]
