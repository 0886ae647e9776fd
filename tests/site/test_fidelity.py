"""Fidelity: the source's key figures, terms, cases and prompts are all in the built handbook.

Each entry is a phrase drawn from a section of the source slides
(``../shared/source/ta-hsb-guidance-slides.txt``) that a faithful write-up must
carry. Matching ignores case, whitespace and typographic quotes and dashes. The
handbook's own prose must carry them: the "Source wording" blocks (the slides'
text itself) are left out of the text searched.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.site.reading import article_text, nav, normalise

FIDELITY: dict[str, list[str]] = {
    "Opening quotation and research reports": [
        "No issue is more pressing for contemporary child protection than the role of the internet in facilitating child sexual abuse",
        "Independent Inquiry into Child Sexual Abuse",
        "Impact and Evidence Hub",
    ],
    "Definitions": [
        "one or more children engaging in sexual discussions or acts",
        "image-creating",
        "given their age or stage of development",
        "broad continuum",
        "online child sexual abuse and/or exploitation",
        "British Board of Film Classification",
        "developmental, emotional and social needs",
        "no online or technological element",
        "flashing",
        "sometimes, but not always, interlinked",
    ],
    "Research base": [
        "January 2000",
        "June 2015",
        "453",
        "young males with IIOC offences",
        "contact sexual offending",
        "Turn the Page",
        "275",
        "21 TA-HSB cases",
        "35",
    ],
    "Key finding 1": [
        "Practice Guidance pages 12 to 16",
        "Developmentally inappropriate use of adult pornography",
        "DIP",
        "Showing another young person developmentally inappropriate pornography",
        "Technology-assisted sexual grooming",
        "Sexual harassment and sexual solicitation",
        "Sexual abuse of children online",
        "sexually explicit stories",
        "adult sex lines",
        "Ben, 15",
        "from the age of 8",
        "fake Facebook accounts",
        "chat rooms",
    ],
    "Key finding 2": [
        "7%",
        "40%",
        "referral thresholds",
        "very small overlap",
        "16/35",
        "19/35",
        "around 9 years of age",
        "Half started their HSB by looking at pornography",
        "56%",
        "three years earlier",
        "approx. 10 versus 13 years of age",
        "almost 2 years earlier",
        "around 11 years of age",
        "Only 2 (of 19)",
        "68%",
        "21%",
        "26%",
        "around 1/5",
        "non-existent",
        "largely uncertain",
        "exercise caution in risk predictions",
        "Connor, 15",
        "Youth Conditional Caution",
        "wanted to try out",
        "X-Box",
    ],
    "Key finding 3": [
        "15.8",
        "13.7",
        "childhood stability",
        "positive parental relationships",
        "impulsivity",
        "emotional regulation",
        "A quarter",
        "100% social care involvement",
        "Luke, 14",
        "Grade A",
        "Affluent family",
        "No history of agency involvement",
        "fake personas",
        "Significant impact on victims",
    ],
    "Scope of the guidance": [
        "Not yet addressed in standard HSB risk tools",
        "Supplements existing risk tools",
        "AIM3",
        "J-SOAP-II",
        "ERASOR 2.0",
        "aged 12 to 18",
        "learning disabilities",
        "with caution",
    ],
    "Assessment stages": [
        "Information gathering",
        "case formulation",
        "Safety planning",
        "Developmental factors",
        "Family factors",
        "Environmental factors",
        "Neuropsychology",
        "Vulnerability",
        "Why now?",
        "Facilitation",
        "Persistence",
        "Desistence",
        "Thought",
        "Feeling",
        "Action",
        "re-evaluate the case formulation",
        "change the safety plan",
        "restrictions",
        "enhancements",
        "early warning signs",
        "Interventions",
        "Property of NOTA 2019",
    ],
    "Prompts: pornography": [
        "developmentally typical",
        "by the age of 15 years",
        "Lim et al., 2017",
        "accidental access or desensitisation",
        "sexually coercive behaviour",
        "Klaassen and Peter, 2015",
        "Bridges et al., 2010",
        "At what age did the young person begin viewing pornography?",
        "What were the early influences?",
        "to the detriment of other activities",
        "Triggers for progression to more extreme/illegal pornography",
        "processing own victimi",
        "sensation seeking",
    ],
    "Prompts: sexting": [
        "normative adolescent experience",
        "Fisher et al., 2019",
        "Smith, Mitchell, Barrett and Pitts, 2009",
        "Mitchell et al., 2014",
        "youth produced sexual imagery",
        "age-appropriate sexual experimentation",
        "Horvath et al., 2013",
        "McGeeney and Hanson, 2017",
        "sextortion",
        "Wittes, Poplin, Jurecic and Spera, 2016",
        "Klettke et al., 2014",
        "The nature of the messages",
        "coercion, bribery, persistence, manipulation",
        "Malicious intent",
        "Sharing beyond",
        "Power imbalance",
    ],
    "Prompts: IIOC": [
        "pseudo-photographs",
        "live streaming",
        "possession",
        "making",
        "experimental",
        "under 18",
        "Peer-to-peer",
        "category",
        "Hentai",
        "catalogued",
        "routinely deleted",
        "pre-pubescent",
        "Seto, 2015",
        "sexual preoccupation",
        "file sharing",
    ],
    "Prompts: dark web": [
        "not illegal",
        "curiosity",
        "drawn to risk-taking behaviour",
        "trauma response",
        "encryption tool",
        "phone",
        "radicalisation",
        "Hacking",
        "weapons",
        "illegal substances",
        "thinkuknow",
    ],
}

ITEMS = [(section, phrase) for section, phrases in FIDELITY.items() for phrase in phrases]


def test_fidelity_list_is_broad() -> None:
    assert len(ITEMS) >= 60
    assert len(FIDELITY) >= 10


@pytest.fixture(scope="module")
def handbook_text(site_dir: Path) -> str:
    return " ".join(article_text(site_dir, src, source_wording=False) for src in nav())


@pytest.mark.parametrize(("section", "phrase"), ITEMS, ids=[f"{s}: {p[:40]}" for s, p in ITEMS])
def test_source_phrase_is_in_the_handbook(handbook_text: str, section: str, phrase: str) -> None:
    assert normalise(phrase) in handbook_text
