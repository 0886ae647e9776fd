"""A tiny, escaping HTML builder shared by the render functions.

Every string child and attribute value is escaped; only :class:`Markup`
(already-safe HTML built by this module) passes through unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup, escape

VOID = frozenset({"br", "hr", "img", "input", "meta", "link"})

Child = str | Markup | None | Iterable["Child"]
AttrValue = str | int | bool | None


def _attr_name(name: str) -> str:
    return name.rstrip("_").replace("_", "-")


def attrs(values: dict[str, AttrValue]) -> Markup:
    out = ""
    for name, value in values.items():
        if value is None or value is False:
            continue
        if value is True:
            out += f" {escape(_attr_name(name))}"
        else:
            out += f' {escape(_attr_name(name))}="{escape(value)}"'
    return Markup(out)  # noqa: S704 -- every part escaped above


def children(*items: Child) -> Markup:
    out: list[str] = []
    for item in items:
        if item is None:
            continue
        if isinstance(item, Markup):
            out.append(item)
        elif isinstance(item, str):
            out.append(escape(item))
        else:
            out.append(children(*item))
    return Markup("".join(out))  # noqa: S704 -- Markup or escaped parts only


def el(tag: str, *content: Child, **attributes: AttrValue) -> Markup:
    """``el("a", "Text", href="x", class_="y")`` → ``<a href="x" class="y">Text</a>``."""
    name = escape(tag)
    opening = f"<{name}{attrs(attributes)}>"
    if tag in VOID:
        return Markup(opening)  # noqa: S704 -- escaped parts only
    return Markup(f"{opening}{children(*content)}</{name}>")  # noqa: S704 -- escaped parts only


def lines(*blocks: Child) -> Markup:
    """Join block-level elements one per line (no blank lines, so Markdown keeps the block)."""
    return Markup("\n").join(children(b) for b in blocks if b is not None)
