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

from macros.data.paths import CHANGES_PAGE
from macros.data.source import load, numbers
from macros.data.source import normalise as plain
from tests.conftest import ROOT, mkdocs_config
from tests.pdftext import sheets
from tests.site.reading import CHECKLISTS, VERSION, built_page, nav, normalise, soup

# The Changes to the guidance page quotes earlier editions' words, corrections included;
# the words it quotes as they are now are checked on their own pages.
PAGES = [src for src in nav() if src != CHANGES_PAGE]
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


@cache
def pdf_lines(pdf: Path) -> list[str]:
    """A PDF's text as paragraphs: a line that starts in lower case continues the one before
    (read once a run: the handbook PDF is read for each open list)."""
    out: list[str] = []
    for text in sheets(pdf):
        for line in text.splitlines():
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
    return {pdf.name: pdf_lines(pdf) for pdf in (site_dir / "downloads").rglob("*.pdf")}


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


# The one place "Hollis and Belton" may appear: the 2017 NSPCC report's References entry,
# under "Not from the slides" (its authors by the public record, not the guidance's).
OUTSIDE_AUTHORS = "#ref-nspcc-2017-report .hb-ref__outside"


def text_without_the_marked_authors(site_dir: Path, src: str) -> str:
    page = soup(built_page(site_dir, src))
    for node in page.select(f".hb-term__tip, {OUTSIDE_AUTHORS}"):
        node.decompose()
    parts = [page.select_one("article"), page.select_one(".md-copyright")]
    return normalise(" ".join(p.get_text(" ") for p in parts if p is not None))


@pytest.mark.parametrize("src", PAGES)
def test_no_page_credits_the_stages_to_the_diagram_authors(site_dir: Path, src: str) -> None:
    text = text_without_the_marked_authors(site_dir, src)
    assert stage_credits(*page_blocks(site_dir, src)) == []
    assert "hollis and belton" not in text
    assert "nspcc / aim" not in text


def test_no_pdf_credits_the_stages_to_the_diagram_authors(site_dir: Path) -> None:
    texts = pdf_texts(site_dir)
    assert f"ta-hsb-handbook-{VERSION}.pdf" in texts
    assert len(texts) == len(CHECKLISTS) + 2
    for name, paragraphs in texts.items():
        assert stage_credits(*paragraphs) == [], name
        named = [p for p in paragraphs if "hollis and belton" in p]
        assert all(p.startswith("not from the slides: by the public record") for p in named), name


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
    # The criterion's benchmark (the BBFC) is no longer a reference: the glossary restates it.
    assert "may be considered ta-hsb" in page_text(site_dir, "reference/glossary.md")
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


# ── Each citation credits what its slide credits ─────────────────────────────
# A citation of a work other than the guidance stands in a section whose traced
# source lines name that work (its authors, organisation or address); a section
# with no trace may cite a work the slides name somewhere. Anything else is the
# handbook's own link, and the sentence carrying it says so in these words.
MARKED = "this handbook's attribution"
SOURCE = load(ROOT)
REFS = {r["key"]: r for r in REFERENCES}
HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"]
CITE_BLOCKS = ["p", "li", "td", "th", "dd", "dt"]
# What the slide "Recidivism and 'crossover'" (lines 240-257) says; it credits no work.
UNCREDITED_SLIDE = (
    "blurs the boundaries",
    "1/5 of iioc",
    "growing body of evidence",
    "predictors of offline hsb",
    "largely uncertain",
    "caution in risk predictions",
)


def credited(key: str, line_numbers: set[int]) -> bool:
    """Whether the given source lines name the work: its address, or its authors or organisation."""
    assert SOURCE is not None
    entry = REFS[key]
    text = " ".join(SOURCE.lines[n - 1] for n in sorted(line_numbers))
    if "url" in entry:
        return str(entry["url"]) in re.sub(r"\s+", "", text)
    name = entry.get("authors") or entry.get("title") or entry["publisher"]
    return f" {words(name)} " in f" {words(text)} "


def marked(link: Any) -> bool:
    """Whether a citation carries the dagger that leads to the handbook's attribution note."""
    mark = link.next_sibling
    if getattr(mark, "name", None) != "sup" or "hb-cite__mark" not in mark.get("class", []):
        return False
    key = str(link["href"]).rsplit("#ref-", 1)[1]
    target = mark.select_one("a")
    return target is not None and str(target["href"]).endswith(f"#attribution-{key}")


