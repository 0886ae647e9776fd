"""Local content from an overlay: page checks, item merging, escaping, review dates, statement."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from macros.loading import DataError
from macros.local_macros import LocalMacros
from macros.local_pages import destination, local_pages, read_page
from macros.models import Checklist, LocalOverlay, Review
from macros.overlay import heading_pattern, insert_after, merge_items
from macros.pdf import NavPage, book_order
from macros.render.overlay import note_html, notice_html, overdue, review_html
from macros.statement import A11yResults, compliance_html, exceptions_html, results_html

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


NAMES = ["iioc", "indecent images of children", "sexting"]


def page(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "p.md"
    path.write_text(text, encoding="utf-8")
    return path


def problems(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(DataError) as err:
        read_page(page(tmp_path, text), "p.md", "local/p.md", "P", NAMES)
    return str(err.value).splitlines()


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
    assert [(c.name, c.text) for c in source.terms] == [("IIOC", "IIOC"), ("sexting", "sexted")]
    assert source.markdown == (
        "---\nrender_macros: false\n---\n\n# T\n\nAbout "
        f"{source.placeholder(0)} and {source.placeholder(1)}.\n"
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


def test_front_matter_may_hold_only_a_title(tmp_path: Path) -> None:
    ok = read_page(page(tmp_path, "---\ntitle: Tab title\n---\n# T\n"), "p.md", "l", "P", NAMES)
    assert ok.meta_title == "Tab title"
    assert ok.markdown == "---\nrender_macros: false\n---\n\n# T\n"
    assert problems(tmp_path, "---\ntitle: T\ndescription: x\n---\n# T\n") == [
        "p.md: front matter: description: extra inputs are not permitted"
    ]
    escaped = '---\ntitle: "\\x3cimg src=x onerror=alert(1)\\x3e"\n---\n'
    assert problems(tmp_path, escaped) == ["p.md: front matter: title: must not contain '<' or '>'"]
    assert problems(tmp_path, "---\nrender_macros: true\n---\n") == [
        "p.md: front matter: render_macros: extra inputs are not permitted"
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
        "org/local.yml: pages[0].file: 'pages/link.md' is outside the overlay's own folder "
        "org/local/"
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


def test_notice_and_note_escape_the_organisation_and_text() -> None:
    assert str(notice_html("A & <B>")) == (
        '<div class="hb-local-notice" role="note"><p><strong>Local resource</strong> — added by '
        "A &amp; &lt;B&gt;, not part of the TA-HSB practice guidance.</p></div>"
    )
    note = str(note_html("Org", "One <script>.\n\nTwo."))
    assert note == (
        '<aside class="hb-practice-note" aria-label="Local practice note (Org)">'
        '<p class="hb-practice-note__title">Local practice note (Org)</p>\n'
        "<p>One &lt;script&gt;.</p>\n<p>Two.</p></aside>"
    )


def test_note_goes_after_its_heading() -> None:
    html = '<h1 id="t">T</h1>\n<h2 id="b">B<a class="headerlink" href="#b">¶</a></h2>\n<p>x</p>'
    assert insert_after(html, heading_pattern("b"), "<aside/>") == html.replace(
        "</h2>", "</h2>\n<aside/>"
    )
    assert insert_after(html, heading_pattern("nope"), "<aside/>") is None


def test_review_dates_and_overdue_notice() -> None:
    review = Review(
        responsible_role="Head of Service",
        last_review=dt.date(2026, 1, 5),
        next_review=dt.date(2027, 1, 5),
    )
    html = str(review_html("Org", review))
    assert '<dd><time datetime="2027-01-05">5 January 2027</time></dd>' in html
    assert str(review_html("Org", None)) == ""
    assert overdue(review, dt.date(2027, 1, 5)) is None
    assert overdue(review, dt.date(2027, 1, 6)) == (
        "NOTICE: the local overlay's next planned review date (2027-01-05) has passed "
        "(build date 2027-01-06); review the local content"
    )


def test_statement_reports_the_results_it_is_given() -> None:
    clean = A11yResults(
        axe_core="4.12.1",
        tested=dt.date(2026, 11, 28),
        tags=("wcag2a", "wcag22aa"),
        pages=30,
        palettes=("light (default)", "dark (slate)"),
        states=("search dialog open",),
        violations=0,
    )
    table = str(results_html(clean))
    assert "<td>axe-core 4.12.1</td>" in table
    assert "<td>30</td>" in table
    assert "<td>no violations</td>" in table
    assert "<li>search dialog open</li>" in table
    assert "does not claim full compliance" in str(compliance_html(clean))
    failing = clean.model_copy(update={"violations": 1, "exceptions": ("a.html: label: <x>",)})
    assert "<td>1 violation</td>" in str(results_html(failing))
    assert "partially compliant" in str(compliance_html(failing))
    assert "<li>a.html: label: &lt;x&gt;</li>" in str(exceptions_html(failing))


def test_local_pages_are_their_own_part_before_the_appendices() -> None:
    pages = [
        NavPage("Home", "index.md", None),
        NavPage("Print", "checklists/s1.md", "Reference"),
        NavPage("About", "reference/about.md", "Reference"),
        NavPage("Pathway", "local/pages/p.md", "Local resources"),
    ]
    assert [(p.src, p.part) for p in book_order(pages, "Local: Org")] == [
        ("index.md", None),
        ("reference/about.md", "Reference"),
        ("local/pages/p.md", "Local: Org"),
        ("checklists/s1.md", "Appendices: checklists"),
    ]


def test_local_macros_without_and_with_an_overlay() -> None:
    results = A11yResults(
        axe_core="4.12.1",
        tested=dt.date(2026, 11, 28),
        tags=("wcag2a",),
        pages=3,
        palettes=("light (default)",),
        states=("search",),
        violations=0,
    )
    none = LocalMacros(None, results, dt.date(2026, 11, 29))
    assert str(none.review()) == ""
    assert none.host_name() == "the organisation that hosts it"
    assert "contact the organisation that hosts this copy" in str(none.accessibility("contact"))
    assert "prepared on 29 November 2026" in str(none.accessibility("prepared"))
    assert str(none.accessibility("nope")) == "[unknown part: nope]"
    org = LocalMacros(
        overlay(accessibility={"contact": "a11y@example.org", "prepared": "2026-11-20"}),
        results,
        dt.date(2026, 11, 29),
    )
    assert org.host_name() == "Org <b>"
    assert str(org.accessibility("contact")) == "<p>Contact Org &lt;b&gt;: a11y@example.org</p>"
    assert "prepared on 20 November 2026" in str(org.accessibility("prepared"))
