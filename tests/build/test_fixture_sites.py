"""Fixture sites built in tmp_path: good input renders, bad input fails with one clear line."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.build.fixture_site import GLOSSARY, REFERENCES, FixtureSite, errors

pytestmark = pytest.mark.slow


@pytest.fixture
def site(tmp_path: Path) -> FixtureSite:
    return FixtureSite(tmp_path)


def assert_fails_with(site: FixtureSite, message: str) -> None:
    result = site.build()
    assert result.returncode != 0, result.stderr
    assert message in errors(result), result.stderr
    assert "Traceback" not in result.stderr


def test_good_fixture_builds_and_renders_macros(site: FixtureSite) -> None:
    result = site.build()
    assert result.returncode == 0, result.stderr
    assert errors(result) == []
    home = BeautifulSoup(site.html("index.html"), "html.parser")
    link = home.select_one("a.hb-term__link")
    assert link is not None
    assert link["href"] == "reference/glossary/#iioc"
    assert link.abbr is not None
    assert link.abbr["title"] == "Indecent images of children"
    tip = home.select_one(f"#{link['aria-describedby']}")
    assert tip is not None
    assert (
        tip.get_text() == "Indecent images of children (IIOC): Indecent images of a child under 18."
    )
    cite = home.select_one("a.hb-cite")
    assert cite is not None
    assert (cite.get_text(), cite["href"]) == (
        "Lim et al., 2017",
        "reference/references/#ref-lim-2017",
    )
    prompts = BeautifulSoup(site.html("prompts/index.html"), "html.parser")
    assert len(prompts.select("section.hb-checklist input[type=checkbox]")) == 2
    refs = BeautifulSoup(site.html("reference/references/index.html"), "html.parser")
    cited_on = refs.select_one("#ref-seto-2015")
    assert cited_on is not None
    assert cited_on.get_text(" ", strip=True).endswith("Cited on: Prompts")
    gloss = BeautifulSoup(site.html("reference/glossary/index.html"), "html.parser")
    used = gloss.select_one(".hb-gloss:has(#sexting)")
    assert used is not None
    assert "Used on: Prompts" in used.get_text(" ", strip=True)
    assert "no local contacts" in site.html("reference/local-contacts/index.html")
    assert "Handbook version" in site.html("index.html")


def test_broken_macro_call_names_the_page(site: FixtureSite) -> None:
    site.write("docs/prompts.md", "# Prompts\n\n{{ checklist( }}\n")
    result = site.build()
    assert result.returncode != 0
    assert "prompts.md" in result.stderr


def test_macro_exception_is_one_line_naming_the_page(site: FixtureSite) -> None:
    site.write("docs/prompts.md", '# Prompts\n\n{{ cite(1, 2) | int + "x" }}\n')
    result = site.build()
    assert result.returncode != 0
    assert any(
        line.startswith("[macros] - ERROR prompts.md: TypeError") for line in errors(result)
    ), result.stderr
    assert "Traceback" not in result.stderr


def test_undefined_variable_is_one_line_naming_the_page(site: FixtureSite) -> None:
    site.write("docs/prompts.md", "# Prompts\n\n{{ no_such_variable }}\n")
    result = site.build()
    assert result.returncode != 0
    assert "[macros] - ERROR prompts.md: UndefinedError: 'no_such_variable' is undefined" in errors(
        result
    )
    assert "Traceback" not in result.stderr


def test_block_macro_in_a_code_block_is_one_line_naming_the_page(site: FixtureSite) -> None:
    """A block macro's HTML skips Markdown (macros/pages/blocks.py): one that finds no place is
    reported, never dropped."""
    site.write("docs/prompts.md", '# Prompts\n\n```\n{{ checklist("demo") }}\n```\n')
    result = site.build()
    assert result.returncode != 0
    assert errors(result) == [
        "prompts.md: 1 block macro output(s) found no place in the page: "
        "call block macros (checklist, glossary, source_wording, ...) outside code"
    ], result.stderr
    assert "Traceback" not in result.stderr


def test_mkdocs_yml_typo_is_one_clear_line(site: FixtureSite) -> None:
    site.config["them"] = site.config.pop("theme")
    result = site.build()
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert any("them" in line for line in result.stderr.splitlines())


def test_unknown_citation_key_names_page_and_key(site: FixtureSite) -> None:
    site.write(
        "docs/prompts.md",
        '# Prompts\n\n({{ cite("seto-2015") }}, {{ cite("nobody-2099") }})\n\n{{ checklist("demo") }}\n',
    )
    assert_fails_with(
        site, "prompts.md: cite('nobody-2099'): unknown citation key (not in data/references.yml)"
    )


def test_unused_reference_is_reported(site: FixtureSite) -> None:
    extra = {"key": "klettke-2014", "authors": "Klettke et al.", "year": 2014, "cited_for": "x"}
    site.write_yaml("data/references.yml", [*REFERENCES, extra])
    assert_fails_with(site, "data/references.yml: 'klettke-2014' is not cited on any page")


def test_unknown_term_names_page_and_term(site: FixtureSite) -> None:
    site.write(
        "docs/index.md",
        '# Home\n\n{{ term("IIOC") }} {{ term("sextortion") }} ({{ cite("lim-2017") }})\n',
    )
    assert_fails_with(site, "index.md: term('sextortion'): not in the glossary (data/glossary.yml)")


def test_duplicate_alias_fails(site: FixtureSite) -> None:
    site.write_yaml("data/glossary.yml", [GLOSSARY[0], {**GLOSSARY[1], "aliases": ["IIOC"]}])
    assert_fails_with(
        site, "data/glossary.yml: [1].aliases[0]: 'IIOC' is already used by entry 'iioc'"
    )


def test_unused_glossary_entry_is_reported(site: FixtureSite) -> None:
    extra = {
        "id": "tor",
        "term": "TOR",
        "short": "An encryption tool.",
        "definition": "An encryption tool.",
    }
    site.write_yaml("data/glossary.yml", [*GLOSSARY, extra])
    assert_fails_with(site, "data/glossary.yml: 'tor' is not used on any page")


def test_malformed_checklist_names_file_and_field(site: FixtureSite) -> None:
    site.write(
        "checklists/demo.yml",
        "id: demo\ntitle: T\npage: prompts.md\ncite: [seto-2015]\nsections:\n  - id: s\n    title: S\n    items:\n      - id: a\n",
    )
    assert_fails_with(
        site, "checklists/demo.yml: line 9: sections[0].items[0].text: field required"
    )


def test_unknown_checklist_names_page(site: FixtureSite) -> None:
    site.write(
        "docs/prompts.md",
        '# Prompts\n\n({{ cite("seto-2015") }})\n\n{{ checklist("demo") }}\n{{ checklist("nope") }}\n',
    )
    assert_fails_with(
        site, "prompts.md: checklist('nope'): no such checklist (no checklists/nope.yml)"
    )


def test_broken_markdown_link_fails(site: FixtureSite) -> None:
    site.write(
        "docs/prompts.md",
        '# Prompts\n\n[gone](missing.md) ({{ cite("seto-2015") }})\n\n{{ checklist("demo") }}\n',
    )
    result = site.build()
    assert result.returncode != 0
    assert any("prompts.md" in line and "missing.md" in line for line in errors(result)), (
        result.stderr
    )


def test_broken_anchor_fails(site: FixtureSite) -> None:
    site.write(
        "docs/prompts.md",
        '# Prompts\n\n[gone](index.md#nowhere) ({{ cite("seto-2015") }})\n\n{{ checklist("demo") }}\n',
    )
    result = site.build()
    assert result.returncode != 0
    assert any("nowhere" in line for line in errors(result)), result.stderr


def test_nav_entry_for_a_missing_page_is_reported_by_mkdocs(site: FixtureSite) -> None:
    site.config["nav"].append({"Gone": "gone.md"})
    result = site.build()
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert any("gone.md" in line for line in errors(result)), result.stderr