def citations(site_dir: Path, src: str) -> list[tuple[str, set[int], str]]:
    """(key, source lines of the citation's section, text of its sentence's block) per citation.

    A citation that carries the attribution mark has "this handbook's attribution" added to
    its block's text: the mark leads to the one note that says so (References page)."""
    assert SOURCE is not None
    article = soup(built_page(site_dir, src)).select_one("article")
    assert article is not None, src
    traced: dict[int, set[int]] = {}
    for wording in article.select("details.hb-source-wording"):
        trace = SOURCE.passages[str(wording["id"]).removeprefix("source-")].trace
        heading = id(wording.find_previous(HEADINGS))
        traced.setdefault(heading, set()).update(numbers(trace.lines))
    out = []
    for link in article.select("a.hb-cite"):
        key = str(link["href"]).rsplit("#ref-", 1)[1]
        block = link.find_parent(CITE_BLOCKS)
        assert block is not None, (src, key)
        section = traced.get(id(link.find_previous(HEADINGS)), set())
        text = normalise(block.get_text(" "))
        out.append((key, section, f"{text} [{MARKED}]" if marked(link) else text))
    return out


def test_the_credit_rule_catches_the_old_wording() -> None:
    recidivism = set(range(240, 258))
    assert not credited("nspcc-2017-report", recidivism)
    assert not credited("nspcc-2017-report", set(range(169, 191)))  # "Findings from NSPCC research"
    assert credited("nspcc-2017-report", set(range(11, 31)))
    assert credited("fisher-2019", {540})
    assert credited("thinkuknow-dark-web", {737})
    assert not credited("seto-2015", recidivism)


@pytest.mark.parametrize("src", PAGES)
def test_every_citation_credits_what_its_slide_credits_or_says_it_is_the_handbooks(
    site_dir: Path, src: str
) -> None:
    assert SOURCE is not None
    everywhere = set(range(1, len(SOURCE.lines) + 1))
    wrong = [
        (key, block[:90])
        for key, lines, block in citations(site_dir, src)
        if key != "practice-guidance"
        and not credited(key, lines or everywhere)
        and MARKED not in block
    ]
    assert wrong == []


@pytest.mark.parametrize("src", PAGES)
def test_no_citation_on_what_the_uncredited_slide_says(site_dir: Path, src: str) -> None:
    article = soup(built_page(site_dir, src)).select_one("article")
    assert article is not None
    for node in article.select(".hb-term__tip, .hb-source-wording"):
        node.decompose()
    for block in article.select(", ".join(CITE_BLOCKS)):
        text = normalise(block.get_text(" "))
        if any(phrase in text for phrase in UNCREDITED_SLIDE) and MARKED not in text:
            assert block.select("a.hb-cite") == [], (src, text[:90])


def test_glossary_entries_mark_or_drop_credits_the_slides_do_not_give() -> None:
    for entry in GLOSSARY:
        definition = normalise(entry["definition"])
        if "nspcc-2017-report" in entry.get("cite", []):
            assert MARKED in definition, entry["id"]
        if any(phrase in definition for phrase in UNCREDITED_SLIDE):
            assert not entry.get("cite") or "credits no source" in definition, entry["id"]
    for cid, checklist in CHECKLISTS.items():
        assert "nspcc-2017-report" not in checklist["cite"], cid
    for key in ("crossover", "recidivism"):
        entry = next(e for e in GLOSSARY if e["id"] == key)
        assert "cite" not in entry
        assert "credits no source" in entry["definition"]


def test_every_link_to_the_nspcc_report_is_worded_as_the_handbooks(site_dir: Path) -> None:
    """The slides never connect the research or the key findings to either NSPCC address."""
    pages = {
        "index.md",
        "guidance/research-base.md",
        "guidance/key-finding-1.md",
        "guidance/key-finding-2.md",
        "guidance/key-finding-3.md",
        "reference/about.md",
    }
    for src in PAGES:
        if src == "reference/glossary.md":
            continue  # its "Source:" lines: the entries are checked in the data above
        cited = [b for k, _, b in citations(site_dir, src) if k == "nspcc-2017-report"]
        if src in pages:
            assert cited, src
        assert all(MARKED in block for block in cited), src
    assert MARKED in normalise(REFS["nspcc-2017-report"]["cited_for"])
    # The one explanation every mark leads to, on the References page.
    note = soup(built_page(site_dir, "reference/references.md")).select_one(
        "#attribution-nspcc-2017-report"
    )
    assert note is not None
    assert MARKED in normalise(note.get_text(" "))
    assert [k for k, r in REFS.items() if r.get("attribution")] == ["nspcc-2017-report"]
    nspcc = next(e for e in GLOSSARY if e["id"] == "nspcc")
    assert "lies behind the key findings" not in nspcc["short"]


