"""The page being rendered, and links from it: the one place that knows about page URLs."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Protocol

from markupsafe import Markup, escape

from ..data.paths import page_url, relative
from ..data.state import State

log = logging.getLogger("mkdocs.plugins.handbook")


class Page(Protocol):
    """What the macros need of the page being rendered."""

    @property
    def url(self) -> str: ...


def where(page: Page) -> str:
    """The page's source path, for messages (``prompts/iioc.md``)."""
    file = getattr(page, "file", None)
    return getattr(file, "src_uri", None) or page.url or "index.md"


def unknown(message: str, marker: str) -> Markup:
    """Warn (a ``--strict`` build fails) and leave ``[marker]`` where the macro was."""
    log.warning(message)
    return escape(f"[{marker}]")


class Links:
    """Links from the current page to pages, anchors and files of the site."""

    def __init__(self, state: State) -> None:
        self.state = state

    def href(self, page: Page, src: str, anchor: str | None = None) -> str:
        target = relative(page_url(src, self.state.directory_urls), page.url)
        return f"{target}#{anchor}" if anchor else target

    def page_links(self, page: Page, srcs: Sequence[str]) -> list[tuple[str, str]]:
        """(title, href) of pages by source path (``page.md`` or ``page.md#anchor``)."""
        titles = self.state.usage.titles
        parts = [s.partition("#") for s in srcs]
        return [(titles.get(s, s), self.href(page, s, a or None)) for s, _, a in parts]
