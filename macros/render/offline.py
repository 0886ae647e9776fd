"""What the privacy notice and the accessibility statement say about the offline copy
(the service worker of macros/hooks/offline.py), for a copy with it on or off."""

from __future__ import annotations

from markupsafe import Markup, escape

PRIVACY_ON = (
    "When you open this copy from its website, your browser keeps a copy of the "
    "handbook's own files on your device, in its storage for this site: the pages, "
    "styles, scripts, icons, search index and PDFs of this edition, so that you can read "
    "the handbook, search it and open its PDFs without a network. It holds nothing you "
    "type or tick, and nothing from any other site. When a new edition is published, "
    "the new files replace the old ones. Clearing this site's data in your browser "
    "removes them."
)
PRIVACY_OFF = (
    "This copy keeps no copy of the handbook on your device for reading offline: the "
    "organisation that hosts it has turned that off. If an earlier edition left one in "
    "your browser, it is removed the next time you open the handbook."
)
ACCESSIBILITY_ON = (
    "read the handbook without a network after one visit from its website: your browser "
    "keeps this edition's pages and PDFs on your device (nothing you type is kept there); "
    "the page footer says when you are reading offline, and a message at the top of "
    "every page, announced by screen readers, says when a new edition is ready"
)
ACCESSIBILITY_OFF = (
    "read the handbook's pages as soon as they are published: a message at the top of "
    "every page, announced by screen readers, says when a new edition is ready"
)


def offline_text(part: str, on: bool) -> Markup | None:
    """The privacy notice's or the accessibility statement's wording; None for another part."""
    texts = {
        "privacy": PRIVACY_ON if on else PRIVACY_OFF,
        "accessibility": ACCESSIBILITY_ON if on else ACCESSIBILITY_OFF,
    }
    return escape(texts[part]) if part in texts else None
