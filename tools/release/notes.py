"""A release's notes: the version's section of the changelog (docs/reference/changelog.md)."""

from __future__ import annotations

import re
from pathlib import Path

CHANGELOG = "docs/reference/changelog.md"
LINK = re.compile(r"\[([^\]]+)\]\((?!https?:)[^)]*\)")  # a link to another page: its words


class NotesError(Exception):
    """The changelog has no section for the version."""


def section(changelog: str, version: str) -> str:
    """The text under ``## <version>``, up to the next ``## `` heading."""
    match = re.search(rf"^## {re.escape(version)}[ \t]*\n(.*?)(?=^## |\Z)", changelog, re.M | re.S)
    if match is None or not match.group(1).strip():
        raise NotesError(f"{CHANGELOG}: no section '## {version}': add the release's changes first")
    return match.group(1).strip()


def release_notes(root: Path, version: str, name: str) -> str:
    """The notes as a Markdown file of their own (links to the handbook's pages as words)."""
    text = LINK.sub(r"\1", section((root / CHANGELOG).read_text(encoding="utf-8"), version))
    return (
        f"# {name}: release notes\n\n"
        f"TA-HSB practice handbook, version {version}. From {CHANGELOG}.\n\n{text}\n"
    )
