"""The macros for the organisation hosting a copy: its contacts, its review dates, and its
parts of the accessibility statement and the privacy notice."""

from __future__ import annotations

from markupsafe import Markup, escape

from ..data.state import State
from ..render import local
from .links import unknown


class LocalMacros:
    def __init__(self, state: State) -> None:
        self.state = state

    def contacts(self) -> Markup:
        return local.TEMPLATE.contacts(self.state.overlay)

    def review(self) -> Markup:
        """The overlay's review dates (home and About pages); nothing without them."""
        overlay = self.state.overlay
        if overlay is None or overlay.review is None:
            return Markup("")
        return local.TEMPLATE.review(overlay.organisation, overlay.review)

    def accessibility(self, part: str) -> Markup:
        """One data-driven part of the accessibility statement (docs/reference/accessibility.md)."""
        if part not in local.PARTS:
            message = f"accessibility('{part}'): no such part (one of {', '.join(local.PARTS)})"
            return unknown(message, f"unknown part: {part}")
        return local.PARTS[part](self.state.a11y, self.state.overlay, self.state.edition.build_date)

    def offline_copy(self, part: str) -> Markup:
        """What the privacy notice or the accessibility statement says about the offline copy."""
        if part not in local.OFFLINE:
            message = f"offline_copy('{part}'): no such part (privacy or accessibility)"
            return unknown(message, f"unknown part: {part}")
        overlay = self.state.overlay
        return local.OFFLINE[part](overlay is None or overlay.offline_app)

    def host_name(self) -> Markup:
        """Who hosts this copy, for the privacy notice (escaped: it lands in the Markdown)."""
        overlay = self.state.overlay
        return escape(overlay.organisation) if overlay else Markup("the organisation that hosts it")