def test_addresses_on_the_slides_name_an_organisation_as_publisher(site_dir: Path) -> None:
    """The slides give every address bare: no authors; the organisation shown as publisher."""
    for entry in REFERENCES:
        if "url" in entry:
            assert "authors" not in entry, entry["key"]
            assert entry.get("publisher"), entry["key"]
    page = soup(built_page(site_dir, "reference/references.md"))
    for key in ("nspcc-2017-report", "nspcc-2016-review"):
        head = page.select_one(f"#ref-{key} .hb-ref__entry")
        assert head is not None
        assert "publisher: nspcc; no author named on the slides." in normalise(head.get_text(" "))
    outside = page.select_one(OUTSIDE_AUTHORS)
    assert outside is not None
    text = normalise(outside.get_text(" "))
    assert text.startswith("not from the slides: by the public record")
    assert "hollis and belton" in text
    thinkuknow = normalise(REFS["thinkuknow-dark-web"]["cited_for"])
    assert "signposted" not in thinkuknow
    assert "bare address" in thinkuknow
    # The label in running text still reads as an organisation–year citation.
    kf2 = soup(built_page(site_dir, "guidance/key-finding-2.md"))
    assert [a.get_text() for a in kf2.select("article a.hb-cite")] == ["NSPCC, 2017"]


# ── Glossary short texts define no more than the slides ──────────────────────
def entry(entry_id: str) -> dict[str, Any]:
    return next(e for e in GLOSSARY if e["id"] == entry_id)


def tooltip(site_dir: Path, src: str, entry_id: str) -> str:
    page = soup(built_page(site_dir, src))
    link = page.select_one(f"article a.hb-term__link[href$='#{entry_id}']")
    assert link is not None, (src, entry_id)
    tip = page.find(id=str(link["aria-describedby"]))
    assert tip is not None
    return normalise(tip.get_text(" "))


def test_glossary_short_texts_say_what_the_slides_say(site_dir: Path) -> None:
    ta_hsb = normalise(entry("ta-hsb")["short"])
    assert "any image-creating/sharing or communication device" in ta_hsb
    assert "or a device" not in ta_hsb
    iioc = normalise(entry("iioc")["short"])
    assert iioc.startswith("an image of a child under 18 would be considered iioc")
    assert "accessing iioc includes both 'possession' and 'making'" in iioc
    sexting = normalise(entry("sexting")["short"])
    assert "sending and/or receiving sexual images (self-taken)" in sexting
    assert "and sending sexually explicit, suggestive or coercive" in sexting
    turn_the_page = entry("turn-the-page")
    for field in ("short", "definition"):
        text = normalise(turn_the_page[field])
        assert "drew on" not in text
        assert "in the guidance" not in text
        assert "on the slides" in text
        assert "275" in text
        assert "21 + 35 + 35" in text
    for item in GLOSSARY:
        for field in ("short", "definition"):
            assert "presented in the guidance" not in normalise(item[field]), item["id"]
    # Literature the slides cite is credited to its authors, not to the guidance.
    definition = normalise(entry("sexting")["definition"])
    assert "the guidance notes" not in definition
    for cited in ("fisher et al", "horvath et al"):
        assert cited in definition
    # What a reader gets: the tooltips carry the same short texts.
    assert "image-creating/sharing" in tooltip(site_dir, "guidance/definitions.md", "ta-hsb")
    assert "would be considered iioc" in tooltip(site_dir, "prompts/iioc.md", "iioc")
    assert "and sending sexually explicit" in tooltip(site_dir, "prompts/sexting.md", "sexting")


# ── Open lists stay open; the diagram's labels stay labels ───────────────────
# The slides' three lead-ins ending "such as:" or "include:", and the checklist section
# that holds each list, whose title or introduction keeps the open words.
OPEN_LISTS = {
    ("prompts-sexting", "consider"): "consider issues such as",
    ("prompts-sexting", "aggravating"): "aggravating issues include",
    ("prompts-dark-web", "other-content"): "issues such as",
}


def open_sections(page: Any) -> dict[tuple[str, str], str]:
    """Title and introduction of every checklist section on a page that holds an open list."""
    found = {}
    for section in page.select("fieldset.hb-checklist__section, section.hb-paper__section"):
        text = normalise(section.get_text(" "))
        for (cid, sid), _ in OPEN_LISTS.items():
            data = next(s for s in CHECKLISTS[cid]["sections"] if s["id"] == sid)
            if normalise(data["items"][0]["text"]) in text:
                head = section.select_one("legend, h2")
                intro = section.select_one(".hb-checklist__intro, .hb-paper__intro")
                found[(cid, sid)] = normalise(
                    " ".join(n.get_text(" ") for n in (head, intro) if n is not None)
                )
    return found


