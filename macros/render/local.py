"""An organisation's local content as escaped HTML (templates/local.html: contacts, the
local-page notice, practice notes, review dates, the data-driven parts of the accessibility
statement), and what the privacy notice and the statement say about the offline copy."""

from __future__ import annotations

import datetime as dt
import re

from markupsafe import Markup, escape

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
