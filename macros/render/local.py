"""An organisation's local contacts, or the neutral notice when none are set."""

from __future__ import annotations

from markupsafe import Markup

from ..models import Contact, LocalOverlay
from .html import el, lines

NO_OVERLAY = (
    "This copy of the handbook has no local contacts. Use your own organisation’s "
    "safeguarding procedures and contacts. If your organisation hosts this handbook, "
    "it can add its safeguarding lead, phone numbers, out-of-hours service and referral "
    "route here with a local overlay file (see “Hosting your own copy” in the README)."
)


def _details(contact: Contact) -> list[Markup]:
    out = []
    if contact.name:
        out.append(el("dd", contact.name))
    if contact.phone:
        out.append(
            el(
                "dd",
                "Phone: ",
                el("a", contact.phone, href="tel:" + "".join(contact.phone.split())),
            )
        )
    if contact.email:
        out.append(el("dd", "Email: ", el("a", contact.email, href=f"mailto:{contact.email}")))
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
