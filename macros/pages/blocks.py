"""Generated block HTML that skips Markdown: Markdown scans a block macro's finished HTML tag
by tag only to pass it through, at a cost that grows with its size (a checklist form is
hundreds of tags). So the macro leaves a comment with a random token made for each build (a
page cannot name a block on its own), and ``restore`` (``on_page_content``) puts the HTML back,
byte for byte; a block whose comment Markdown did not keep (a macro in a code block) is
reported, never silently dropped."""

from __future__ import annotations

import re
import secrets

from markupsafe import Markup


class Blocks:
    def __init__(self) -> None:
        token = secrets.token_hex(8)
        self._prefix = f"<!--hb-block-{token}-"
        self._pattern = re.compile(rf"<!--hb-block-{token}-(\d+)-->")
        self._held: dict[str, dict[int, Markup]] = {}
        self._count = 0

    def hold(self, page: str, html: Markup) -> Markup:
        """A comment that stands for ``html`` on ``page`` (a source path) until ``restore``."""
        self._count += 1
        self._held.setdefault(page, {})[self._count] = html
        return Markup(f"{self._prefix}{self._count}-->")  # noqa: S704 -- a fixed comment

    def restore(self, page: str, html: str) -> tuple[str, int]:
        """``html`` with the page's blocks in place, and how many blocks found no place."""
        held = self._held.pop(page, {})

        def put(match: re.Match[str]) -> str:
            block = held.pop(int(match.group(1)), None)
            return match.group(0) if block is None else str(block)

        return self._pattern.sub(put, html), len(held)
