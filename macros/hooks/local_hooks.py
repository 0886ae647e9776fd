"""MkDocs hooks (``hooks:`` in mkdocs.yml) for an overlay's local content, which the macros
plugin's ``on_config`` has already checked: local pages join the site under ``local/`` as
prepared Markdown (``render_macros: false``), with raw HTML shown as text unless the
overlay sets ``allow_raw_html``; their HTML is sanitised (macros/render/sanitise.py),
with glossary links, the notice first and a table of contents from the sanitised
headings. Practice notes go into guidance pages after the title or the heading named.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.toc import nest_toc_tokens
from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import get_toc

# MkDocs puts only this file's folder on sys.path while it loads a hook; the
# `macros` package lives in the project root and is not installed (pyproject.toml).
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from macros.hooks import Current
from macros.hooks.placement import FIRST_HEADING, heading_pattern, insert_after
from macros.render.local import note_html, notice_html
from macros.render.sanitise import fill_placeholders, headings, sanitise

# Notes whose heading is missing, and term() calls in a heading: the data step checks both
# from the Markdown first (data/headings.py, local_pages.py); this catches a disagreement.
# Reported in on_env, so MkDocs does not wrap it in its "Error reading page" line.
_problems: list[str] = []


class RawHtml(Extension):  # type: ignore[misc]
    """Raw HTML off for the page being rendered (MkDocs makes a Markdown per page)."""

    allowed = True

    def extendMarkdown(self, md: Markdown) -> None:
        if not self.allowed:
            md.preprocessors.deregister("html_block", strict=False)
            md.inlinePatterns.deregister("html", strict=False)


_raw_html = RawHtml()


def on_config(config: Any) -> Any:
    config["markdown_extensions"].append(_raw_html)
    return config


def on_files(files: Files, config: Any) -> Files:
    _problems.clear()
    for source in Current.build.state.local_pages:
        files.append(File.generated(config, source.src_uri, content=source.markdown))
    return files


def on_pre_page(page: Any, config: Any, files: Files) -> Any:
    state = Current.build.state
    local = state.local_page(page.file.src_uri) is not None
    _raw_html.allowed = not local or bool(state.overlay and state.overlay.allow_raw_html)
    return page


def local_page_html(html: str, source: Any, build: Any, page: Any) -> str:
    """A local page's HTML, sanitised, with its glossary links, notice and contents."""
    pattern = re.compile(rf"hbterm{source.token}n(\d+)x")
    calls = source.terms
    plain = {i: c.text for i, c in enumerate(calls)}
    html, in_headings = fill_placeholders(
        sanitise(html, pattern, plain),
        pattern,
        lambda i: build.macros.reference.term(page, calls[i].name, calls[i].text),
        plain,
        {i: c.source for i, c in enumerate(calls)},
    )
    _problems.extend(
        f"{source.label}: line {calls[i].line}: term() is for running text, not headings"
        for i in in_headings
    )
    # MkDocs reads the table of contents from the Markdown, before the sanitiser has run;
    # the theme prints its titles and ids as they are.
    page.toc = get_toc(
        nest_toc_tokens([{"level": h.level, "id": h.id, "name": h.title} for h in headings(html)])
    )
    if source.meta_title:
        page.meta["title"] = escape(source.meta_title)
    # The notice: right after the page's title if it starts with one, else first of all.
    notice = str(notice_html(build.state.overlay.organisation))
    start = html.lstrip()
    title = FIRST_HEADING.match(start)
    if title is None:
        return notice + "\n" + html
    return start[: title.end()] + "\n" + notice + start[title.end() :]


def on_page_content(html: str, page: Any, config: Any, files: Files) -> str:
    build = Current.build
    overlay = build.state.overlay
    if overlay is None:
        return html
    source = build.state.local_page(page.file.src_uri)
    if source is not None:
        return local_page_html(html, source, build, page)
    src = page.file.src_uri
    for i, note in enumerate(overlay.notes):
        if note.page != src:
            continue
        box = str(note_html(overlay.organisation, note.text))
        if note.anchor is None:
            html = insert_after(html, FIRST_HEADING, box) or box + "\n" + html
            continue
        placed = insert_after(html, heading_pattern(note.anchor), box)
        if placed is None:
            _problems.append(
                f"{build.state.overlay_label}: notes[{i}].anchor: no heading "
                f"'#{note.anchor}' on page '{note.page}'"
            )
            continue
        html = placed
    return html


def on_env(env: Any, config: Any, files: Files) -> Any:
    if _problems:
        raise PluginError("\n".join(_problems))
    return env
