"""An overlay's local pages, read and checked before any page is built."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.data.files import DataError
from macros.data.local_models import LocalOverlay
from macros.data.local_pages import destination, local_pages, read_page

NAMES = ["iioc", "indecent images of children", "sexting"]


def page(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "p.md"
    path.write_text(text, encoding="utf-8")
    return path


def problems(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(DataError) as err:
        read_page(page(tmp_path, text), "p.md", "local/p.md", "P", NAMES)
    return str(err.value).splitlines()


def overlay(**extra: object) -> LocalOverlay:
    return LocalOverlay.model_validate(
        {"organisation": "Org <b>", "contacts": [{"role": "Lead"}], **extra}
    )


@pytest.mark.parametrize(
    "line",
    [
        "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
        "{{ _handbook.root.joinpath('/etc/passwd').read_text() }}",
        "{% set f = cite %}{{ f('lim-2017') }}",
        "{{ config.docs_dir }} and {{ macros_info() }}",
        "{%- include '/etc/passwd' -%}",
        "{{'x' * 10**10}}",
        '{{ term("IIOC") ~ config }}',
        '{{ term("IIOC", text=config) }}',
        "`{{ config }}` in code is refused too",
    ],
)
def test_anything_but_a_term_call_is_refused(tmp_path: Path, line: str) -> None:
    assert problems(tmp_path, f"# T\n\nText.\n{line}\n") == [
        'p.md: line 4: only {{ term("...") }} may be used in a local page; '
        "other {{ ... }} and {% ... %} are not allowed"
    ]


def test_term_calls_become_placeholders(tmp_path: Path) -> None:
    text = "# T\n\nAbout {{ term(\"IIOC\") }} and {{- term('sexting', 'sexted') -}}.\n"
    source = read_page(page(tmp_path, text), "p.md", "local/p.md", "P", NAMES)
    assert [(c.name, c.text, c.line) for c in source.terms] == [
        ("IIOC", "IIOC", 3),
        ("sexting", "sexted", 3),
    ]
    assert source.markdown == (
        "---\nrender_macros: false\n---\n\n# T\n\nAbout "
        f"hbterm{source.token}n0x and hbterm{source.token}n1x.\n"
    )
    assert "{{" not in source.markdown


def test_term_calls_in_headings_and_unknown_terms_are_refused(tmp_path: Path) -> None:
    text = (
        '# About {{ term("IIOC") }}\n\nSetext {{ term("sexting") }}\n---\n\n'
        'Fine {{ term("nope") }}.\n'
    )
    assert problems(tmp_path, text) == [
        "p.md: line 1: term() is for running text, not headings",
        "p.md: line 3: term() is for running text, not headings",
        "p.md: line 6: term('nope'): not in the glossary",
    ]


@pytest.mark.parametrize(
    "text",
    [
        '##No space {{ term("IIOC") }}',
        '> ## In a quote {{ term("IIOC") }}',
        '- ## In a list {{ term("IIOC") }}',
        '1. > #### Deeper {{ term("IIOC") }}',
        '> Setext in a quote {{ term("IIOC") }}\n> ---',
        '- Setext in a list {{ term("IIOC") }}\n  ===',
    ],
)
def test_term_calls_in_every_heading_form_are_refused(tmp_path: Path, text: str) -> None:
    assert problems(tmp_path, f"# T\n\n{text}\n") == [
        "p.md: line 3: term() is for running text, not headings"
    ]


def test_front_matter_may_hold_only_a_title(tmp_path: Path) -> None:
    ok = read_page(page(tmp_path, "---\ntitle: Tab title\n---\n# T\n"), "p.md", "l", "P", NAMES)
    assert ok.meta_title == "Tab title"
    assert ok.markdown == "---\nrender_macros: false\n---\n\n# T\n"
    assert problems(tmp_path, "---\ntitle: T\ndescription: x\n---\n# T\n") == [
        "p.md: front matter: line 3: description: extra inputs are not permitted"
    ]
    escaped = '---\ntitle: "\\x3cimg src=x onerror=alert(1)\\x3e"\n---\n'
    assert problems(tmp_path, escaped) == [
        "p.md: front matter: line 2: title: must not contain '<' or '>'"
    ]
    assert problems(tmp_path, "---\nrender_macros: true\n---\n") == [
        "p.md: front matter: line 2: render_macros: extra inputs are not permitted"
    ]
    assert problems(tmp_path, "---\ntitle: a\n  b: [\n---\n") == [
        "p.md: line 3: mapping values are not allowed in this context"
    ]


def test_leading_key_value_lines_stay_text(tmp_path: Path) -> None:
    text = "Title: x\nRefresh: 0; url=https://example.org\n\n# T\n"
    source = read_page(page(tmp_path, text), "p.md", "l", "P", NAMES)
    assert source.markdown.endswith("\n\n" + text)  # after the handbook's front matter
    assert source.meta_title is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("x" * (128 * 1024 + 1), "p.md: (top level): file is 131,073 bytes; the limit is 131,072"),
        ("[x" * 101, "p.md: line 1: more than 100 '[' in one paragraph (split it into several)"),
        (
            "".join("    " * i + "- x\n" for i in range(25)),
            "p.md: line 22: nested too deeply (at most 80 columns of indentation and 20 "
            "quote or list markers at the start of a line)",
        ),
        (
            "> " * 21 + "x\n",
            "p.md: line 1: nested too deeply (at most 80 columns of indentation and 20 "
            "quote or list markers at the start of a line)",
        ),
    ],
)
def test_size_brackets_and_nesting_are_bounded(tmp_path: Path, text: str, message: str) -> None:
    assert problems(tmp_path, text) == [message]


def test_a_table_of_links_is_fine(tmp_path: Path) -> None:
    rows = "".join(f"| [{i}](a.md) | b |\n" for i in range(100))
    read_page(page(tmp_path, "| a | b |\n|---|---|\n" + rows), "p.md", "l", "P", NAMES)


def test_local_page_paths_stay_in_the_overlay_folder(tmp_path: Path) -> None:
    (tmp_path / "org" / "local" / "pages").mkdir(parents=True)
    (tmp_path / "org" / "other").mkdir(parents=True)
    (tmp_path / "secret.md").write_text("# Secret\n", encoding="utf-8")
    (tmp_path / "org" / "other" / "draft.md").write_text("# Draft\n", encoding="utf-8")
    (tmp_path / "org" / "local" / "pages" / "ok.md").write_text("# OK\n", encoding="utf-8")
    (tmp_path / "org" / "local" / "pages" / "link.md").symlink_to(tmp_path / "secret.md")
    good = overlay(pages=[{"file": "pages/ok.md", "title": "OK"}])
    [source] = local_pages(good, tmp_path / "org" / "local.yml", tmp_path, NAMES)
    assert source.src_uri == "local/pages/ok.md"
    bad = overlay(pages=[{"file": "pages/link.md", "title": "L"}])
    with pytest.raises(DataError) as err:
        local_pages(bad, tmp_path / "org" / "local.yml", tmp_path, NAMES)
    assert str(err.value) == (
        "org/local.yml: pages[0].file: org/local/pages/link.md: is a symbolic link; no part "
        "of an overlay may be one (its file, the folders on the way to it, its folder or "
        "anything in that folder)"
    )
    with pytest.raises(ValueError, match="String should match pattern"):
        overlay(pages=[{"file": "../other/draft.md", "title": "S"}])
    with pytest.raises(ValueError, match="String should match pattern"):
        overlay(pages=[{"file": "/etc/passwd.md", "title": "S"}])


def test_pages_with_the_same_address_are_refused(tmp_path: Path) -> None:
    folder = tmp_path / "org" / "local"
    for name in ("pages.md", "pages/index.md", "README.md", "Index.md"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("# P\n", encoding="utf-8")
    assert destination("pages/index.md") == destination("Pages.md") == "pages/"
    assert destination("README.md") == destination("index.md") == ""
    listed = overlay(
        pages=[
            {"file": f, "title": f} for f in ("pages.md", "pages/index.md", "README.md", "Index.md")
        ]
    )
    with pytest.raises(DataError) as err:
        local_pages(listed, tmp_path / "org" / "local.yml", tmp_path, NAMES)
    assert str(err.value).splitlines() == [
        "org/local.yml: pages[1].file: 'pages/index.md' would have the same address as "
        "'pages.md' (local/pages/)",
        "org/local.yml: pages[3].file: 'Index.md' would have the same address as "
        "'README.md' (local/)",
    ]


def test_the_local_pages_together_are_bounded(tmp_path: Path) -> None:
    folder = tmp_path / "org" / "local"
    folder.mkdir(parents=True)
    for i in range(5):
        (folder / f"p{i}.md").write_text("# P\n\n" + "Text. " * 20_000, encoding="utf-8")
    listed = overlay(pages=[{"file": f"p{i}.md", "title": f"P{i}"} for i in range(5)])
    with pytest.raises(DataError) as err:
        local_pages(listed, tmp_path / "org" / "local.yml", tmp_path, NAMES)
    assert str(err.value) == (
        "org/local/p4.md: the local pages up to this one are 600,025 bytes together; the "
        "limit for all of them is 524,288 (the handbook PDF lays out every one)"
    )


@pytest.mark.parametrize("front", ["---\ntitle: T\ndescription: x\n---\n", "# Title\n"])
def test_a_byte_order_mark_is_refused(tmp_path: Path, front: str) -> None:
    """It kept the front matter from being read as front matter, so from its checks."""
    assert problems(tmp_path, "\ufeff" + front + "Text.\n") == [
        "p.md: line 1: starts with a byte-order mark (U+FEFF): save the file as UTF-8 without one"
    ]


def test_raw_html_nesting_is_bounded_where_raw_html_is_allowed(tmp_path: Path) -> None:
    deep = "# T\n\n" + "<div>" * 41 + "x" + "</div>" * 41 + "\n"
    path = page(tmp_path, deep)
    read_page(path, "p.md", "l", "P", NAMES)  # shown as text: nothing nests
    with pytest.raises(DataError) as err:
        read_page(path, "p.md", "l", "P", NAMES, raw_html=True)
    assert str(err.value) == "p.md: line 3: HTML elements nested more than 40 deep"
    fine = (
        "<div>" * 40 + "</div>" * 40 + "<p>a" * 500 + "<ul><li>b" * 30 + "</ul>" * 30 + "<br>" * 99
    )
    read_page(page(tmp_path, fine), "p.md", "l", "P", NAMES, raw_html=True)
