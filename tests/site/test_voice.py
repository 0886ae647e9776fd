"""The pages speak to the practitioner; what they say about the slides is in one place.

Each guidance, assessment and prompt page (and the home page) opens with the guidance,
and its prose says little about the source: every statement about the slides (which
slide, what it credits or does not connect, the handbook's own attributions, labels and
readings, typing errors) is a note in the section's closed "Source and notes" block
(data/source-trace.yml, ``notes:``). A citation the handbook attributes itself carries a
dagger (†) to one note on the References page; a link the handbook makes between
sections is a box titled "Handbook cross-reference".
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from macros.data.source import load
from tests.conftest import ROOT
from tests.site.reading import built_page, nav, normalise, soup

SOURCE = load(ROOT)
PAGES = [
    p for p in nav() if p == "index.md" or p.split("/")[0] in {"guidance", "assessment", "prompts"}
]
META = re.compile(r"\bslides?\b|this handbook|handbook's|\battribution\b", re.I)
SKIP = (
    "details:not([open]), blockquote, table, nav, script, style, .hb-term__tip, .footnote,"
    " .headerlink, .md-source-file, .hb-print-stamp, [hidden]"
)
XREF = "Handbook cross-reference"

# Statements that the pages' prose used to make about the slides, each now a note in a
# Source block on the same page: nothing was dropped (issue 32).
MOVED: dict[str, list[str]] = {
    "index.md": [
        "as presented in a set of slides",
        "linking them to the 2017 nspcc report is this handbook's attribution",
        "each citation credits what the slides credit",
        "a passage from a research slide that credits no work, such as the slide on "
        "recidivism and crossover, carries no citation",
        "the slides introduce the guidance with these points",
    ],
    "guidance/definitions.md": [
        "gives the definition in quotation marks and names no source for it",
        "the slides do not tie the definitions to the research or the key findings",
        'one slide titled "other definitions"; in the slide text its title comes after '
        "the two definitions",
    ],
    "guidance/research-base.md": [
        "the slides list the two reports by their web addresses only, with no titles or authors",
        "the slides do not connect either address to the literature review, the case file "
        "research or the key findings; citing the case file research and the key findings "
        "to the 2017 report is this handbook's attribution",
        "the slides do not tie these groups to the definitions",
        "the slides set out the three key findings after the research",
    ],
    "guidance/key-finding-1.md": [
        'gives the reference "practice guidance pages 12 to 16"',
        "do not connect it to either nspcc address they list; citing it to the 2017 nspcc "
        "report is this handbook's attribution",
        "the text does not show which forms any of the three labels covers, and this "
        "handbook does not assign them",
        'the slides include a slide titled "types of ta-hsb identified". its content is not '
        "in the slide text this handbook follows",
        "the slides do not link these behaviours to the prompt lists",
    ],
    "guidance/key-finding-2.md": [
        "do not connect them to either nspcc address they list; citing them to the 2017 "
        "nspcc report is this handbook's attribution",
        "this page sets out the figures behind the finding, what the slides say about "
        "recidivism and crossover, and the case example the slides give",
        'only the first heads its points "findings from nspcc research"',
        "the slides give the two percentages in this form and do not state their base",
        "the slide credits no source for them, so this handbook gives no citation",
    ],
    "guidance/key-finding-3.md": [
        "the slides also describe young males with dual hsb. they do not connect this "
        "finding to either nspcc address they list",
        "the table is this handbook's arrangement of the same points",
        "the slides do not give separate figures for young males with offline hsb",
    ],
    "assessment/index.md": [
        "names no author for the stages",
        "used on this handbook's stage 2 page",
        "the slides introduce the guidance with these points",
        'the slides include a slide titled "what to use and when"',
        '"desistence" is the slides\' spelling of desistance',
        'the same slide also carries the word "interventions", printed vertically',
        "gives the two notes without tying either to one stage",
    ],
    "assessment/stage-1-information-gathering.md": [
        "the slide frames this stage as a set of questions",
        "it does not break these factors down further",
        "the slides do not link key finding 1 to the hsb factors",
        "it does not tie them to one stage",
    ],
    "assessment/stage-2-case-formulation.md": [
        'numbers these nine areas under "2. developing a case formulation"',
        "\"desistence\" is the slides' spelling of desistance, kept here as the slides' label",
        "the slides show the formulation as a diagram and credit it",
    ],
    "assessment/stage-3-safety-planning.md": [
        'the slide lists these points under "3. safety planning"',
        "that slide credits no source, so the caution has no citation; placing it here is "
        "this handbook's cross-reference",
        "this handbook lists it in the safety-planning checklist, with that caveat",
    ],
    "prompts/index.md": [
        "on slides of their own",
        '"scenario" is this handbook\'s label',
        "the slides do not say how the prompt lists relate to the three stages of the guidance",
    ],
    "prompts/pornography.md": [
        '"scenario" is this handbook\'s label',
        "ends the slide's sentence on belton and hollis (2016)",
        'the slide with these questions is headed "ta hsb practice guidance"',
        "the slides name developmentally inappropriate use of adult pornography (dip) and "
        "do not define it",
    ],
    "prompts/sexting.md": [
        '"scenario" is this handbook\'s label',
        "which credits no source; placing it here is this handbook's cross-reference",
        "the slide's sentence is broken",
        "'sextorcion' is the slide's spelling of sextortion",
        "the slides do not reproduce the risk and protective factors",
        "the checklist below sets them out under the slide's own words",
    ],
    "prompts/iioc.md": [
        '"scenario" is this handbook\'s label',
        "which credits no source; placing it here is this handbook's cross-reference",
        "two slides give these questions; the first is headed",
        "the slide spells manga 'magna'",
        "the grouping of the questions under headings in the checklist is this handbook's",
    ],
    "prompts/dark-web.md": [
        'reads "have the accessed the dark web?"; this handbook reads it as: have they '
        "accessed the dark web?",
        "the bold labels are this handbook's",
        "gives the link and then these two separate points, which it does not expand",
        "gives this address bare, with no words about it, and credits nothing to it",
        "the slides do not link the dark web slides to the case example of ben, 15",
    ],
}


def prose(page: BeautifulSoup) -> list[str]:
    """The article's paragraphs and list items as a reader reads them, Source blocks closed."""
    article = page.select_one("article")
    assert article is not None
    for node in article.select(SKIP):
        node.decompose()
    out = []
    for block in article.select("p, li, h2"):
        if block.name == "h2":
            if normalise(block.get_text()).startswith("about the source"):
                break
            continue
        if block.find_parent(["p", "li"]) is None:
            text = re.sub(r"\s+", " ", block.get_text()).strip()
            if text:
                out.append(text)
    return out


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"'(])", text) if len(s.split()) >= 3]


