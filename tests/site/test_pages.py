"""The built handbook as a reader gets it: pages, checklists, glossary, citations, privacy."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from macros.data.headings import heading_ids
from tests.conftest import ROOT
from tests.site.reading import (
    CHECKLISTS,
    VERSION,
    article_text,
    built_page,
    items,
    nav,
    normalise,
    soup,
)

PAGES = nav()
PLACEHOLDERS = re.compile(r"\b(todo|tbd|lorem ipsum|placeholder|coming soon|to be written)\b", re.I)
#: A tag in Markdown prose (outside `code`): Python-Markdown would pass it through as HTML.
RAW_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^>]*)?/?>")
CODE_SPAN = re.compile(r"(`+).+?\1")


def test_navigation_covers_every_page() -> None:
    docs = {p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md")}
    assert set(PAGES) == docs
    assert len(PAGES) >= 28


@pytest.mark.parametrize("src", PAGES)
def test_markdown_has_no_raw_html(src: str) -> None:
    """Pages are Markdown and macros; a tag typed in prose (say "Notes: <section>") would
    reach the reader as markup, not words."""
    text = (ROOT / "docs" / src).read_text(encoding="utf-8")
    tags = [
        m.group() for line in text.splitlines() for m in RAW_TAG.finditer(CODE_SPAN.sub("", line))
    ]
    assert tags == []


@pytest.mark.parametrize("src", PAGES)
def test_page_has_one_h1_and_real_content(site_dir: Path, src: str) -> None:
    page = soup(built_page(site_dir, src))
    assert len(page.select("h1")) == 1
    text = article_text(site_dir, src)
    assert not PLACEHOLDERS.search(text), PLACEHOLDERS.search(text)
    assert "[unknown" not in text
    assert len(text.split()) >= 20
    assert "{{" not in text
    assert "{%" not in text


@pytest.mark.parametrize("src", PAGES)
def test_footer_carries_the_edition_stamp(site_dir: Path, src: str) -> None:
    page = soup(built_page(site_dir, src))
    footer = page.select_one(".hb-footer-stamp")
    assert footer is not None
    assert f"Handbook version {VERSION}" in footer.get_text()
    assert "Guidance edition:" in footer.get_text()
    assert re.search(r"Built \d{4}-\d{2}-\d{2}", footer.get_text())


@pytest.mark.parametrize("checklist_id", CHECKLISTS)
def test_checkboxes_on_page_equal_items_in_yaml(site_dir: Path, checklist_id: str) -> None:
    data = CHECKLISTS[checklist_id]
    entries = items(checklist_id)
    page = soup(built_page(site_dir, data["page"]))
    section = page.select_one(f"section.hb-checklist[data-checklist='{checklist_id}']")
    assert section is not None
    boxes = section.select("input[type=checkbox]")
    assert len(boxes) == len(entries)
    for box in boxes:
        label = page.select_one(f"label[for='{box['id']}']")
        assert label is not None
        assert label.get_text(strip=True)
    labels = [normalise(page.select_one(f"label[for='{b['id']}']").get_text()) for b in boxes]  # type: ignore[union-attr]
    assert labels == [normalise(i["text"]) for i in entries]
    assert len(section.select("textarea")) == len(data["sections"])
    for textarea in section.select("textarea"):
        assert page.select_one(f"label[for='{textarea['id']}']") is not None
    assert "stays in this browser tab only" in section.get_text()
    pdf_link = section.find("a", string="Download printable PDF (A4)")
    assert pdf_link is not None
    assert (built_page(site_dir, data["page"]).parent / str(pdf_link["href"])).resolve().is_file()
    print_view = soup(built_page(site_dir, f"checklists/{checklist_id}.md"))
    assert len(print_view.select(".hb-paper__box")) == len(entries)


GLOSSARY = yaml.safe_load((ROOT / "data" / "glossary.yml").read_text(encoding="utf-8"))
REFERENCES = yaml.safe_load((ROOT / "data" / "references.yml").read_text(encoding="utf-8"))


def test_every_glossary_entry_renders_with_anchor_definition_and_backlinks(site_dir: Path) -> None:
    path = built_page(site_dir, "reference/glossary.md")
    page = soup(path)
    for entry in GLOSSARY:
        heading = page.select_one(f"h3#{entry['id']}")
        assert heading is not None, entry["id"]
        block = heading.parent
        assert block is not None
        assert normalise(entry["definition"]) in normalise(block.get_text(" "))
        used = [p for p in block.select("p") if p.get_text().startswith("Used on:")]
        assert used, f"{entry['id']} has no 'Used on' links"
        for link in used[0].select("a"):
            assert (path.parent / str(link["href"])).resolve().joinpath("index.html").is_file(), (
                link["href"]
            )
    letters = [a.get_text() for a in page.select(".hb-gloss-index a")]
    assert letters == sorted(letters)


def test_term_links_point_at_glossary_anchors_with_tooltips(site_dir: Path) -> None:
    ids = {e["id"] for e in GLOSSARY}
    total = 0
    for src in PAGES:
        page = soup(built_page(site_dir, src))
        for link in page.select("a.hb-term__link"):
            total += 1
            assert str(link["href"]).split("#")[1] in ids
            tip = page.select_one(f"#{link['aria-describedby']}")
            assert tip is not None
            assert tip.get("role") == "tooltip"
            assert tip.get_text(strip=True)
    assert total >= len(ids)


def test_every_reference_is_listed_and_cited(site_dir: Path) -> None:
    page = soup(built_page(site_dir, "reference/references.md"))
    for ref in REFERENCES:
        entry = page.select_one(f"#ref-{ref['key']}")
        assert entry is not None, ref["key"]
        assert "Cited on:" in entry.get_text(), ref["key"]
    citations = sum(len(soup(built_page(site_dir, src)).select("a.hb-cite")) for src in PAGES)
    assert citations >= len(REFERENCES)


# The presenter's contact details: tests/site/test_source.py (by hash, never in clear).


EXTERNAL_LOAD = re.compile(
    r"""(?:<(?:script|img|iframe|source|audio|video|embed)\b[^>]*\ssrc=["']?(?:https?:)?//)"""
    r"""|(?:<link\b[^>]*\shref=["']?(?:https?:)?//)"""
    r"""|(?:url\(\s*["']?(?:https?:)?//)"""
    r"""|(?:@import\s+["']?(?:https?:)?//)""",
    re.I,
)


def test_nothing_loads_from_another_host(site_dir: Path) -> None:
    offenders = []
    for path in site_dir.rglob("*"):
        if path.suffix in {".html", ".css"}:
            for match in EXTERNAL_LOAD.finditer(path.read_text(encoding="utf-8")):
                offenders.append(f"{path.relative_to(site_dir)}: {match.group(0)}")
    assert offenders == []


def test_no_generator_link_or_web_fonts(site_dir: Path) -> None:
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in home
    assert "fonts.gstatic" not in home
    assert "squidfunk.github.io" not in home


def test_default_build_has_neutral_local_contacts_notice(site_dir: Path) -> None:
    text = article_text(site_dir, "reference/local-contacts.md")
    assert "no local contacts" in text
    assert "tel:" not in built_page(site_dir, "reference/local-contacts.md").read_text(
        encoding="utf-8"
    )


def test_handbook_pdf_is_linked_from_home_and_about(site_dir: Path) -> None:
    for src in ("index.md", "reference/about.md"):
        page = soup(built_page(site_dir, src))
        link = page.find("a", string="Download the whole handbook (PDF)")
        assert link is not None, src
        assert (built_page(site_dir, src).parent / str(link["href"])).resolve().is_file()


@pytest.mark.parametrize("src", PAGES)
def test_heading_ids_read_from_the_source_are_the_built_ones(site_dir: Path, src: str) -> None:
    """`make check` checks a practice note's heading from the Markdown (macros/data/headings.py):
    it finds exactly the ids the build gives the page's section headings."""
    page = soup(built_page(site_dir, src))
    built = {
        str(h["id"])
        for h in page.select("h1[id], h2[id], h3[id], h4[id], h5[id], h6[id]")
        if h.select_one(":scope > a.headerlink")
    }
    source = (ROOT / "docs" / src).read_text(encoding="utf-8")
    assert heading_ids(source) == built
