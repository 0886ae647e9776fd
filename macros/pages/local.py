"""The macros for the organisation hosting a copy: its contacts, its review dates, and its
parts of the accessibility statement and the privacy notice."""

from __future__ import annotations

from markupsafe import Markup, escape

from ..data.state import State
from ..render import local, statement
from ..render import overlay as overlay_render
from ..render.offline import offline_text
from .links import log


class LocalMacros:
    """``local_contacts``, ``local_review``, ``accessibility``, ``host_name``, ``offline_copy``."""

    def __init__(self, state: State) -> None:
        self.state = state

    def contacts(self) -> Markup:
        return local.contacts_html(self.state.overlay)

    def review(self) -> Markup:
        """The overlay's review dates (home and About pages); nothing without an overlay."""
        overlay = self.state.overlay
        if overlay is None:
            return Markup("")
        return overlay_render.review_html(overlay.organisation, overlay.review)

    def accessibility(self, part: str) -> Markup:
        """One data-driven part of the accessibility statement (docs/reference/accessibility.md)."""
        overlay, a11y = self.state.overlay, self.state.a11y
        org = overlay.organisation if overlay else None
        details = overlay.accessibility if overlay else None
        build_date = self.state.edition.build_date
        parts = {
            "compliance": lambda: statement.compliance_html(a11y),
            "results": lambda: statement.results_html(a11y),
            "pdf_results": lambda: statement.pdf_results_html(a11y),
            "exceptions": lambda: statement.exceptions_html(a11y),
            "contact": lambda: statement.contact_html(org, details),
            "prepared": lambda: statement.prepared_html(a11y, details, build_date),
        }
        if part not in parts:
            log.warning("accessibility('%s'): no such part (one of %s)", part, ", ".join(parts))
            return escape(f"[unknown part: {part}]")
        return parts[part]()

    def offline_copy(self, part: str) -> Markup:
        """What the privacy notice or the accessibility statement says about the offline copy."""
        overlay = self.state.overlay
        text = offline_text(part, overlay is None or overlay.offline_app)
        if text is None:
            log.warning("offline_copy('%s'): no such part (privacy or accessibility)", part)
            return escape(f"[unknown part: {part}]")
        return text

    def host_name(self) -> str:
        """Who hosts this copy, for the privacy notice."""
        overlay = self.state.overlay
        return overlay.organisation if overlay else "the organisation that hosts it"