def about_the_source(site_dir: Path, src: str) -> list[str]:
    paragraphs = prose(soup(built_page(site_dir, src)))
    return [s for p in paragraphs for s in sentences(p) if META.search(s)]


def test_the_measure_catches_the_old_wording() -> None:
    old = BeautifulSoup(
        "<article><p>The slide frames this stage as a set of questions.</p>"
        '<details class="hb-source-wording"><summary>Source</summary><p>The slide says.</p>'
        "</details><ul><li>HSB factors? Harm to self &amp; harm to others</li></ul>"
        "<p>The slide does not break these factors down further.</p></article>",
        "html.parser",
    )
    paragraphs = prose(old)
    assert len(paragraphs) == 3
    assert [bool(META.search(p)) for p in paragraphs] == [True, False, True]


@pytest.mark.parametrize("src", PAGES)
def test_each_page_opens_with_the_guidance(site_dir: Path, src: str) -> None:
    paragraphs = prose(soup(built_page(site_dir, src)))
    assert paragraphs, src
    assert not META.search(paragraphs[0]), paragraphs[0]


@pytest.mark.parametrize("src", PAGES)
def test_the_prose_says_little_about_the_source(site_dir: Path, src: str) -> None:
    assert len(about_the_source(site_dir, src)) <= 2


def test_at_most_one_sentence_in_twenty_is_about_the_source(site_dir: Path) -> None:
    total = sum(len(sentences(p)) for src in PAGES for p in prose(soup(built_page(site_dir, src))))
    meta = sum(len(about_the_source(site_dir, src)) for src in PAGES)
    assert total > 300
    assert meta * 20 <= total, (meta, total)


def source_notes(site_dir: Path, src: str) -> str:
    page = soup(built_page(site_dir, src))
    notes = page.select("details.hb-source-wording .hb-source-wording__notes li")
    return " ".join(normalise(n.get_text(" ")) for n in notes)


@pytest.mark.parametrize("src", list(MOVED))
def test_every_statement_moved_out_of_the_prose_is_in_a_source_block(
    site_dir: Path, src: str
) -> None:
    notes = source_notes(site_dir, src)
    missing = [s for s in MOVED[src] if s not in notes]
    assert missing == []


def test_notes_are_in_the_trace_and_escaped(site_dir: Path) -> None:
    assert SOURCE is not None
    with_notes = [p.trace for p in SOURCE.passages.values() if p.trace.notes]
    assert len(with_notes) >= 40
    for trace in with_notes:
        block = soup(built_page(site_dir, trace.page)).select_one(f"#source-{trace.id}")
        assert isinstance(block, Tag), trace.id
        assert block.name == "details"
        assert block.get("open") is None
        summary = block.select_one("summary")
        assert summary is not None
        assert summary.get_text() == "Source and notes"
        shown = [normalise(li.get_text()) for li in block.select(".hb-source-wording__notes li")]
        assert shown == [normalise(n) for n in trace.notes], trace.id


@pytest.mark.parametrize("src", PAGES)
def test_cross_references_are_the_one_component(site_dir: Path, src: str) -> None:
    article = soup(built_page(site_dir, src)).select_one("article")
    assert article is not None
    for box in article.select(".admonition.hb-xref"):
        title = box.select_one(".admonition-title")
        assert title is not None, src
        assert title.get_text(strip=True) == XREF, src
    for title in article.select(".admonition-title"):
        if "cross-reference" in title.get_text().casefold():
            parent = title.parent
            assert parent is not None, src
            assert "hb-xref" in parent.get_attribute_list("class"), src
    for node in article.select("details, .hb-xref"):
        node.decompose()
    # The old forms: a sentence in the running text saying it is the handbook's link.
    text = normalise(article.get_text(" "))
    assert not re.search(r"handbook's cross-reference|cross-references? by this handbook", text)


def test_checklist_items_are_prompts_with_labels_in_the_section(site_dir: Path) -> None:
    page = soup(built_page(site_dir, "assessment/stage-2-case-formulation.md"))
    legends = [normalise(x.get_text(" ")) for x in page.select("fieldset legend")]
    credit = "labels on the case-formulation diagram (eastman, hanson & swann, 2017; property of nota 2019)"
    assert any(legend.startswith("8. persistence") and credit in legend for legend in legends)
    assert any(legend.startswith("9. desistence") and credit in legend for legend in legends)
    labels = [normalise(x.get_text(" ")) for x in page.select(".hb-checklist__item label")]
    assert "concerns" in labels
    assert not any("consider the diagram's" in label for label in labels)
