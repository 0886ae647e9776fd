"""Load the handbook's YAML data into validated models: references, checklists, an overlay.

Cross-file rules (citation keys exist, glossary terms exist, ids are unique) are
checked here; each problem is one line naming the file and the field.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from .files import DataError, fail, read_yaml, validate, validate_list
from .glossary import Glossary
from .logo import Logo, LogoError, read_logo
from .models import Checklist, LocalOverlay, Reference, reserved_item_ids


def load_references(path: Path, label: str) -> dict[str, Reference]:
    refs = validate_list(Reference, read_yaml(path, label), label)
    out: dict[str, Reference] = {}
    problems = []
    for i, ref in enumerate(refs):
        if ref.key in out:
            problems.append(f"{label}: [{i}].key: duplicate reference key '{ref.key}'")
        out[ref.key] = ref
    fail(problems)
    return out


def load_checklist(
    path: Path, label: str, refs: Mapping[str, Reference], glossary: Glossary, docs_dir: Path
) -> Checklist:
    checklist = validate(Checklist, read_yaml(path, label), label)
    problems = []
    if checklist.id != path.stem:
        problems.append(f"{label}: id: '{checklist.id}' must match the file name '{path.stem}'")
    if not (docs_dir / checklist.page).is_file():
        problems.append(f"{label}: page: no such page 'docs/{checklist.page}'")
    problems += [
        f"{label}: cite[{j}]: unknown citation key '{key}'"
        for j, key in enumerate(checklist.cite)
        if key not in refs
    ]
    section_ids: set[str] = set()
    item_ids: set[str] = set()
    reserved = reserved_item_ids(checklist)
    for s, section in enumerate(checklist.sections):
        if section.id in section_ids:
            problems.append(f"{label}: sections[{s}].id: duplicate section id '{section.id}'")
        section_ids.add(section.id)
        for i, item in enumerate(section.items):
            where = f"{label}: sections[{s}].items[{i}]"
            if item.id in reserved:
                problems.append(
                    f"{where}.id: '{item.id}' is reserved ({reserved[item.id]} uses it)"
                )
            if item.id in item_ids:
                problems.append(f"{where}.id: duplicate item id '{item.id}'")
            item_ids.add(item.id)
            problems += [
                f"{where}.terms[{t}]: unknown glossary term '{term}'"
                for t, term in enumerate(item.terms)
                if term not in glossary.ids
            ]
    fail(problems)
    return checklist


def load_checklists(
    folder: Path, root: Path, refs: Mapping[str, Reference], glossary: Glossary, docs_dir: Path
) -> dict[str, Checklist]:
    out: dict[str, Checklist] = {}
    for path in sorted(folder.glob("*.yml")):
        label = path.relative_to(root).as_posix()
        out[path.stem] = load_checklist(path, label, refs, glossary, docs_dir)
    if not out:
        raise DataError(f"{folder.relative_to(root).as_posix()}/: no checklist files (*.yml)")
    # The record page holds every checklist, and an item's id there is
    # cl-<checklist>-<item>: "a" with item "b-c" and "a-b" with item "c" would share one.
    fail(
        [
            f"{folder.relative_to(root).as_posix()}/{cid}.yml: id: '{cid}' begins with "
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


def load_overlay(path: Path, label: str) -> tuple[LocalOverlay, Logo | None]:
    """The overlay and its logo (checked by content), if it names one."""
    overlay = validate(LocalOverlay, read_yaml(path, label), label)
    return overlay, load_logo(path, overlay.logo, label) if overlay.logo else None


def load_logo(overlay_path: Path, name: str, label: str) -> Logo:
    """The overlay's logo, checked by content (see :mod:`macros.data.logo`)."""
    try:
        return read_logo(overlay_folder(overlay_path), name)
    except LogoError as exc:
        raise DataError(f"{label}: logo: {exc}") from None
