"""References, checklists and an overlay loaded, with the cross-file rules (keys and terms
exist, ids are unique)."""

from __future__ import annotations

import datetime as dt
import os
import stat
from collections.abc import Iterable, Mapping
from functools import partial
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .files import error_lines, fail, read_yaml, repeated, unknown, validate, validate_list
from .glossary import Glossary
from .headings import heading_ids
from .local_models import LocalOverlay, Review
from .logo import Logo, LogoError, read_logo
from .models import Checklist, ChecklistItem, Reference, reserved_item_ids


def load_references(path: Path, label: str) -> dict[str, Reference]:
    refs = validate_list(Reference, read_yaml(path, label), label)
    keys = repeated(ref.key for ref in refs)
    fail([f"{label}: [{i}].key: duplicate reference key '{key}'" for i, key in keys])
    return {ref.key: ref for ref in refs}


def load_checklist(
    path: Path, label: str, refs: Mapping[str, Reference], glossary: Glossary, docs_dir: Path
) -> Checklist:
    checklist = validate(Checklist, read_yaml(path, label), label)
    problems = []
    if checklist.id != path.stem:
        problems.append(f"{label}: id: '{checklist.id}' must match the file name '{path.stem}'")
    if not (docs_dir / checklist.page).is_file():
        problems.append(f"{label}: page: no such page 'docs/{checklist.page}'")
    problems += unknown(f"{label}: cite", checklist.cite, refs, "citation key")
    problems += [
        f"{label}: sections[{s}].id: duplicate section id '{sid}'"
        for s, sid in repeated(s.id for s in checklist.sections)
    ]
    item_ids: set[str] = set()
    reserved = reserved_item_ids(checklist)
    for s, section in enumerate(checklist.sections):
        for i, item in enumerate(section.items):
            at = f"{label}: sections[{s}].items[{i}]"
            if item.id in reserved:
                problems.append(f"{at}.id: '{item.id}' is reserved ({reserved[item.id]} uses it)")
            if item.id in item_ids:
                problems.append(f"{at}.id: duplicate item id '{item.id}'")
            item_ids.add(item.id)
            problems += unknown(f"{at}.terms", item.terms, glossary.ids, "glossary term")
    fail(problems)
    return checklist


def load_checklists(
    folder: Path, root: Path, refs: Mapping[str, Reference], glossary: Glossary, docs_dir: Path
) -> dict[str, Checklist]:
    out: dict[str, Checklist] = {}
    for path in sorted(folder.glob("*.yml")):
        out[path.stem] = load_checklist(path, shown(path, root), refs, glossary, docs_dir)
    if not out:
        fail([f"{shown(folder, root)}/: no checklist files (*.yml)"])
    # The record page holds every checklist, and an item's id there is
    # cl-<checklist>-<item>: "a" with item "b-c" and "a-b" with item "c" would share one.
    fail(
        [
            f"{shown(folder, root)}/{cid}.yml: id: '{cid}' begins with "
            f"'{other}-', the id of another checklist (their page ids could collide)"
            for cid in out
            for other in out
            if cid.startswith(other + "-")
        ]
    )
    return out


def overlay_folder(overlay_path: Path) -> Path:
    """The folder an overlay owns, and the only one it may use: ``areas/north/`` for
    ``areas/north.yml``. Its logo and local pages are named relative to it."""
    return overlay_path.parent / overlay_path.stem


