"""HTML with every string escaped: a tiny builder (a string child or attribute value is
escaped; only :class:`Markup` passes through) and the autoescaped Jinja2 templates."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Protocol, cast

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from ..data.models import CASE_FIELDS

Child = str | Markup | None | Iterable["Child"]
AttrValue = str | int | bool | None


def children(*items: Child) -> Markup:
    # Markup.join escapes a plain str and keeps a Markup as it is.
    return Markup("").join(
        item if isinstance(item, str) else children(*item) for item in items if item is not None
    )


def el(tag: str, *content: Child, **attributes: AttrValue) -> Markup:
    """``el("a", "Text", href="x", class_="y")`` → ``<a href="x" class="y">Text</a>``."""
    attrs = Markup("").join(
        (Markup(" {}") if value is True else Markup(' {}="{}"')).format(
            name.rstrip("_").replace("_", "-"), value
        )
        for name, value in attributes.items()
        if value is not None and value is not False
    )
    return Markup("<{0}{1}>{2}</{0}>").format(tag, attrs, children(*content))


def lines(*blocks: Child) -> Markup:
    """Join block-level elements one per line (no blank lines, so Markdown keeps the block)."""
    return Markup("\n").join(children(b) for b in blocks if b is not None)


# Autoescaped: every value a template prints is escaped unless it is Markup; a macro returns
# Markup. StrictUndefined: a misspelt name is an error, not an empty string.
TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).with_name("templates")),
    autoescape=True,
    undefined=StrictUndefined,
)


class Macros(Protocol):
    def __getattr__(self, name: str) -> Callable[..., Markup]: ...


def macros(name: str, **constants: object) -> Macros:
    """The macros of ``templates/{name}``, to call like functions; ``constants`` are the
    names they read besides their arguments."""
    return cast(Macros, TEMPLATES.get_template(name, globals=constants).module)


# The templates whose macros need no Python helpers (the others are in local.py, glossary.py,
# changes.py). Checklists: on screen, on paper, the print view, the downloads list and the
# Assessment record (record.js makes its buttons work; without JavaScript it is a form to print).
CHECKLIST = macros("checklist.html", CASE_FIELDS=CASE_FIELDS)
CITATIONS = macros("citations.html")  # citations in running text, the References page
SOURCE = macros("source.html")  # the slides' words under a section, the coverage table
LICENCES = macros("licences.html")
