"""An organisation's local content as escaped HTML (templates/local.html: contacts, the
local-page notice, practice notes, review dates, the data-driven parts of the accessibility
statement, what it and the privacy notice say about the offline copy)."""

from __future__ import annotations

import datetime as dt
import re

from markupsafe import Markup

from ..data.local_models import LocalOverlay
from ..data.results import A11yResults, PdfResults
from .html import macros

PHONE = re.compile(r"\+?[0-9][0-9 ()-]*")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")


def long_date(day: dt.date) -> str:
    """``28 November 2026``."""
    return f"{day.day} {day:%B %Y}"


def tel(phone: str) -> str | None:
    """A tel: link for a well-formed number only."""
    return "tel:" + re.sub(r"[^0-9+]", "", phone) if PHONE.fullmatch(phone) else None


def mailto(email: str) -> str | None:
    return f"mailto:{email}" if EMAIL.fullmatch(email) else None


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


TEMPLATE = macros("local.html", long_date=long_date, tel=tel, mailto=mailto, paragraphs=paragraphs)


def contacts_text(overlay: LocalOverlay) -> str:
    """A one-line summary for printed footers and PDFs."""
    parts = [": ".join(p for p in (c.role, c.name, c.phone) if p) for c in overlay.contacts]
    if overlay.out_of_hours:
        parts.append(f"Out of hours: {overlay.out_of_hours}")
    return f"{overlay.organisation} — " + "; ".join(parts)


def count(n: int, what: str) -> str:
    return f"{n} {what}{'' if n == 1 else 's'}"


def _clean(pdf: PdfResults | None) -> bool:
    return pdf is not None and pdf.errors == pdf.warnings == 0 and not pdf.exceptions


def compliance(r: A11yResults, overlay: LocalOverlay | None, build_date: dt.date) -> Markup:
    return TEMPLATE.compliance(r.violations == 0 and not r.exceptions and _clean(r.pdf))


def results(r: A11yResults, overlay: LocalOverlay | None, build_date: dt.date) -> Markup:
    rows = (
        ("Tool", f"axe-core {r.axe_core}"),
        ("Tested on", long_date(r.tested)),
        ("Rule sets", ", ".join(r.tags)),
        ("Pages checked", r.pages),
        ("Palettes", ", ".join(r.palettes)),
        ("Result", count(r.violations, "violation") if r.violations else "no violations"),
    )
    return TEMPLATE.figures(rows, "States checked, besides each page as it loads:", r.states)


def pdf_results(r: A11yResults, overlay: LocalOverlay | None, build_date: dt.date) -> Markup:
    pdf = r.pdf
    if pdf is None:
        return TEMPLATE.pdf_unchecked()
    files = ", ".join(f.rpartition("/")[2] for f in pdf.files)
    problems = count(len(pdf.exceptions), "problem")
    outcome = f"{count(pdf.errors, 'error')}, {count(pdf.warnings, 'warning')}; {problems} in all"
    rows = (
        ("Tool", f"{pdf.checker} ({pdf.standard} rules it can check)"),
        ("Tested on", long_date(pdf.tested)),
        ("Files checked", f"{len(pdf.files)}: {files}"),
        ("Result", "no errors or warnings" if _clean(pdf) else outcome),
    )
    return TEMPLATE.figures(rows, "Checked in every PDF besides the tool's rules:", pdf.checks)


def exceptions(r: A11yResults, overlay: LocalOverlay | None, build_date: dt.date) -> Markup:
    pdf = r.pdf.exceptions if r.pdf else ("The PDFs have not been checked for accessibility.",)
    return TEMPLATE.exceptions([*r.exceptions, *pdf])


def contact(r: A11yResults, overlay: LocalOverlay | None, build_date: dt.date) -> Markup:
    if overlay is None:
        return TEMPLATE.contact("the organisation that hosts this copy of the handbook", None)
    details = overlay.accessibility
    return TEMPLATE.contact(overlay.organisation, details.contact if details else None)


def prepared(r: A11yResults, overlay: LocalOverlay | None, build_date: dt.date) -> Markup:
    details = overlay.accessibility if overlay else None
    day = details.prepared if details and details.prepared else build_date
    return TEMPLATE.prepared(long_date(day), long_date(r.tested))


# The data-driven parts of the accessibility statement (docs/reference/accessibility.md),
# each from the results, the overlay and the build date.
PARTS = {f.__name__: f for f in (compliance, results, pdf_results, exceptions, contact, prepared)}
OFFLINE = {"privacy": TEMPLATE.offline_privacy, "accessibility": TEMPLATE.offline_accessibility}
