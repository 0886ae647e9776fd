"""The Licences page's list of third-party components (data/third-party.yml)."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

from ..data.third_party import Component
from .html import el, lines

COLUMNS = ("Component", "Version", "Licence", "In this copy")


def _component(c: Component, by_id: dict[str, Component]) -> Markup:
    part = by_id[c.part_of].name if c.part_of and c.part_of in by_id else None
    return lines(
        el("a", c.name, href=str(c.url), class_="hb-licences__name"),
        el("span", f"© {c.copyright}", class_="hb-licences__holder"),
        el("span", f"Part of {part}", class_="hb-licences__part") if part else None,
    )


def _licence(c: Component) -> Markup:
    if c.licence_url:
        return el("a", c.licence_text, href=str(c.licence_url))
    return el("span", c.licence_text)


def _where(c: Component) -> Markup:
    files = ", ".join(c.files)
    return lines(el("span", c.what), el("span", f"Files: {files}", class_="hb-licences__files"))


def licences_html(components: Sequence[Component]) -> Markup:
    """Every component, in the list's order, with its version, licence and place."""
    by_id = {c.id: c for c in components}
    rows = [
        el(
            "tr",
            el("td", _component(c, by_id), data_label=COLUMNS[0]),
            el("td", c.version or "not stated", data_label=COLUMNS[1]),
            el("td", _licence(c), data_label=COLUMNS[2]),
            el("td", _where(c), data_label=COLUMNS[3]),
        )
        for c in components
    ]
    table = el(
        "table",
        lines(
            el("thead", el("tr", *(el("th", name, scope="col") for name in COLUMNS))),
            el("tbody", lines(*rows)),
        ),
        class_="hb-licences",
    )
    return el("div", table, class_="hb-licences-wrap")
