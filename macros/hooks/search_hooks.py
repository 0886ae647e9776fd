"""MkDocs hooks (``hooks:`` in mkdocs.yml) for search: the handbook's search worker in
place of Material's, and the search aids in the index. Only wiring: the logic is in
``macros.hooks.search``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

# MkDocs puts only this file's folder on sys.path while it loads a hook; the
# `macros` package lives in the project root and is not installed (pyproject.toml).
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from macros.hooks import build_of, search

_state: dict[str, Any] = {"material": "", "worker": "", "headings": {}}


def on_files(files: Files, config: Any) -> Files:
    """Publish the handbook's worker under a hashed name, and only there."""
    _state["headings"] = {}
    source = files.get_file_from_path(search.WORKER_SOURCE)
    if source is None or source.abs_src_path is None:
        raise PluginError(f"docs/{search.WORKER_SOURCE} is missing: search needs it")
    files.remove(source)
    try:
        material = search.material_worker(config["theme"].dirs)
        path, text = search.worker_file(
            Path(source.abs_src_path).read_text(encoding="utf-8"), material
        )
    except search.SearchError as exc:
        raise PluginError(str(exc)) from None
    files.append(File.generated(config, path, content=text))
    _state["material"], _state["worker"] = material, path
    return files


def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    _state["headings"][page.file.src_uri] = search.heading_ids(page.content or "")
    return context


def _point(html: str) -> str:
    try:
        return search.point_to_worker(html, _state["material"], _state["worker"])
    except search.SearchError as exc:
        raise PluginError(str(exc)) from None


def on_post_page(output: str, page: Any, config: Any) -> str:
    return _point(output)


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    return _point(output_content)


@event_priority(
    -50
)  # after the search plugin writes the index, before the offline plugin copies it
def on_post_build(config: Any) -> None:
    state = build_of(config).state
    problems = search.explained_problems(state.glossary, _state["headings"])
    index = Path(config["site_dir"]) / "search" / "search_index.json"
    try:
        if index.is_file():
            search.rewrite_index(
                index, state.search_aids, state.glossary, bool(config["use_directory_urls"])
            )
    except search.SearchError as exc:
        problems.append(str(exc))
    if problems:
        raise PluginError("\n".join(problems))
