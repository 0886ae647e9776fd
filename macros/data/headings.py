"""The ids of a page's headings from its Markdown, unbuilt (for practice notes' anchors):
Python-Markdown itself, with mkdocs.yml's extensions, gives them; tests/site/test_pages.py
checks them against the built pages."""

from __future__ import annotations

import re

import markdown

FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*\n", re.S)
JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")
EXTENSIONS = [  # mkdocs.yml's markdown_extensions
    *("abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables"),
    *("toc", "pymdownx.details", "pymdownx.superfences"),
]


def heading_ids(text: str) -> set[str]:
    """The ids the built page gives its headings (macro calls left out)."""
    md = markdown.Markdown(extensions=EXTENSIONS)
    md.convert(JINJA.sub("", FRONT_MATTER.sub("", text)))
    ids: set[str] = set()
    tokens = list(md.toc_tokens)
    while tokens:
        token = tokens.pop()
        ids.add(token["id"])
        tokens += token["children"]
    return ids
