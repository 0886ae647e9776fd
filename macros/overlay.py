"""Local content from an organisation's overlay: pages, practice notes, checklist items.

Everything is checked once, at start-up, against the guidance's own data; each
problem is one line naming the file and the field (or the page and line).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .loading import DataError
from .models import Checklist, ChecklistItem, ChecklistSection, LocalOverlay
from .render.checklist import reserved_item_ids

LOCAL_PREFIX = "local/"  # where local pages live in the built site
NAV_TITLE = "Local resources"

FENCE = re.compile(r"^\s*(```|~~~)")
INLINE_CODE = re.compile(r"`+[^`]*`+")
RAW_HTML = re.compile(r"<(?!https?://|mailto:)[/!?]?[A-Za-z]")
CITE = re.compile(r"\bcite\s*\(")


@dataclass(frozen=True)
class LocalSource:
    """One local page: where it is in the site, where it is on disk, its nav title."""

    src_uri: str
    path: Path
    title: str


def _code_free_lines(text: str) -> Iterable[tuple[int, str]]:
    """Numbered lines outside fenced code blocks, with inline code removed."""
    fenced = False
    for number, line in enumerate(text.splitlines(), start=1):
        if FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            yield number, INLINE_CODE.sub("", line)


def page_problems(text: str, label: str, allow_raw_html: bool) -> list[str]:
    """Raw HTML (unless allowed) and ``cite()`` calls in a local page, one line each."""
    problems = []
    for number, line in _code_free_lines(text):
        if CITE.search(line):
            problems.append(
                f"{label}: line {number}: cite() is for the guidance's references; "
                "a local page may not cite them"
            )
        if not allow_raw_html and RAW_HTML.search(line):
            problems.append(
                f"{label}: line {number}: raw HTML is not allowed in a local page "
                "(set allow_raw_html: true in the overlay to permit it)"
            )
    return problems


def local_pages(
    overlay: LocalOverlay, overlay_path: Path, label: str, root: Path
) -> list[LocalSource]:
    """The overlay's local pages, checked: inside the overlay's folder, present, safe."""
    folder = overlay_path.parent.resolve()
    out: list[LocalSource] = []
    problems: list[str] = []
    seen: set[str] = set()
    for i, page in enumerate(overlay.pages):
        where = f"{label}: pages[{i}].file"
        path = (folder / page.file).resolve()
        if not path.is_relative_to(folder):
            problems.append(f"{where}: '{page.file}' points outside the overlay's folder")
            continue
        if not path.is_file():
            problems.append(f"{where}: no such file '{page.file}' next to the overlay")
            continue
        if page.file in seen:
            problems.append(f"{where}: '{page.file}' is listed twice")
            continue
        seen.add(page.file)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(f"{where}: '{page.file}' cannot be read ({exc})")
            continue
        shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        problems += page_problems(text, shown, overlay.allow_raw_html)
        out.append(LocalSource(LOCAL_PREFIX + page.file, path, page.title))
    if problems:
        raise DataError("\n".join(problems))
    return out


def check_notes(overlay: LocalOverlay, pages: Iterable[str], label: str) -> None:
    """Each note names a guidance page in the navigation (its anchor is checked on render)."""
    known = set(pages)
    problems = [
        f"{label}: notes[{i}].page: no guidance page '{note.page}'"
        for i, note in enumerate(overlay.notes)
        if note.page not in known
    ]
    if problems:
        raise DataError("\n".join(problems))


def merge_items(
    checklists: Mapping[str, Checklist], overlay: LocalOverlay, label: str
) -> dict[str, Checklist]:
    """The checklists with the overlay's local items appended to their sections."""
    problems: list[str] = []
    added: dict[tuple[str, str], list[ChecklistItem]] = {}
    used = {cid: {item.id for item in c.items} for cid, c in checklists.items()}
    for i, item in enumerate(overlay.checklist_items):
        where = f"{label}: checklist_items[{i}]"
        checklist = checklists.get(item.checklist)
        if checklist is None:
            problems.append(f"{where}.checklist: no checklist '{item.checklist}'")
            continue
        if item.section not in {s.id for s in checklist.sections}:
            problems.append(
                f"{where}.section: no section '{item.section}' in checklist '{item.checklist}'"
            )
            continue
        reserved = reserved_item_ids(checklist).get(item.id)
        if reserved:
            problems.append(
                f"{where}.id: '{item.id}' is reserved in checklist '{item.checklist}' "
                f"({reserved} uses it)"
            )
            continue
        if item.id in used[item.checklist]:
            problems.append(
                f"{where}.id: '{item.id}' is already an item id in checklist '{item.checklist}'"
            )
            continue
        used[item.checklist].add(item.id)
        local = ChecklistItem(id=item.id, text=item.text, note=item.note, local=True)
        added.setdefault((item.checklist, item.section), []).append(local)
    if problems:
        raise DataError("\n".join(problems))

    def section(cid: str, s: ChecklistSection) -> ChecklistSection:
        extra = added.get((cid, s.id))
        return s.model_copy(update={"items": (*s.items, *extra)}) if extra else s

    return {
        cid: c.model_copy(update={"sections": tuple(section(cid, s) for s in c.sections)})
        for cid, c in checklists.items()
    }


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
