"""Render functions: exact HTML for given data, and escaping of everything from data."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import cast

import pytest
from bs4 import BeautifulSoup
from markupsafe import Markup

from macros.data.edition import Edition
from macros.data.glossary import Glossary
from macros.data.local_models import Contact, LocalOverlay
from macros.data.models import CASE_FIELDS, Checklist, GlossaryEntry, Reference
from macros.data.state import State
from macros.pages.links import Links
from macros.pages.reference import ReferenceMacros
from macros.render import glossary, local
from macros.render.html import CHECKLIST, CITATIONS

LIM = Reference(key="lim-2017", authors="Lim et al.", year=2017, cited_for="Exposure by 15.")
IIOC = GlossaryEntry(
    id="iioc",
    term="Indecent images of children",
    abbreviation="IIOC",
    short="Images of a child under 18 that are indecent.",
    definition="Includes images, video clips and pseudo-photographs.",
)
PRIVACY = (
    "Anything you tick or type here stays in this browser tab only: it is never sent "
    "anywhere, and it is gone when you close the tab."
)
SMALL = Checklist.model_validate(
    {
        "id": "demo",
        "title": "Demo <list>",
        "page": "demo.md",
        "cite": ["lim-2017"],
        "sections": [
            {
                "id": "one",
                "title": "First & only",
                "items": [{"id": "a", "text": "Is it <b>safe</b>?"}],
            }
        ],
    }
)


def test_cite_html_is_an_author_year_link() -> None:
    html = CITATIONS.cite([(LIM, "../reference/references/#ref-lim-2017")])
    assert (
        str(html)
        == '<a href="../reference/references/#ref-lim-2017" class="hb-cite">Lim et al., 2017</a>'
    )


def test_cite_html_joins_several_with_semicolons() -> None:
    seto = Reference(key="seto-2015", authors="Seto", year=2015, cited_for="Peers.")
    html = CITATIONS.cite([(LIM, "#a"), (seto, "#b")])
    assert str(html) == (
        '<a href="#a" class="hb-cite">Lim et al., 2017</a>; <a href="#b" class="hb-cite">Seto, 2015</a>'
    )


def test_a_citation_the_handbook_attributes_itself_carries_a_mark_to_one_note() -> None:
    nspcc = Reference(
        key="nspcc-2017-report",
        publisher="NSPCC",
        year=2017,
        cited_for="An address.",
        attribution="<b>Ours</b> & not the slides'.",
    )
    html = str(CITATIONS.cite([(nspcc, "../reference/references/#ref-nspcc-2017-report")]))
    assert html == (
        '<a href="../reference/references/#ref-nspcc-2017-report" class="hb-cite">NSPCC, 2017</a>'
        '<sup class="hb-cite__mark"><a href="../reference/references/#attribution-nspcc-2017-report"'
        ' aria-label="Attribution note" title="Attribution note">†</a></sup>'
    )
    entry = str(CITATIONS.entry(nspcc, []))
    assert (
        '<p id="attribution-nspcc-2017-report" class="hb-ref__attribution">'
        '<span class="hb-ref__label">Attribution note (†): </span>'
        "&lt;b&gt;Ours&lt;/b&gt; &amp; not the slides&#39;.</p>"
    ) in entry
    assert "attribution-" not in str(CITATIONS.entry(LIM, []))


def test_reference_entry_lists_cited_on_pages() -> None:
    html = str(CITATIONS.entry(LIM, [("Pornography", "../prompts/pornography/")]))
    assert html.startswith('<div id="ref-lim-2017" class="hb-ref">')
    assert "<strong>Lim et al. (2017).</strong>" in html
    assert 'Cited on: </span><a href="../prompts/pornography/">Pornography</a>' in html


def test_reference_without_year_has_no_empty_brackets() -> None:
    ref = Reference(
        key="iicsa", authors="Independent Inquiry into Child Sexual Abuse", cited_for="Quote."
    )
    assert ref.label == "Independent Inquiry into Child Sexual Abuse"
    assert "()" not in str(CITATIONS.entry(ref, []))


def test_term_html_has_link_abbr_and_described_tooltip() -> None:
    html = str(glossary.TEMPLATE.term(IIOC, "IIOC", "../reference/glossary/#iioc", "hb-tip-1"))
    assert html == (
        '<span class="hb-term"><a href="../reference/glossary/#iioc" class="hb-term__link" '
        'aria-describedby="hb-tip-1"><abbr title="Indecent images of children">IIOC</abbr></a>'
        '<span id="hb-tip-1" role="tooltip" class="hb-term__tip" hidden data-search-exclude>'
        "Indecent images of children (IIOC): Images of a child under 18 that are indecent.</span></span>"
    )


def test_term_html_without_abbreviation_shows_text_as_written() -> None:
    html = str(glossary.TEMPLATE.term(IIOC, "indecent images", "#x", "t"))
    assert "<abbr" not in html
    assert ">indecent images</a>" in html


def test_glossary_page_has_letter_index_anchors_and_backlinks() -> None:
    sexting = GlossaryEntry(
        id="sexting",
        term="Sexting",
        short="s",
        definition="d",
        related=("iioc",),
        explained="prompts/sexting.md#what",
    )
    state = SimpleNamespace(
        glossary=Glossary((sexting, IIOC), {}),
        usage=SimpleNamespace(
            terms={"iioc": ["prompts/iioc.md"]},
            titles={"prompts/iioc.md": "IIOC prompts", "prompts/sexting.md": "Sexting"},
        ),
        search_aids=SimpleNamespace(spellings={}),
        directory_urls=True,
    )
    macros = ReferenceMacros(cast(State, state), Links(cast(State, state)))
    html = str(macros.glossary_page(SimpleNamespace(url="reference/glossary/")))
    assert '<a href="#letter-i">I</a>' in html
    assert '<a href="#letter-s">S</a>' in html
    assert html.index('id="iioc"') < html.index('id="sexting"')
    assert 'Used on: </span><a href="../../prompts/iioc/">IIOC prompts</a>' in html
    assert (
        '<p class="hb-gloss__explained" data-search-exclude><span class="hb-gloss__label">'
        'Explained on: </span><a href="../../prompts/sexting/#what">Sexting</a></p>'
    ) in html
    assert '<a href="#iioc">Indecent images of children (IIOC)</a>' in html


def _no_terms(item: object) -> None:
    return None


LINKS = {"pdf": "x.pdf", "print_view": "print/", "source": Markup("Lim")}


def test_screen_checklist_escapes_and_labels_every_checkbox() -> None:
    html = str(CHECKLIST.screen(SMALL, _no_terms, **LINKS))
    assert '<input type="checkbox" id="cl-demo-a" name="a" class="hb-checklist__box">' in html
    assert (
        '<label for="cl-demo-a" class="hb-checklist__label">Is it &lt;b&gt;safe&lt;/b&gt;?</label>'
        in html
    )
    assert '<label for="cl-demo-one-notes">Notes: First &amp; only</label>' in html
    assert "0 of 1 covered" in html
    assert PRIVACY in html
    assert "<b>" not in html


def test_paper_checklist_fillable_names_every_field() -> None:
    html = str(CHECKLIST.paper(SMALL, "Lim et al., 2017", "v1", fillable=True))
    assert html.count('type="checkbox"') == 1
    assert 'name="demo.a"' in html
    for name, _ in CASE_FIELDS:
        assert f'name="demo.{name}"' in html
    assert 'name="demo.one-notes"' in html
    assert "Demo &lt;list&gt; · v1" in html


def test_paper_checklist_for_print_has_boxes_not_fields() -> None:
    html = str(CHECKLIST.paper(SMALL, "Lim", "v1", fillable=False))
    assert "<input" not in html
    assert "<textarea" not in html
    assert html.count("hb-paper__box") == 1


def test_contacts_html_without_overlay_is_a_neutral_notice() -> None:
    html = str(local.TEMPLATE.contacts(None))
    assert "no local contacts" in html
    assert "tel:" not in html


def test_edition_line() -> None:
    edition = Edition("1.2.3", "Guidance 2017", dt.date(2026, 1, 2), "abc123")
    assert (
        edition.line
        == "Handbook version 1.2.3 · Guidance edition: Guidance 2017 · Built 2026-01-02 · commit abc123"
    )


@pytest.mark.parametrize(
    ("phone", "email", "links"),
    [
        ("01234 567890", "lead@example.org", ["tel:01234567890", "mailto:lead@example.org"]),
        (
            "+44 (0)1234 567-890",
            "a.b+c@council.gov.uk",
            ["tel:+4401234567890", "mailto:a.b+c@council.gov.uk"],
        ),
        ('0123" onclick="x', "a@b.org<script>", []),
        ("ask reception", "see intranet", []),
    ],
)
def test_contact_links_only_for_well_formed_numbers_and_addresses(
    phone: str, email: str, links: list[str]
) -> None:
    overlay = LocalOverlay(
        organisation="Org", contacts=[Contact(role="Lead", phone=phone, email=email)]
    )
    html = BeautifulSoup(str(local.TEMPLATE.contacts(overlay)), "html.parser")
    assert [a["href"] for a in html.select("a")] == links
    assert phone in html.get_text()
    assert email in html.get_text()
