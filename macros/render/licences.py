"""The Licences page's list of third-party components (data/third-party.yml;
templates/licences.html)."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

from ..data.third_party import Component
from .html import macros

COLUMNS = ("Component", "Version", "Licence", "In this copy")
TEMPLATE = macros("licences.html")


def licences_html(components: Sequence[Component]) -> Markup:
    """Every component, in the list's order, with its version, licence and place."""
    html: Markup = TEMPLATE.licences(components, {c.id: c for c in components}, COLUMNS)
    return html