def test_open_lists_are_open_in_the_source_and_on_every_copy(site_dir: Path) -> None:
    assert SOURCE is not None
    lead_ins = [
        n for n, line in enumerate(SOURCE.lines, 1) if re.search(r"(such as|include):\s*$", line)
    ]
    assert lead_ins == [570, 580, 745]
    for (cid, sid), words_ in OPEN_LISTS.items():
        data = next(s for s in CHECKLISTS[cid]["sections"] if s["id"] == sid)
        assert words_ in normalise(f"{data['title']} {data.get('intro', '')}"), (cid, sid)
        checklist_page = CHECKLISTS[cid]["page"]
        for src in (checklist_page, f"checklists/{cid}.md", "assessment/record.md"):
            shown = open_sections(soup(built_page(site_dir, src)))
            assert words_ in shown[(cid, sid)], (src, sid)
        for pdf in (
            site_dir / "downloads" / "checklists" / f"{cid}.pdf",
            site_dir / "downloads" / f"ta-hsb-handbook-{VERSION}.pdf",
        ):
            text = " ".join(pdf_lines(pdf))
            assert words_ in text, (pdf.name, words_)
    sexting = page_text(site_dir, "prompts/sexting.md")
    assert '"consider issues such as:" and "aggravating issues include:"' in sexting
    for closed in ("Issues to consider", "Aggravating issues"):
        assert all(s["title"] != closed for c in CHECKLISTS.values() for s in c["sections"])


def test_the_diagrams_labels_are_labels_to_consider_not_tasks(site_dir: Path) -> None:
    data = CHECKLISTS["stage-2-case-formulation"]
    labelled = [
        s
        for s in data["sections"]
        if s["id"] in {"persistence", "desistence", "thought-feeling-action"}
    ]
    assert len(labelled) == 3
    page = page_text(site_dir, "assessment/stage-2-case-formulation.md")
    credit = (
        "on the case-formulation diagram (eastman, hanson & swann, 2017; property of nota 2019)"
    )
    for section in labelled:
        # The labelling is in the section's title; the items are the labels, to tick.
        assert credit in normalise(section["title"]), section["id"]
        for item in section["items"]:
            text = normalise(item["text"])
            assert not text.startswith("consider"), item["id"]
            assert len(text.split()) <= 4, item["id"]
            assert text in page
    assert "for the practitioner to consider" in normalise(data["intro"])


# ── Framing, structure and silent corrections ────────────────────────────────
def test_definitions_mark_the_handbooks_own_link_to_the_research(site_dir: Path) -> None:
    article = soup(built_page(site_dir, "guidance/definitions.md")).select_one("article")
    assert article is not None
    opening = normalise(article.select("p")[0].get_text(" "))
    assert "underpin" not in opening
    assert "research" not in opening
    notes = article.select_one("#source-definitions-ta-hsb .hb-source-wording__notes")
    assert notes is not None
    assert "do not tie the definitions to the research" in normalise(notes.get_text(" "))
    assert "no text under it" not in page_text(site_dir, "guidance/definitions.md")
    research = page_text(site_dir, "guidance/research-base.md")
    assert "defined on the definitions page" not in research
    assert '"ta-hsb only"' in research


def test_the_dark_web_is_not_under_recognising_responding(site_dir: Path) -> None:
    for src in ("assessment/index.md", "prompts/index.md"):
        article = soup(built_page(site_dir, src)).select_one("article")
        assert article is not None
        intro = next(
            p for p in article.select("p") if "recognising / responding" in normalise(p.get_text())
        )
        listed = intro.find_next_sibling("ul")
        assert listed is not None
        entries = [normalise(li.get_text(" ")) for li in listed.select("li")]
        assert len(entries) == 3, src
        assert not any("dark web" in e for e in entries), src
    home = soup(built_page(site_dir, "index.md"))
    for tip in home.select(".hb-term__tip"):
        tip.decompose()
    prompt_lists = next(
        dd
        for dd in home.select("article dd")
        if "recognising and responding" in dd.get_text().casefold()
    )
    text = normalise(prompt_lists.get_text(" "))
    assert "pornography use, sexting and accessing indecent images of children" in text
    row = next(
        tr
        for tr in soup(built_page(site_dir, "prompts/index.md")).select("article tr")
        if "the dark web" in tr.get_text().casefold()
    )
    scenario = normalise(row.select("td")[1].get_text(" "))
    assert "have the accessed" not in scenario
    assert "no scenario" in scenario


def test_about_says_which_spellings_are_normalised_without_comment(site_dir: Path) -> None:
    about = page_text(site_dir, "reference/about.md")
    assert "normalised without comment" in about
    assert '"young persons own vulnerability" becomes "young person\'s own vulnerability"' in about
    dark = page_text(site_dir, "prompts/dark-web.md")
    assert "young person's own vulnerability" in dark