def shown(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def _not_plain(path: Path, root: Path, folder: bool = False) -> str | None:
    """Why ``path`` is not a plain file (or folder) of an overlay, or None (also if absent).

    ``lstat`` never follows a link: a link could lead anywhere on the build machine (another
    area's drafts, a file whose lines a message would then quote)."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return None  # reported where it is needed ("no such file")
    except OSError as exc:
        return f"{shown(path, root)}: cannot be read ({exc.strerror})"
    if stat.S_ISLNK(mode):
        return (
            f"{shown(path, root)}: is a symbolic link; no part of an overlay may be one (its "
            "file, the folders on the way to it, its folder or anything in that folder)"
        )
    if not (stat.S_ISREG(mode) or (folder and stat.S_ISDIR(mode))):
        return f"{shown(path, root)}: is not a regular {'file or folder' if folder else 'file'}"
    return None


def first_link(base: Path, relative: str, root: Path) -> str | None:
    """The problem with the first link (or special file) on the way to ``base / relative``."""
    path, parts = base, Path(relative).parts
    for i, part in enumerate(parts):
        path = path / part
        if problem := _not_plain(path, root, folder=i < len(parts) - 1):
            return problem
    return None


def check_owned(overlay: Path, folder: Path, root: Path) -> Path:
    """The overlay's ``folder`` once no link or special file is found on the way to the
    overlay, at it, or in its folder, before anything of it is opened."""
    base = root if overlay.is_relative_to(root) else overlay.parent
    problems = [first_link(base, overlay.relative_to(base).as_posix(), root)]
    problems.append(_not_plain(folder, root, folder=True))
    if not any(problems) and folder.is_dir():
        inside = sorted(folder.rglob("*"))  # "**" never follows a link to a folder
        problems += [_not_plain(path, root, folder=path.is_dir()) for path in inside]
    fail([p for p in problems if p])
    return folder


#: An overlay's list fields: an entry with a problem is set aside, the rest still checked.
OVERLAY_LISTS = ("contacts", "pages", "notes", "checklist_items")
#: Stand-ins for required fields with problems, so the other fields can still be checked.
STAND_INS: dict[str, Any] = {"organisation": "-", "contacts": [{"role": "-"}]}


def read_overlay(path: Path, label: str) -> tuple[LocalOverlay | None, list[str]]:
    """The overlay and every problem in its fields. With problems, what is left once the
    entries and fields with problems are set aside (each entry keeps its index: ``numbered``),
    so the checks that follow still run on the rest; None when nothing can be checked."""
    data = read_yaml(path, label, values_later=True)
    try:
        overlay = LocalOverlay.model_validate(data)
        overlay._data = data
        return overlay, []
    except ValidationError as exc:
        problems = error_lines(exc, label, data=data)
        locs = [tuple(err["loc"]) for err in exc.errors()]
    if not isinstance(data, dict) or not all(loc and isinstance(loc[0], str) for loc in locs):
        return None, problems
    rest, positions = dict(data), dict[str, tuple[int, ...]]()
    for field, *inner in locs:
        index = inner[0] if inner else None
        if field in OVERLAY_LISTS and isinstance(index, int) and isinstance(data[field], list):
            kept = positions.get(field, range(len(data[field])))
            positions[field] = tuple(i for i in kept if i != index)
        else:
            rest.pop(field, None)
    positions = {field: kept for field, kept in positions.items() if field in rest}
    rest |= {field: [data[field][i] for i in kept] for field, kept in positions.items()}
    rest = {**{k: v for k, v in STAND_INS.items() if not rest.get(k)}, **rest}
    try:
        overlay = LocalOverlay.model_validate(rest)
    except ValidationError:
        return None, problems
    overlay._positions = positions
    overlay._data = data
    return overlay, problems


def load_overlay(path: Path, label: str) -> tuple[LocalOverlay | None, Logo | None, list[str]]:
    overlay, problems = read_overlay(path, label)
    if overlay is None or not overlay.logo:
        return overlay, None, problems
    try:
        return overlay, read_logo(overlay_folder(path), overlay.logo), problems
    except LogoError as exc:
        return overlay, None, [*problems, f"{overlay.at(label, 'logo')}: {exc}"]


NAV_TITLE = "Local resources"


def check_notes(overlay: LocalOverlay, sources: Iterable[tuple[str, str]], label: str) -> None:
    """Each note names a guidance page (in ``sources``) and, if it has an anchor, its heading."""
    # Markdown runs only on the pages a note names a heading of (0.3 s for all 34 pages).
    anchored = {note.page for note in overlay.notes if note.anchor is not None}
    headings = {src: heading_ids(text) if src in anchored else set() for src, text in sources}
    problems = []
    for i, note in overlay.numbered("notes"):
        at = partial(overlay.at, label, "notes", i)
        if note.page not in headings:
            problems.append(f"{at('page')}: no guidance page '{note.page}'")
        elif note.anchor is not None and note.anchor not in headings[note.page]:
            problems.append(f"{at('anchor')}: no heading '#{note.anchor}' on page '{note.page}'")
    fail(problems)


def merge_items(
    checklists: Mapping[str, Checklist], overlay: LocalOverlay, label: str
) -> dict[str, Checklist]:
    problems: list[str] = []
    merged = dict(checklists)
    for i, item in overlay.numbered("checklist_items"):
        where = partial(overlay.at, label, "checklist_items", i)
        checklist = merged.get(item.checklist)
        in_it = f"in checklist '{item.checklist}'"
        if checklist is None:
            problems.append(f"{where('checklist')}: no checklist '{item.checklist}'")
        elif item.section not in {s.id for s in checklist.sections}:
            problems.append(f"{where('section')}: no section '{item.section}' {in_it}")
        elif reserved := reserved_item_ids(checklist).get(item.id):
            problems.append(f"{where('id')}: '{item.id}' is reserved {in_it} ({reserved} uses it)")
        elif item.id in {own.id for own in checklist.items}:
            problems.append(f"{where('id')}: '{item.id}' is already an item id {in_it}")
        else:
            local = ChecklistItem(id=item.id, text=item.text, note=item.note, local=True)
            sections = [
                s.model_copy(update={"items": (*s.items, local)}) if s.id == item.section else s
                for s in checklist.sections
            ]
            merged[item.checklist] = checklist.model_copy(update={"sections": tuple(sections)})
    fail(problems)
    return merged


def overdue(review: Review | None, today: dt.date) -> str | None:
    if review is None or review.next_review >= today:
        return None
    return (
        f"NOTICE: the local overlay's next planned review date ({review.next_review}) "
        f"has passed (build date {today}); review the local content"
    )
