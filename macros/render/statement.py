"""The accessibility statement's data-driven parts, from the results the tests measured."""

from __future__ import annotations

import datetime as dt
import posixpath

from markupsafe import Markup

from ..data.local_models import AccessibilityDetails
from ..data.results import A11yResults, PdfResults
from .html import el, lines
from .overlay import long_date


def _list(items: tuple[str, ...]) -> Markup:
    return el("ul", lines(*(el("li", item) for item in items)))


def results_html(results: A11yResults) -> Markup:
    """The technical figures: tool, version, what was checked, and the result."""
    outcome = (
        "no violations"
        if results.violations == 0
        else f"{results.violations} violation{'s' if results.violations != 1 else ''}"
    )
    return lines(
        el(
            "table",
            el(
                "tbody",
                lines(
                    el(
                        "tr",
                        el("th", "Tool", scope="row"),
                        el("td", f"axe-core {results.axe_core}"),
                    ),
                    el(
                        "tr",
                        el("th", "Tested on", scope="row"),
                        el("td", long_date(results.tested)),
                    ),
                    el("tr", el("th", "Rule sets", scope="row"), el("td", ", ".join(results.tags))),
                    el("tr", el("th", "Pages checked", scope="row"), el("td", str(results.pages))),
                    el(
                        "tr",
                        el("th", "Palettes", scope="row"),
                        el("td", ", ".join(results.palettes)),
                    ),
                    el("tr", el("th", "Result", scope="row"), el("td", outcome)),
                ),
            ),
            class_="hb-a11y-results",
        ),
        el("p", "States checked, besides each page as it loads:"),
        _list(results.states),
    )


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'' if n == 1 else 's'}"


def _pdf_clean(pdf: PdfResults | None) -> bool:
    return pdf is not None and pdf.errors == pdf.warnings == 0 and not pdf.exceptions


def pdf_results_html(results: A11yResults) -> Markup:
    """The PDFs' figures, as :func:`results_html` gives the web pages'."""
    pdf = results.pdf
    if pdf is None:
        return el("p", "The results file has no results for the PDFs: they were not checked.")
    outcome = (
        "no errors or warnings"
        if _pdf_clean(pdf)
        else f"{_count(pdf.errors, 'error')}, {_count(pdf.warnings, 'warning')}; "
        f"{_count(len(pdf.exceptions), 'problem')} in all"
    )
    rows = (
        ("Tool", f"{pdf.checker} ({pdf.standard} rules it can check)"),
        ("Tested on", long_date(pdf.tested)),
        (
            "Files checked",
            f"{len(pdf.files)}: " + ", ".join(posixpath.basename(f) for f in pdf.files),
        ),
        ("Result", outcome),
    )
    return lines(
        el(
            "table",
            el("tbody", lines(*(el("tr", el("th", k, scope="row"), el("td", v)) for k, v in rows))),
            class_="hb-a11y-results",
        ),
        el("p", "Checked in every PDF besides the tool's rules:"),
        _list(pdf.checks),
    )


def compliance_html(results: A11yResults) -> Markup:
    if results.violations == 0 and not results.exceptions and _pdf_clean(results.pdf):
        text = (
            "The automated checks described below found no failures of the WCAG 2.2 "
            "level A and AA rules they test on the web pages, and none of the PDF/UA-1 "
            "rules they test in the PDFs. Automated checks cannot find every "
            "accessibility problem, and this website has not had a manual audit, so it "
            "does not claim full compliance."
        )
    else:
        text = (
            "This website is partially compliant with the Web Content Accessibility "
            "Guidelines version 2.2 AA standard, due to the non-compliances listed below."
        )
    return el("p", text)


def exceptions_html(results: A11yResults) -> Markup:
    pdf = results.pdf
    found = (
        *results.exceptions,
        *(pdf.exceptions if pdf else ("The PDFs have not been checked for accessibility.",)),
    )
    if not found:
        return el("p", "The project's own checks found no content that is not accessible.")
    return _list(found)


def contact_html(organisation: str | None, details: AccessibilityDetails | None) -> Markup:
    if details and details.contact:
        return el(
            "p",
            f"Contact {organisation or 'the organisation hosting this copy'}: {details.contact}",
        )
    who = organisation or "the organisation that hosts this copy of the handbook"
    return el(
        "p",
        f"If you find a problem not listed on this page, or need information in a different "
        f"format, contact {who}.",
    )


def prepared_html(
    results: A11yResults, details: AccessibilityDetails | None, build_date: dt.date
) -> Markup:
    prepared = details.prepared if details and details.prepared else build_date
    return el(
        "p",
        f"This statement was prepared on {long_date(prepared)}. The figures on this page "
        f"come from the project's automated accessibility tests, last run on "
        f"{long_date(results.tested)}.",
    )
