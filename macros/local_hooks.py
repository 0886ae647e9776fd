"""MkDocs hooks (``hooks:`` in mkdocs.yml) for an overlay's local content.

The macros plugin loads and validates the overlay first (its ``on_config`` runs
before any hook); these hooks only place what it checked:

- ``on_files``: the overlay's local pages join the site under ``local/``;
- ``on_page_content``: the local-page notice and the practice notes go into the
  rendered page, after its title or the heading a note names.
"""

from __future__ import annotations

from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

# Notes whose heading is missing, found while pages render; reported together in on_env,
# so the message is not wrapped in MkDocs' "Error reading page" line.
_missing: list[str] = []


def _handbook(config: Any) -> Any:
    return config["plugins"]["macros"].variables["_handbook"]


def on_files(files: Files, config: Any) -> Files:
    _missing.clear()
    for source in _handbook(config).local_pages:
        files.append(File.generated(config, source.src_uri, abs_src_path=str(source.path)))
    return files


def on_page_content(html: str, page: Any, config: Any, files: Files) -> str:
    from macros.overlay import FIRST_HEADING, heading_pattern, insert_after
    from macros.render.overlay import note_html, notice_html

    handbook = _handbook(config)
    overlay = handbook.overlay
    if overlay is None:
        return html
    src = page.file.src_uri
    if src in {p.src_uri for p in handbook.local_pages}:
        notice = str(notice_html(overlay.organisation))
        html = insert_after(html, FIRST_HEADING, notice) or notice + "\n" + html
    for i, note in enumerate(overlay.notes):
        if note.page != src:
            continue
        box = str(note_html(overlay.organisation, note.text))
        if note.anchor is None:
            html = insert_after(html, FIRST_HEADING, box) or box + "\n" + html
            continue
        placed = insert_after(html, heading_pattern(note.anchor), box)
        if placed is None:
            _missing.append(
                f"{handbook.overlay_label}: notes[{i}].anchor: no heading "
                f"'#{note.anchor}' on page '{note.page}'"
            )
            continue
        html = placed
    return html


def on_env(env: Any, config: Any, files: Files) -> Any:
    if _missing:
        raise PluginError("\n".join(_missing))
    return env
