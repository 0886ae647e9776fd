"""The ``nav`` configuration as plain data: its pages in order, and the part each sits in."""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple


class NavPage(NamedTuple):
    title: str
    src: str
    part: str | None  # the navigation section it sits in, if any


def nav_pages(nav: Any, part: str | None = None) -> list[NavPage]:
    out: list[NavPage] = []
    for entry in nav if isinstance(nav, list) else [nav]:
        titled = {Path(entry).stem: entry} if isinstance(entry, str) else entry
        for title, value in titled.items():
            if isinstance(value, str):
                out.append(NavPage(title, value, part))
            else:
                out += nav_pages(value, part or title)
    return out


def nav_sources(nav: Any) -> list[str]:
    return [page.src for page in nav_pages(nav or []) if page.src.endswith(".md")]
