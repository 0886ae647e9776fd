"""An organisation's local content as escaped HTML (contacts, the local-page notice, practice
notes, review dates), and the data-driven parts of the accessibility statement and the
privacy notice. Everything from the overlay or the results is plain text."""

from __future__ import annotations

import datetime as dt
import posixpath
import re

from markupsafe import Markup, escape

from ..data.local_models import AccessibilityDetails, Contact, LocalOverlay, Review
from ..data.results import A11yResults, PdfResults
from .html import el, lines

NO_OVERLAY = (
    "This copy of the handbook has no local contacts. Use your own organisation’s "
    "safeguarding procedures and contacts. If your organisation hosts this handbook, "
    "it can add its safeguarding lead, phone numbers, out-of-hours service and referral "
    "route here with a local overlay file (see “Hosting your own copy” in the README)."
)
PHONE = re.compile(r"\+?[0-9][0-9 ()-]*")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")

# What the privacy notice and the accessibility statement say about the offline copy (the
# service worker of macros/hooks/offline.py), by part and whether it is on.
OFFLINE = {
    ("privacy", True): (
        "When you open this copy from its website, your browser keeps a copy of the "
        "handbook's own files on your device, in its storage for this site: the pages, "
        "styles, scripts, icons, search index and PDFs of this edition, so that you can read "
        "the handbook, search it and open its PDFs without a network. It holds nothing you "
        "type or tick, and nothing from any other site. When a new edition is published, "
        "the new files replace the old ones. Clearing this site's data in your browser "
        "removes them."
    ),
    ("privacy", False): (
        "This copy keeps no copy of the handbook on your device for reading offline: the "
        "organisation that hosts it has turned that off. If an earlier edition left one in "
        "your browser, it is removed the next time you open the handbook."
    ),
    ("accessibility", True): (
        "read the handbook without a network after one visit from its website: your browser "
        "keeps this edition's pages and PDFs on your device (nothing you type is kept there); "
        "the page footer says when you are reading offline, and a message at the top of "
        "every page, announced by screen readers, says when a new edition is ready"
    ),
    ("accessibility", False): (
        "read the handbook's pages as soon as they are published: a message at the top of "
        "every page, announced by screen readers, says when a new edition is ready"
    ),
}


def offline_text(part: str, on: bool) -> Markup | None:
    """The privacy notice's or the accessibility statement's wording; None for another part."""
    text = OFFLINE.get((part, on))
    return None if text is None else escape(text)


def long_date(day: dt.date) -> str:
    """``28 November 2026``."""
    return f"{day.day} {day:%B %Y}"


def _link(text: str, pattern: re.Pattern[str], href: str) -> Markup:
    """A ``tel:``/``mailto:`` link for a well-formed value; anything else stays plain text."""
    return el("a", text, href=href) if pattern.fullmatch(text) else el("span", text)


def _details(c: Contact) -> list[Markup]:
    phone = c.phone and ["Phone: ", _link(c.phone, PHONE, "tel:" + re.sub(r"[^0-9+]", "", c.phone))]
    email = c.email and ["Email: ", _link(c.email, EMAIL, f"mailto:{c.email}")]
    hours = c.hours and f"Hours: {c.hours}"
    return [el("dd", part) for part in (c.name, phone, email, hours, c.notes) if part]


def contacts_html(overlay: LocalOverlay | None) -> Markup:
    """The Local contacts page body."""
    if overlay is None:
        return el("div", el("p", NO_OVERLAY), class_="hb-local hb-local--none")
    extra = (("Out of hours: ", overlay.out_of_hours), ("Referral route: ", overlay.referral_route))
    return el(
        "div",
        lines(
            el("p", f"Local contacts for {overlay.organisation}.", class_="hb-local__org"),
            el("dl", lines(*(lines(el("dt", c.role), *_details(c)) for c in overlay.contacts))),
            *(el("p", el("strong", label), text) for label, text in extra if text),
        ),
        class_="hb-local",
    )


def contacts_text(overlay: LocalOverlay) -> str:
    """A one-line summary for printed footers and PDFs."""
    parts = [": ".join(p for p in (c.role, c.name, c.phone) if p) for c in overlay.contacts]
    if overlay.out_of_hours:
        parts.append(f"Out of hours: {overlay.out_of_hours}")
    return f"{overlay.organisation} — " + "; ".join(parts)


def notice_html(organisation: str) -> Markup:
    """The notice on every local page, on screen and on paper."""
    return Markup(
        '<div class="hb-local-notice" role="note"><p><strong>Local resource</strong> — added by '
        "{}, not part of the TA-HSB practice guidance.</p></div>"
    ).format(organisation)


