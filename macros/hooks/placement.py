"""Where a local notice or a practice note goes in a rendered page: after its title, or
after the heading a note names."""

from __future__ import annotations

import re


def heading_pattern(anchor: str) -> re.Pattern[str]:
    """The whole heading element with ``id="anchor"`` in rendered page HTML."""
    return re.compile(rf'<h([1-6])\b[^>]*\bid="{re.escape(anchor)}"[^>]*>.*?</h\1>', re.S)


FIRST_HEADING = re.compile(r"<h1\b[^>]*>.*?</h1>", re.S)


def insert_after(html: str, pattern: re.Pattern[str], block: str) -> str | None:
    """``html`` with ``block`` after the first match of ``pattern``; None if no match."""
    match = pattern.search(html)
    if match is None:
        return None
    return html[: match.end()] + "\n" + block + html[match.end() :]
