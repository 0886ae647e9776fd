"""Attribution as the slides give it, checked on the built pages, the PDFs and the data.

The slides credit the three stages to the TA-HSB Practice Guidance (no author,
year or publisher named), Eastman, Hanson & Swann (2017) and "Property of NOTA
2019" to the case-formulation diagram only, and cite Belton and Hollis (2016);
no slide names "Hollis and Belton" as the guidance's authors.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from pypdf import PdfReader

from macros.source import load
from macros.source import normalise as plain
from tests.conftest import ROOT, mkdocs_config
from tests.pdftext import sheet_text
from tests.site.reading import CHECKLISTS, VERSION, built_page, nav, normalise, soup

PAGES = nav()
REFERENCES: list[dict[str, Any]] = yaml.safe_load(
    (ROOT / "data" / "references.yml").read_text(encoding="utf-8")
)
GLOSSARY: list[dict[str, Any]] = yaml.safe_load(
    (ROOT / "data" / "glossary.yml").read_text(encoding="utf-8")
)
DIAGRAM_CREDIT = re.compile(r"eastman|\bnota\b")
STAGE_WORDS = re.compile(
    r"three stages|three-stage|framework|information gathering|safety planning|assessment stages"
)
SENTENCE = re.compile(r"(?<=[.!?·])\s+")
BLOCKS = "p, li, td, th, h1, h2, h3, h4, dt, dd, summary, .md-copyright > div"


@cache
def page_blocks(site_dir: Path, src: str) -> tuple[str, ...]:
    """The text of each block of a page's article and footer credit, one entry per block."""
    page = soup(built_page(site_dir, src))
    for tip in page.select(".hb-term__tip"):
        tip.decompose()
    parts = [page.select_one("article"), page.select_one(".md-copyright")]
    return tuple(
        normalise(block.get_text(" ")) for part in parts if part for block in part.select(BLOCKS)
    )


def pdf_lines(reader: PdfReader) -> list[str]:
    """A PDF's text as paragraphs: a line that starts in lower case continues the one before."""
    out: list[str] = []
    for page in reader.pages:
        for line in sheet_text(page).splitlines():
            if out and line[:1].islower():
                out[-1] += " " + line
            else:
                out.append(line)
    return [normalise(line) for line in out]


@cache
def page_text(site_dir: Path, src: str) -> str:
    """A page's article and footer credit line, as a reader sees them (tooltips aside)."""
    page = soup(built_page(site_dir, src))
    for tip in page.select(".hb-term__tip"):
        tip.decompose()
    parts = [page.select_one("article"), page.select_one(".md-copyright")]
    return normalise(" ".join(p.get_text(" ") for p in parts if p is not None))


def pdf_texts(site_dir: Path) -> dict[str, list[str]]:
    return {pdf.name: pdf_lines(PdfReader(pdf)) for pdf in (site_dir / "downloads").rglob("*.pdf")}


def stage_credits(*blocks: str) -> list[str]:
    """Sentences that name Eastman, Hanson and Swann or NOTA together with the stages."""
    return [
        s
        for block in blocks
        for s in SENTENCE.split(block)
        if DIAGRAM_CREDIT.search(s) and STAGE_WORDS.search(s)
    ]


def test_the_rule_catches_the_old_wording() -> None:
    old = normalise(
        "Assessment framework: Eastman, Hanson and Swann (2017), property of NOTA 2019. "
        "The three-stage framework is that of Eastman, Hanson and Swann."
    )
    assert len(stage_credits(old)) == 2
    assert stage_credits(normalise("The diagram is marked Property of NOTA 2019.")) == []


@pytest.mark.parametrize("src", PAGES)
def test_no_page_credits_the_stages_to_the_diagram_authors(site_dir: Path, src: str) -> None:
    text = page_text(site_dir, src)
    assert stage_credits(*page_blocks(site_dir, src)) == []
    assert "hollis and belton" not in text
    assert "nspcc / aim" not in text


def test_no_pdf_credits_the_stages_to_the_diagram_authors(site_dir: Path) -> None:
    texts = pdf_texts(site_dir)
    assert f"ta-hsb-handbook-{VERSION}.pdf" in texts
    assert len(texts) == len(CHECKLISTS) + 2
    for name, paragraphs in texts.items():
        assert stage_credits(*paragraphs) == [], name
        assert "hollis and belton" not in " ".join(paragraphs), name


def test_footer_stamp_and_config_credit_the_diagram_only() -> None:
    config = mkdocs_config()
    for value in (
        config["copyright"],
        config["site_description"],
        config["extra"]["handbook"]["source_edition"],
    ):
        text = normalise(value)
        assert "hollis" not in text
        assert "2017" not in text.split("eastman")[0]  # no year given to the guidance
        assert stage_credits(text) == []
    assert (
        "case-formulation diagram only: eastman, hanson & swann, 2017; property of nota 2019"
        in (normalise(config["copyright"]))
    )


def test_readme_says_where_the_content_comes_from_as_the_slides_do() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Where the content comes from", 1)[1].split("\n## ", 1)[0]
    text = normalise(section)
    assert "hollis and belton" not in normalise(readme)
    assert "nspcc / aim" not in normalise(readme)
    assert stage_credits(text) == []
    assert "the case-formulation diagram only" in text


