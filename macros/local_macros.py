"""The macros for an overlay's review dates, the accessibility statement and the privacy notice.

Kept apart from :class:`macros.site.Handbook`, which only delegates to it.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from markupsafe import Markup, escape

from . import statement
from .models import LocalOverlay
from .render import overlay as overlay_render
from .statement import A11yResults

log = logging.getLogger("mkdocs.plugins.handbook")


@dataclass(frozen=True)
class LocalMacros:
    overlay: LocalOverlay | None
    a11y: A11yResults
    build_date: dt.date

    def review(self) -> Markup:
        """The overlay's review dates (home and About pages); nothing without an overlay."""
        if self.overlay is None:
            return Markup("")
        return overlay_render.review_html(self.overlay.organisation, self.overlay.review)

    def accessibility(self, part: str) -> Markup:
        """One data-driven part of the accessibility statement (docs/reference/accessibility.md)."""
        org = self.overlay.organisation if self.overlay else None
        details = self.overlay.accessibility if self.overlay else None
        parts = {
            "compliance": lambda: statement.compliance_html(self.a11y),
            "results": lambda: statement.results_html(self.a11y),
            "exceptions": lambda: statement.exceptions_html(self.a11y),
            "contact": lambda: statement.contact_html(org, details),
            "prepared": lambda: statement.prepared_html(self.a11y, details, self.build_date),
        }
        if part not in parts:
            log.warning("accessibility('%s'): no such part (one of %s)", part, ", ".join(parts))
            return escape(f"[unknown part: {part}]")
        return parts[part]()

    def host_name(self) -> str:
        """Who hosts this copy, for the privacy notice."""
        return self.overlay.organisation if self.overlay else "the organisation that hosts it"
