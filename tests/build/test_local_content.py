"""Organisation copies, part two: the example overlay's local pages, practice notes,
local checklist items and review dates in the built HTML and PDFs; every way of
getting local content wrong stops the build with one line naming the file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from pypdf import PdfReader

from tests.build.fixture_site import FixtureSite, errors
from tests.conftest import ROOT, mkdocs_build
from tests.pdfcheck import TaggedPdf, problems
from tests.pdftext import pdf_text as reader_text

pytestmark = pytest.mark.slow
ORG = "Example Borough Council Children's Services"
NOTICE = f"Local resource — added by {ORG}, not part of the TA-HSB practice guidance."


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole handbook built with the example overlay, PDFs included."""
    out = tmp_path_factory.mktemp("local-site")
    result = mkdocs_build(ROOT / "mkdocs.yml", out, {"HANDBOOK_LOCAL": "examples/local/local.yml"})
    assert result.returncode == 0, result.stderr
    assert "NOTICE" not in result.stderr  # the example's next review is in the future
    return out


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def one(page: BeautifulSoup | Tag, selector: str) -> Tag:
    node = page.select_one(selector)
    assert node is not None, selector
    return node


def pdf_text(path: Path) -> str:
    return " ".join(reader_text(PdfReader(path)).split())


def test_local_pages_in_nav_order_with_the_notice(built: Path) -> None:
    home = soup(built, "index.html")
    section = next(
        li
        for li in home.select("nav.md-nav--primary > ul > li")
        if li.find("label") and "Local resources" in li.get_text()
    )
    titles = [a.get_text(strip=True) for a in section.select("a.md-nav__link")]
    assert titles == ["Local referral pathway", "HSB panel terms of reference"]
    for path in ("local/pages/referral-pathway/index.html", "local/pages/hsb-panel/index.html"):
        page = soup(built, path)
        article = one(page, "article")
        notice = one(article, ".hb-local-notice")
        assert " ".join(notice.get_text().split()) == NOTICE
        # right under the page title, so it is the first thing read and printed
        assert notice.find_previous_sibling("h1") is not None
    glossary_link = one(soup(built, "local/pages/referral-pathway/index.html"), "a.hb-term__link")
    assert "glossary" in str(glossary_link["href"])
    index = json.loads((built / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any(
        "HSB panel coordinator" in doc["text"] and doc["location"].startswith("local/pages/")
        for doc in index["docs"]
    )


def test_practice_notes_on_a_page_and_under_a_heading(built: Path) -> None:
    stage3 = soup(built, "assessment/stage-3-safety-planning/index.html")
    note = one(stage3, "aside.hb-practice-note")
    assert note["aria-label"] == f"Local practice note ({ORG})"
    assert "share every safety plan with the HSB panel coordinator" in note.get_text()
    assert note.find_previous_sibling("h1") is not None
    sexting = soup(built, "prompts/sexting/index.html")
    note = one(sexting, "aside.hb-practice-note")
    heading = note.find_previous_sibling(["h1", "h2", "h3"])
    assert heading is not None
    assert heading["id"] == "issues-to-consider-and-aggravating-issues"
    assert "before any device is examined" in note.get_text()
    assert "admonition" not in note["class"]


def test_local_items_are_marked_on_screen_and_on_paper(built: Path) -> None:
    screen = soup(built, "assessment/stage-3-safety-planning/index.html")
    item = one(screen, "#cl-stage-3-safety-planning-local-panel-coordinator").parent
    assert item is not None
    assert one(item, "label .hb-local-marker").get_text() == "Local"
    legend = item.find_parent("fieldset")
    assert legend is not None
    assert one(legend, "legend").get_text() == "Supervision"
    paper = soup(built, "checklists/prompts-sexting/index.html")
    texts = [" ".join(p.get_text().split()) for p in paper.select(".hb-paper__item--local")]
    assert texts == ["Local Duty safeguarding manager consulted before any device is examined."]
    pdf = PdfReader(built / "downloads" / "checklists" / "stage-3-safety-planning.pdf")
    assert "stage-3-safety-planning.local-panel-coordinator" in (pdf.get_fields() or {})
    assert "Local Safety plan shared with the HSB panel coordinator." in pdf_text(
        built / "downloads" / "checklists" / "stage-3-safety-planning.pdf"
    )


def test_the_pdfs_are_tagged_pdf_ua_with_the_local_content(built: Path) -> None:
    """The pdfua checker and tests/pdfcheck.py on every PDF of the copy; a local checklist
    item is a field named with its words, in reading order, like the guidance's own."""
    pdfs = sorted(built.rglob("*.pdf"))
    assert len(pdfs) == 9
    assert {p.name: problems(p) for p in pdfs} == {p.name: [] for p in pdfs}
    local = (
        "stage-3-safety-planning.local-panel-coordinator",
        "Local: Safety plan shared with the HSB panel coordinator.",
    )
    notes = ("stage-3-safety-planning.supervision-notes", "Notes: Supervision")
    for path in (
        built / "downloads" / "checklists" / "stage-3-safety-planning.pdf",
        next(p for p in pdfs if p.name.startswith("ta-hsb-checklists")),
    ):
        doc = TaggedPdf(path)  # open while its fields are read
        names = [(str(f.T), str(f.TU)) for f in doc.fields()]
        assert names[names.index(local) + 1] == notes  # the section's last item, then its notes
    book = TaggedPdf(next(p for p in pdfs if p.name.startswith("ta-hsb-handbook")))
    assert (
        1,
        f"local resources: added by {ORG.casefold()}, not part of the ta-hsb practice guidance",
    ) in book.headings()


def test_review_dates_on_home_and_about(built: Path) -> None:
    for path in ("index.html", "reference/about/index.html"):
        review = one(soup(built, path), ".hb-review")
        text = " ".join(review.get_text(" ").split())
        assert "Head of Service, Safeguarding and Quality Assurance" in text
        assert "Last reviewed 1 November 2026" in text
        assert "Next planned review 1 November 2027" in text


def test_statement_and_privacy_carry_the_overlay_details(built: Path) -> None:
    statement = one(soup(built, "reference/accessibility/index.html"), "article")
    text = " ".join(statement.get_text(" ").split())
    assert "accessibility@example.org or 01234 567800" in text
    assert "prepared on 20 November 2026" in text
    privacy = " ".join(
        one(soup(built, "reference/privacy/index.html"), "article").get_text(" ").split()
    )
    assert f"hosted by {ORG}" in privacy
    assert "sets no cookies" in privacy


def test_handbook_pdf_has_the_local_part_after_the_guidance(built: Path) -> None:
    text = pdf_text(next((built / "downloads").glob("ta-hsb-handbook-*.pdf")))
    part = f"Local resources: added by {ORG}, not part of the TA-HSB practice guidance"
    # The part title is in the contents and (upper case) above the part in the body.
    assert part in text
    part_at = text.rfind(part.upper())
    assert part_at > text.index(part)
    assert (
        text.rfind("The whole handbook as one PDF") < part_at
    )  # the About page, last guidance page
    assert part_at < text.rfind("HSB panel terms of reference")
    assert text.rfind("Meetings The panel meets every two weeks") < text.rfind(
        "APPENDICES: CHECKLISTS"
    )
    assert NOTICE.split(" TA-HSB")[0] in text  # the line may break inside "TA-HSB"
    assert f"Local practice note ({ORG})" in text
    assert "share every safety plan with the HSB panel coordinator" in text


# -- fixture overlays: each mistake is one line naming the file -------------------

OVERLAY = "organisation: Org\ncontacts:\n  - role: Lead\n"


@pytest.fixture
def site(tmp_path: Path) -> FixtureSite:
    site = FixtureSite(tmp_path)
    site.config["extra"]["handbook"]["local"] = "local/local.yml"
    site.write("local/local/pages/ok.md", "# OK\n\nAbout {{ term('sexting') }}.\n")
    return site


@pytest.mark.parametrize(
    ("overlay", "message"),
    [
        (
            "notes:\n  - page: nowhere.md\n    text: A note.\n",
            "local/local.yml: line 5: notes[0].page: no guidance page 'nowhere.md'",
        ),
        (
            "notes:\n  - page: prompts.md\n    anchor: no-such-heading\n    text: A note.\n",
            "local/local.yml: line 6: notes[0].anchor: no heading '#no-such-heading' on page 'prompts.md'",
        ),
        (
            "checklist_items:\n  - {checklist: demo, section: s, id: a, text: Again.}\n",
            "local/local.yml: line 5: checklist_items[0].id: 'a' is already an item id in "
            "checklist 'demo'",
        ),
        (
            "checklist_items:\n  - {checklist: demo, section: nope, id: z, text: Z.}\n",
            "local/local.yml: line 5: checklist_items[0].section: no section 'nope' in "
            "checklist 'demo'",
        ),
        (
            "pages:\n  - {file: ../outside.md, title: Out}\n",
            "local/local.yml: line 5: pages[0].file: string should match pattern",
        ),
        (
            "pages:\n  - {file: pages/ok.md, title: '<i>Title</i>'}\n",
            "local/local.yml: line 5: pages[0].title: must not contain '<' or '>'",
        ),
        (
            "pages:\n  - {file: pages/link.md, title: Link}\n",
            "local/local/pages/link.md: is a symbolic link; no part of an overlay may be one",
        ),
        (
            "pages:\n  - {file: pages/cites.md, title: Cites}\n",
            'local/local/pages/cites.md: line 3: only {{ term("...") }} may be used in a '
            "local page; other {{ ... }} and {% ... %} are not allowed",
        ),
        (
            "pages:\n  - {file: pages/meta.md, title: Meta}\n",
            "local/local/pages/meta.md: front matter: line 2: description: extra inputs are not "
            "permitted",
        ),
        (
            "logo: ../local.yml\n",
            "local/local.yml: line 4: logo: must be a file in the overlay's folder, not '../local.yml'",
        ),
    ],
)
def test_bad_local_content_is_one_line(site: FixtureSite, overlay: str, message: str) -> None:
    site.write("local/outside.md", "# Outside\n")
    if "link.md" in overlay:  # any link in the overlay's folder stops the build
        (site.root / "local" / "local" / "pages" / "link.md").symlink_to(
            site.root / "local" / "outside.md"
        )
    site.write("local/local/pages/cites.md", "# Cites\n\nSee {{ cite('lim-2017') }}.\n")
    site.write("local/local/pages/meta.md", "---\ndescription: '0\" http-equiv=\"refresh'\n---\n")
    site.write("local/local.yml", OVERLAY + overlay)
    result = site.build()
    assert result.returncode != 0
    found = errors(result)
    assert any(line.startswith(message) for line in found), result.stderr
    assert len(found) == 1, found
    assert "Traceback" not in result.stderr


def test_raw_html_is_text_unless_the_overlay_allows_it(site: FixtureSite) -> None:
    site.write(
        "local/local/pages/html.md",
        "# HTML\n\n<div>Boxed</div>\n\nA <mark>word</mark>.\n\n`<b>` in code is fine.\n",
    )
    pages = "pages:\n  - {file: pages/html.md, title: HTML}\n"
    site.write("local/local.yml", OVERLAY + pages)
    result = site.build()
    assert result.returncode == 0, result.stderr
    article = str(BeautifulSoup(site.html("local/pages/html/index.html"), "html.parser").article)
    assert "<p>&lt;div&gt;Boxed&lt;/div&gt;</p>" in article
    assert "A &lt;mark&gt;word&lt;/mark&gt;." in article
    assert "<code>&lt;b&gt;</code>" in article
    site.write("local/local.yml", OVERLAY + "allow_raw_html: true\n" + pages)
    result = site.build()
    assert result.returncode == 0, result.stderr
    article = str(BeautifulSoup(site.html("local/pages/html/index.html"), "html.parser").article)
    assert "<div>Boxed</div>" in article
    assert "A <mark>word</mark>." in article


def test_overlay_text_is_escaped(site: FixtureSite) -> None:
    site.write(
        "local/local.yml",
        "organisation: <b>Org</b>\ncontacts:\n  - role: Lead\n"
        "notes:\n  - {page: prompts.md, text: '<script>x</script>'}\n"
        "checklist_items:\n  - {checklist: demo, section: s, id: z, text: '<img src=x>'}\n"
        "pages:\n  - {file: pages/ok.md, title: 'Title & \"quoted\"'}\n",
    )
    result = site.build()
    assert result.returncode == 0, result.stderr
    prompts = site.html("prompts/index.html")
    assert "<script>x</script>" not in prompts
    assert "&lt;script&gt;x&lt;/script&gt;" in prompts
    assert "<img src=x>" not in prompts
    local_page = site.html("local/pages/ok/index.html")
    assert "added by &lt;b&gt;Org&lt;/b&gt;" in local_page
    assert "Title &amp; &#34;quoted&#34;" in local_page  # the navigation entry


def test_passed_review_date_is_a_notice_not_a_failure(site: FixtureSite) -> None:
    site.write(
        "local/local.yml",
        OVERLAY + "review:\n  responsible_role: Head of Service\n"
        "  last_review: 2020-01-01\n  next_review: 2021-01-01\n",
    )
    result = site.build({"SOURCE_DATE_EPOCH": "1767225600"})  # 2026-01-01
    assert result.returncode == 0, result.stderr
    assert errors(result) == []
    assert (
        "NOTICE: the local overlay's next planned review date (2021-01-01) has passed "
        "(build date 2026-01-01); review the local content"
    ) in result.stderr


def test_statement_figures_come_from_the_results_file(tmp_path: Path) -> None:
    site = FixtureSite(tmp_path)
    site.write(
        "docs/reference/accessibility.md",
        (ROOT / "docs/reference/accessibility.md").read_text(encoding="utf-8"),
    )
    site.config["nav"].append({"Accessibility": "reference/accessibility.md"})
    committed = json.loads(
        (ROOT / "data" / "accessibility-results.json").read_text(encoding="utf-8")
    )

    def statement(results: dict[str, object]) -> str:
        site.write("results.json", json.dumps(results))
        result = site.build({"HANDBOOK_A11Y_RESULTS": "results.json"})
        assert result.returncode == 0, result.stderr
        page = BeautifulSoup(site.html("reference/accessibility/index.html"), "html.parser")
        return " ".join(one(page, "article").get_text(" ").split())

    first = statement(committed)
    assert f"axe-core {committed['axe_core']}" in first
    assert f"Pages checked {committed['pages']}" in first
    other = {
        **committed,
        "axe_core": "9.9.9",
        "pages": 7,
        "violations": 2,
        "palettes": ["light (default)"],
        "exceptions": ["index.html (light): color-contrast: ['.x']"],
    }
    second = statement(other)
    assert "axe-core 9.9.9" in second
    assert "axe-core 9.9.9" not in first
    assert "Pages checked 7" in second
    assert "Result 2 violations" in second
    assert "index.html (light): color-contrast" in second
    assert "partially compliant" in second


def test_unreadable_results_file_is_one_line(tmp_path: Path) -> None:
    site = FixtureSite(tmp_path)
    site.write("results.json", '{"axe_core": "4"}')
    result = site.build({"HANDBOOK_A11Y_RESULTS": "results.json"})
    assert result.returncode != 0
    assert "results.json: tested: field required" in errors(result)
    assert "Traceback" not in result.stderr


def test_several_copies_from_one_tree(tmp_path: Path) -> None:
    site = FixtureSite(tmp_path)
    for area in ("north", "south"):
        site.write(f"areas/{area}/pathway.md", f"# {area.title()} pathway\n\nOnly in {area}.\n")
        site.write(
            f"areas/{area}.yml",
            f"organisation: {area.title()} Partnership\ncontacts:\n  - role: Lead\n"
            "pages:\n  - {file: pathway.md, title: Pathway}\n",
        )
    site.write("areas/south/draft.md", "# Draft\n\nSouth's unlisted draft.\n")
    built = {}
    for area in ("north", "south"):
        site.config["extra"]["handbook"]["local"] = f"areas/{area}.yml"
        result = site.build()
        assert result.returncode == 0, result.stderr
        shutil.move(site.root / "site", site.root / f"site-{area}")
        built[area] = site.root / f"site-{area}"
    north = (built["north"] / "local/pathway/index.html").read_text(encoding="utf-8")
    assert "added by North Partnership" in north
    assert "Only in north." in north
    assert "Only in south." in (built["south"] / "local/pathway/index.html").read_text("utf-8")
    # North's overlay cannot publish South's pages: its folder is areas/north/.
    site.config["extra"]["handbook"]["local"] = "areas/north.yml"
    for file, message in (
        (
            "../south/draft.md",
            "areas/north.yml: line 6: pages[1].file: string should match pattern",
        ),
        (
            "south/draft.md",
            "areas/north.yml: line 6: pages[1].file: no such file 'south/draft.md' in areas/north/",
        ),
    ):
        site.write(
            "areas/north.yml",
            "organisation: North Partnership\ncontacts:\n  - role: Lead\n"
            f"pages:\n  - {{file: pathway.md, title: P}}\n  - {{file: {file}, title: D}}\n",
        )
        result = site.build()
        assert result.returncode != 0
        assert [line[: len(message)] for line in errors(result)] == [message]
    # The guidance itself is the same in both copies: only the organisation differs.
    pages = {
        area: BeautifulSoup(
            (path / "prompts/index.html").read_text(encoding="utf-8"), "html.parser"
        )
        for area, path in built.items()
    }
    for page in pages.values():
        one(page, ".hb-print-stamp").decompose()  # the printed stamp names the organisation
    articles = {area: one(page, "article").get_text() for area, page in pages.items()}
    assert articles["north"] == articles["south"]
