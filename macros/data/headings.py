"""The ids of a page's headings from its Markdown, unbuilt (for practice notes' anchors):
Python-Markdown itself, with mkdocs.yml's extensions, gives them; tests/site/test_pages.py
checks them against the built pages."""

from __future__ import annotations

import re

import markdown
from mkdocs.utils.meta import get_data

JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")
EXTENSIONS = [  # mkdocs.yml's markdown_extensions
    *("abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables"),
    *("toc", "pymdownx.details", "pymdownx.superfences"),
]


def heading_ids(text: str) -> set[str]:
    """The ids the built page gives its headings (macro calls left out)."""
    md = markdown.Markdown(extensions=EXTENSIONS)
    md.convert(JINJA.sub("", get_data(text)[0]))  # without front matter, as MkDocs reads it
    tokens = list(md.toc_tokens)
    for token in tokens:  # what is appended while iterating is visited too: every level
        tokens += token["children"]
    return {token["id"] for token in tokens}