def test_data_credits_the_diagram_only() -> None:
    cited = {r["key"]: r for r in REFERENCES}
    assert "eastman-hanson-swann-2017" in cited
    assert "diagram only" in cited["eastman-hanson-swann-2017"]["cited_for"]
    guidance = cited["practice-guidance"]
    assert set(guidance) == {"key", "title", "cited_for"}  # the slides name no author or year
    for key in ("nspcc-2017-report", "nspcc-2016-review", "belton-hollis-2016"):
        assert key in cited
    for entry in GLOSSARY:
        if "eastman-hanson-swann-2017" in entry.get("cite", []):
            assert "diagram" in entry["definition"], entry["id"]
    for cid, checklist in CHECKLISTS.items():
        if "eastman-hanson-swann-2017" in checklist["cite"]:
            assert "diagram" in checklist["intro"], cid
    for cid in ("stage-1-information-gathering", "stage-3-safety-planning"):
        assert "eastman-hanson-swann-2017" not in CHECKLISTS[cid]["cite"]
    nota = next(e for e in GLOSSARY if e["id"] == "nota")
    assert "diagram" in nota["short"]
    safety = next(e for e in GLOSSARY if e["id"] == "safety-planning")
    assert "eastman-hanson-swann-2017" not in safety["cite"]


def words(text: str) -> str:
    """Words only, '&' read as 'and', for comparing a field with the slide text."""
    text = plain(text).casefold().replace("&", " and ").replace("et. al", "et al")
    return " ".join(re.findall(r"\w+", text))


@pytest.mark.parametrize("entry", REFERENCES, ids=[r["key"] for r in REFERENCES])
def test_every_reference_field_is_on_the_slides_or_flagged(entry: dict[str, Any]) -> None:
    """The header of data/references.yml says so; this keeps it true."""
    source = load(ROOT)
    assert source is not None
    slides = words(" ".join(source.lines))
    joined = re.sub(r"\s+", "", " ".join(source.lines))
    outside: list[str] = []
    for field in ("authors", "title", "publisher"):
        if field in entry and f" {words(str(entry[field]))} " not in f" {slides} ":
            outside.append(field)
    if "year" in entry and str(entry["year"]) not in slides.split():
        outside.append("year")
    if "url" in entry and str(entry["url"]) not in joined:
        outside.append("url")
    if outside:
        assert entry.get("from_outside_source"), f"{entry['key']}: {outside} not on the slides"


def test_outside_facts_are_shown_as_such(site_dir: Path) -> None:
    page = soup(built_page(site_dir, "reference/references.md"))
    for entry in REFERENCES:
        shown = page.select_one(f"#ref-{entry['key']} .hb-ref__outside")
        assert (shown is not None) == bool(entry.get("from_outside_source")), entry["key"]
    header = (ROOT / "data" / "references.yml").read_text(encoding="utf-8").split("\n- ", 1)[0]
    assert "from_outside_source" in header
    assert "Not from the slides" in header


def test_hedges_questions_and_descriptions_are_kept(site_dir: Path) -> None:
    everything = " ".join(page_text(site_dir, src) for src in PAGES)
    assert "pornography use may be considered ta-hsb" in page_text(
        site_dir, "guidance/definitions.md"
    )
    assert "may be considered ta-hsb" in page_text(site_dir, "reference/references.md")
    for wrong in ("should be considered ta-hsb", "treats pornography", "should already"):
        assert wrong not in everything
    assert "developed for experienced practitioners who have already undertaken" in everything
    assert "triggers for progression to more extreme/illegal pornography?" in everything


def test_typo_corrections_are_visible(site_dir: Path) -> None:
    for src in PAGES:
        text = page_text(site_dir, src)
        for quoted in ("'manga'", "'sextortion'", '"sextortion"', '"have they accessed'):
            assert quoted not in text, (src, quoted)
        if "manga" in text:
            assert "magna" in text, src
        if "sextortion" in text:
            assert "sextorcion" in text, src
    assert "have the accessed the dark web?" in page_text(site_dir, "prompts/dark-web.md")
    sexting = page_text(site_dir, "prompts/sexting.md")
    assert "the slide's sentence is broken" in sexting


def test_no_invented_structure(site_dir: Path) -> None:
    everything = " ".join(page_text(site_dir, src) for src in PAGES)
    for invented in (
        "how the dark web is accessed",
        "towards harm to others",
        "towards harm to the young person",
        "interventions are the final element",
        "it lists the three stages",
        "the three-stage framework",
    ):
        assert invented not in everything, invented
    dark = page_text(site_dir, "prompts/dark-web.md")
    assert "tor - encryption tool" in dark
    assert "can use on phone" in dark
    for cid in ("stage-1-information-gathering", "stage-3-safety-planning"):
        texts = [i["text"] for s in CHECKLISTS[cid]["sections"] for i in s["items"]]
        assert not any(t.startswith(("If new information", "How does any new")) for t in texts)
