"""HTML with every string escaped: the autoescaped Jinja2 templates (only :class:`Markup`
passes through unescaped)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol, cast

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from ..data.models import CASE_FIELDS

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
