"""MkDocs hooks (``hooks:`` in mkdocs.yml): what changed in the guidance. Once every page's
content is ready (``on_env``, before the handbook PDF starts from it), this build's units
(macros/data/units.py) are compared with the published snapshots (``editions/``): the
changes page gets its list, each guidance page its "last changed" line under the title,
and with ``HANDBOOK_EDITION_OUT`` set (``make edition``, ``make release``) this build's
snapshot is written to that file.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

# MkDocs puts only this file's folder on sys.path while it loads a hook; the
# `macros` package lives in the project root and is not installed (pyproject.toml).
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from macros.data.changes import last_changed
from macros.data.editions import Unit, snapshot_json
from macros.data.files import DataError
from macros.data.paths import print_page
from macros.data.units import is_guidance_page, note_units, page_units, state_units
from macros.hooks import Current
from macros.hooks.placement import FIRST_HEADING, insert_after
from macros.pages.links import Links
from macros.render.changes import PLACEHOLDER, changed_line, changes_page

OUT = "HANDBOOK_EDITION_OUT"
#: Published editions' part of the changes page, kept between the builds of `make serve`.
_kept: dict[object, Any] = {}


def build_units(state: Any, pages: list[Any]) -> list[Unit]:
    """This build's guidance: the data's units, then each guidance page's sections."""
    units = state_units(
        state.checklists.values(), state.glossary.entries, state.references.values()
    )
    titles = {p.file.src_uri: p.title or p.file.src_uri for p in pages}
    if state.overlay is not None:
        units += note_units([n.model_dump() for n in state.overlay.notes], titles)
    for page in pages:
        src = page.file.src_uri
        local = state.local_page(src) is not None
        units += page_units(src, page.content or "", titles[src], local)
    return units


def write_snapshot(path: Path, state: Any, units: list[Unit]) -> None:
    """This build's snapshot, dated with the build date (``SOURCE_DATE_EPOCH``)."""
    snapshot = state.history.current(units, state.edition.build_date.isoformat())
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(snapshot_json(snapshot), encoding="utf-8")
    except OSError as exc:
        raise PluginError(f"{OUT}: {path}: cannot be written ({exc.strerror})") from None


@event_priority(50)  # before site_hooks.on_env starts the handbook PDF from these pages
def on_env(env: Any, config: Any, files: Files) -> Any:
    build = Current.build
    state = build.state
    if state.history is None:
        return env
    pages = [f.page for f in files.documentation_pages() if f.page is not None]
    guidance = [p for p in pages if is_guidance_page(p.file.src_uri)]
    units = build_units(state, guidance)
    try:
        steps = state.history.steps(units)
    except DataError as exc:
        raise PluginError(str(exc)) from None
    if os.environ.get(OUT):
        write_snapshot(Path(os.environ[OUT]), state, units)
    links = Links(state)
    changes = next((p for p in pages if PLACEHOLDER in (p.content or "")), None)
    latest = last_changed(steps)
    for page in guidance:
        src = page.file.src_uri
        shown = [cid for cid, c in state.checklists.items() if src in (c.page, print_page(cid))]
        step = latest.of(src, *(f"checklist:{cid}" for cid in shown))
        href = links.href(page, changes.file.src_uri, step.anchor) if changes and step else ""
        printed = any(src == print_page(cid) for cid in shown)
        line = str(changed_line(step, href, printed))
        if not line:
            continue  # no edition recorded yet
        content = page.content or ""
        page.content = insert_after(content, FIRST_HEADING, line) or line + content
    if changes is not None:
        order = {src: i for i, src in enumerate(state.pages)}
        current = {u.id: u for u in units}

        def link(unit: Unit) -> str | None:
            """The unit's section today, else its page; None if the page has gone too."""
            now = current.get(unit.id)
            page = now.page if now else unit.page
            if files.get_file_from_path(page) is None:
                return None
            return links.href(changes, page, (now.anchor or None) if now else None)

        if len(_kept) > 100:
            _kept.clear()
        pages_now = tuple(sorted(f.src_uri for f in files.documentation_pages()))
        key = (changes.url, pages_now, tuple(sorted((u.id, u.page, u.anchor) for u in units)))
        html = str(changes_page(steps, link, order, _kept, key))
        changes.content = (changes.content or "").replace(PLACEHOLDER, html)
    return env
