"""Release notes: the version's changelog section, then "Changes to the guidance" from this
edition's snapshot and the one before (macros/data/changes.py): a safeguarding board can
approve an edition from one file."""

from __future__ import annotations

import re
from functools import partial
from html import escape
from itertools import groupby
from pathlib import Path

from macros.data.changes import Change, compare
from macros.data.editions import EDITIONS_DIR, Snapshot, load_snapshots, version_key
from macros.data.loading import overlay_folder
from macros.render.changes import KINDS, STATUS, summary

from .source import SourceError

CHANGELOG = "docs/reference/changelog.md"
LINK = re.compile(r"\[([^\]]+)\]\((?!https?:)[^)]*\)")  # a link to another page: its words


def section(changelog: str, version: str) -> str:
    """The text under ``## <version>``, up to the next ``## `` heading."""
    match = re.search(rf"^## {re.escape(version)}[ \t]*\n(.*?)(?=^## |\Z)", changelog, re.M | re.S)
    if match is None or not match.group(1).strip():
        raise SourceError(
            f"{CHANGELOG}: no section '## {version}': add the release's changes first"
        )
    return match.group(1).strip()


#: Words from the data (an overlay's too) escaped: no tag reaches a Markdown viewer as HTML.
_text = partial(escape, quote=False)


def _entry(change: Change) -> str:
    unit, before, after = change.unit, change.before, change.after
    local = ", local" if unit.local else ""
    head = f"- {STATUS[change.status]} ({KINDS[unit.kind].lower()}{local}): {_text(unit.label)}"
    if change.status == "moved" and before and after:
        head += f" (from “{_text(before.group)}” to “{_text(after.group)}”)"
    if before and after and before.text == after.text:
        return head
    pairs = (("Before", before), ("After", after))
    return "\n".join([head, *(f"  - {when}: “{_text(u.text)}”" for when, u in pairs if u)])


def guidance_notes(
    previous: Snapshot | None, current: Snapshot, title: str = "Changes to the guidance"
) -> str:
    """Every unit added, removed, moved or reworded since ``previous``, by page and checklist."""
    title = f"## {title}\n\n"
    if previous is None:
        return title + "The first edition with a snapshot of its guidance: nothing to compare.\n"
    found = compare(previous.units, current.units)
    lines = [
        f"Generated from the snapshots of version {previous.version} "
        f"({EDITIONS_DIR}/{previous.version}.json) and of this edition: {summary(found)}"
    ]
    ordered = sorted(found, key=lambda c: (c.unit.group, c.unit.id))
    for group, changes in groupby(ordered, key=lambda c: c.unit.group):
        lines += [f"### {_text(group)}", "\n".join(_entry(c) for c in changes)]
    return title + "\n\n".join(lines) + "\n"


def release_notes(root: Path, version: str, name: str) -> str:
    """The notes as a Markdown file of their own (links to the handbook's pages as words)."""
    text = LINK.sub(r"\1", section((root / CHANGELOG).read_text(encoding="utf-8"), version))
    return (
        f"# {name}: release notes\n\n"
        f"TA-HSB practice handbook, version {version}. From {CHANGELOG} (the website and "
        f"the tools).\n\n{text}\n"
    )


def edition_notes(root: Path, snapshot_json: str, overlay: str | None) -> str:
    """ "Changes to the guidance" for this build's snapshot, and an overlay's local changes."""
    built = Snapshot.model_validate_json(snapshot_json)
    places = [(False, root / EDITIONS_DIR, "Changes to the guidance")]
    if overlay:
        places.append((True, overlay_folder(root / overlay) / EDITIONS_DIR, "Local changes"))
    parts = []
    for local, folder, title in places:
        mine = built.part(local)
        shown = folder.relative_to(root).as_posix()
        found = load_snapshots(folder, shown, built.version, local)
        same = [s for s in found if s.version == built.version]
        if same and set(same[0].units) != set(mine.units):
            raise SourceError(
                f"{shown}/{built.version}.json: its guidance differs from this build's: "
                "set the next version in pyproject.toml (a published edition is never changed)"
            )
        older = [s for s in found if version_key(s.version) < version_key(built.version)]
        parts.append(guidance_notes(older[-1] if older else None, mine, title))
    return "\n" + "\n".join(parts)