def note_html(organisation: str, text: str) -> Markup:
    """A local practice note: a labelled box, distinct from the guidance's admonitions."""
    title = f"Local practice note ({organisation})"
    paragraphs = (el("p", p.strip()) for p in text.split("\n\n") if p.strip())
    return el(
        "aside",
        lines(el("p", title, class_="hb-practice-note__title"), *paragraphs),
        class_="hb-practice-note",
        aria_label=title,
    )


def _rows(tag: str, rows: tuple[tuple[str, str | Markup], ...]) -> Markup:
    """``<dt>``/``<dd>`` pairs, or (``tag`` "th") table rows with a heading each."""
    if tag == "dt":
        return lines(*(lines(el("dt", k), el("dd", v)) for k, v in rows))
    return lines(*(el("tr", el("th", k, scope="row"), el("td", v)) for k, v in rows))


def _time(day: dt.date) -> Markup:
    return el("time", long_date(day), datetime=str(day))


def review_html(organisation: str, review: Review | None) -> Markup:
    """Who reviews this copy and when; nothing when the overlay gives no review dates."""
    if review is None:
        return Markup("")
    rows = (
        ("Responsible", review.responsible_role),
        ("Last reviewed", _time(review.last_review)),
        ("Next planned review", _time(review.next_review)),
    )
    title = el("p", f"Local review of this copy by {organisation}", class_="hb-review__title")
    return el("div", lines(title, el("dl", _rows("dt", rows))), class_="hb-review")


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'' if n == 1 else 's'}"


def _pdf_clean(pdf: PdfResults | None) -> bool:
    return pdf is not None and pdf.errors == pdf.warnings == 0 and not pdf.exceptions


def _results(rows: tuple[tuple[str, str], ...], checked: str, items: tuple[str, ...]) -> Markup:
    table = el("table", el("tbody", _rows("th", rows)), class_="hb-a11y-results")
    return lines(table, el("p", checked), _list(items))


def _list(items: tuple[str, ...]) -> Markup:
    return el("ul", lines(*(el("li", item) for item in items)))


def results_html(results: A11yResults) -> Markup:
    """The web pages' figures: tool, version, what was checked, and the result."""
    rows = (
        ("Tool", f"axe-core {results.axe_core}"),
        ("Tested on", long_date(results.tested)),
        ("Rule sets", ", ".join(results.tags)),
        ("Pages checked", str(results.pages)),
        ("Palettes", ", ".join(results.palettes)),
        (
            "Result",
            _count(results.violations, "violation") if results.violations else "no violations",
        ),
    )
    return _results(rows, "States checked, besides each page as it loads:", results.states)


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
    files = ", ".join(posixpath.basename(f) for f in pdf.files)
    rows = (
        ("Tool", f"{pdf.checker} ({pdf.standard} rules it can check)"),
        ("Tested on", long_date(pdf.tested)),
        ("Files checked", f"{len(pdf.files)}: {files}"),
        ("Result", outcome),
    )
    return _results(rows, "Checked in every PDF besides the tool's rules:", pdf.checks)


def compliance_html(results: A11yResults) -> Markup:
    if results.violations == 0 and not results.exceptions and _pdf_clean(results.pdf):
        return el(
            "p",
            "The automated checks described below found no failures of the WCAG 2.2 "
            "level A and AA rules they test on the web pages, and none of the PDF/UA-1 "
            "rules they test in the PDFs. Automated checks cannot find every "
            "accessibility problem, and this website has not had a manual audit, so it "
            "does not claim full compliance.",
        )
    return el(
        "p",
        "This website is partially compliant with the Web Content Accessibility "
        "Guidelines version 2.2 AA standard, due to the non-compliances listed below.",
    )


def exceptions_html(results: A11yResults) -> Markup:
    pdf = results.pdf
    unchecked = ("The PDFs have not been checked for accessibility.",)
    found = (*results.exceptions, *(pdf.exceptions if pdf else unchecked))
    if not found:
        return el("p", "The project's own checks found no content that is not accessible.")
    return _list(found)


def contact_html(organisation: str | None, details: AccessibilityDetails | None) -> Markup:
    if details and details.contact:
        who = organisation or "the organisation hosting this copy"
        return el("p", f"Contact {who}: {details.contact}")
    who = organisation or "the organisation that hosts this copy of the handbook"
    return el(
        "p",
        "If you find a problem not listed on this page, or need information in a different "
        f"format, contact {who}.",
    )


def prepared_html(
    results: A11yResults, details: AccessibilityDetails | None, build_date: dt.date
) -> Markup:
    prepared = details.prepared if details and details.prepared else build_date
    return el(
        "p",
        f"This statement was prepared on {long_date(prepared)}. The figures on this page "
        "come from the project's automated accessibility tests, last run on "
        f"{long_date(results.tested)}.",
    )
