"""The ids of a page's headings from its Markdown, unbuilt (for practice notes' anchors),
with toc's own slugify and unique; tests/site/test_pages.py checks them against built pages."""

from __future__ import annotations

import html
import re

from markdown.extensions.toc import slugify, unique

FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
# As Python-Markdown reads them (a space after the #s is not needed; setext headings start
# a block).
ATX = re.compile(r"^#{1,6}(?P<text>.*?)#*$")
SETEXT = re.compile(r"^[=-]+ *$")
FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*\n", re.S)
ATTR_LIST = re.compile(r"[ \t]*\{:?[ \t]*(?P<attrs>[^}]*)\}[ \t]*$")
ATTR_ID = re.compile(r"(?:^|[ \t])#(?P<id>[\w-]+)")
# Inline Markdown and HTML whose marks are not part of the heading's text.
LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
TAG = re.compile(r"<[^>]+>")
JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")
MARKS = re.compile(r"[*_`]")


def heading_text(source: str) -> str:
    """What a heading's Markdown reads as, once rendered (its links, tags and marks gone)."""
    text = JINJA.sub("", source)
    text = LINK.sub(r"\1", text)
    text = TAG.sub("", text)
    return html.unescape(MARKS.sub("", text)).strip()


def headings(markdown: str) -> list[str]:
    """The Markdown source of each heading (ATX and setext), outside fenced code."""
    lines = FRONT_MATTER.sub("", markdown).split("\n")
    found: list[str] = []
    fence = ""
    for i, line in enumerate(lines):
        opened = FENCE.match(line)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = ""
            continue
        if opened:
            fence = opened.group(1)
            continue
        atx = ATX.match(line)
        if atx:
            found.append(atx.group("text").strip())
        elif (
            line.strip()
            and i + 1 < len(lines)
            and SETEXT.match(lines[i + 1])
            and (i == 0 or not lines[i - 1].strip())
        ):
            found.append(line.strip())
    return found


def heading_ids(markdown: str) -> set[str]:
    """The ids the built page gives its headings."""
    used: set[str] = set()
    for source in headings(markdown):
        attrs = ATTR_LIST.search(source)
        explicit = ATTR_ID.search(attrs.group("attrs")) if attrs else None
        text = source[: attrs.start()] if attrs else source
        unique(explicit.group("id") if explicit else slugify(heading_text(text), "-"), used)
    return used
