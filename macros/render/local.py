"""An organisation's local contacts, or the neutral notice when none are set."""

from __future__ import annotations

import re

from markupsafe import Markup

from ..data.local_models import Contact, LocalOverlay
from .html import el, lines

NO_OVERLAY = (
    "This copy of the handbook has no local contacts. Use your own organisation’s "
    "safeguarding procedures and contacts. If your organisation hosts this handbook, "
    "it can add its safeguarding lead, phone numbers, out-of-hours service and referral "
    "route here with a local overlay file (see “Hosting your own copy” in the README)."
)


PHONE = re.compile(r"\+?[0-9][0-9 ()-]*")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")


def _link(text: str, pattern: re.Pattern[str], href: str) -> Markup:
    """A ``tel:``/``mailto:`` link for a well-formed value; anything else stays plain text."""
    return el("a", text, href=href) if pattern.fullmatch(text) else el("span", text)


def _details(contact: Contact) -> list[Markup]:
    out = []
    if contact.name:
        out.append(el("dd", contact.name))
    if contact.phone:
        tel = "tel:" + re.sub(r"[^0-9+]", "", contact.phone)
        out.append(el("dd", "Phone: ", _link(contact.phone, PHONE, tel)))
    if contact.email:
        mailto = f"mailto:{contact.email}"
        out.append(el("dd", "Email: ", _link(contact.email, EMAIL, mailto)))
    if contact.hours:
        out.append(el("dd", f"Hours: {contact.hours}"))
    if contact.notes:
        out.append(el("dd", contact.notes))
    return out


def contacts_html(overlay: LocalOverlay | None) -> Markup:
    """The Local contacts page body."""
    if overlay is None:
        return el("div", el("p", NO_OVERLAY), class_="hb-local hb-local--none")
    return el(
        "div",
        lines(
            el("p", f"Local contacts for {overlay.organisation}.", class_="hb-local__org"),
            el("dl", lines(*(lines(el("dt", c.role), *_details(c)) for c in overlay.contacts))),
            el("p", el("strong", "Out of hours: "), overlay.out_of_hours)
            if overlay.out_of_hours
            else None,
            el("p", el("strong", "Referral route: "), overlay.referral_route)
            if overlay.referral_route
            else None,
        ),
        class_="hb-local",
    )


def contacts_text(overlay: LocalOverlay) -> str:
    """A one-line summary for printed footers and PDFs."""
    parts = [": ".join(p for p in (c.role, c.name, c.phone) if p) for c in overlay.contacts]
    if overlay.out_of_hours:
        parts.append(f"Out of hours: {overlay.out_of_hours}")
    return f"{overlay.organisation} — " + "; ".join(parts)
