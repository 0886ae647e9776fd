"""An organisation's local content as escaped HTML (templates/local.html: contacts, the
local-page notice, practice notes, review dates, the data-driven parts of the accessibility
statement, what it and the privacy notice say about the offline copy)."""

from __future__ import annotations

import datetime as dt
import re

from markupsafe import Markup

from ..data.local_models import LocalOverlay
from .html import macros


def long_date(day: dt.date) -> str:
    """``28 November 2026``."""
    return f"{day.day} {day:%B %Y}"


TEMPLATE = macros(
    "local.html",
    long_date=long_date,
    PHONE=re.compile(r"\+?[0-9][0-9 ()-]*"),
    NOT_DIALLED=re.compile(r"[^0-9+]"),
    EMAIL=re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"),
)


def contacts_text(overlay: LocalOverlay) -> str:
    """A one-line summary for printed footers and PDFs."""
    parts = [": ".join(p for p in (c.role, c.name, c.phone) if p) for c in overlay.contacts]
    if overlay.out_of_hours:
        parts.append(f"Out of hours: {overlay.out_of_hours}")
    return f"{overlay.organisation} — " + "; ".join(parts)


def notice_html(organisation: str) -> Markup:
    """The notice on every local page, on screen and on paper."""
    return TEMPLATE.notice(organisation)


def note_html(organisation: str, text: str) -> Markup:
    """A local practice note: a labelled box, distinct from the guidance's admonitions."""
    return TEMPLATE.note(organisation, text)
