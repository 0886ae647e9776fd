"""MkDocs hooks (``hooks:`` in mkdocs.yml) for what goes into the pages after Markdown.

An overlay's local pages (checked by ``define_env``) join under ``local/`` as prepared
Markdown, raw HTML as text unless ``allow_raw_html``, sanitised (render/sanitise.py), with
glossary links, the notice and a table of contents; practice notes go after the title or
the heading named. Once every page's content is ready (``on_env``, before the handbook PDF
starts), this build's units are compared with ``editions/``: the changes page gets its list,
each guidance page its "last changed" line, and ``HANDBOOK_EDITION_OUT`` the snapshot.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.toc import nest_toc_tokens
from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import get_toc

# MkDocs puts only this file's folder on sys.path while it loads a hook; the
# `macros` package lives in the project root and is not installed (pyproject.toml).
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from macros import hooks
from macros.data.changes import LastChanged
from macros.data.editions import Unit, snapshot_json
from macros.data.files import DataError
from macros.data.paths import print_page
from macros.data.units import is_guidance_page, note_units, page_units, state_units
from macros.pages.links import Links
from macros.render.changes import PLACEHOLDER, changes_page
from macros.render.changes import TEMPLATE as CHANGES
from macros.render.local import TEMPLATE as LOCAL
from macros.render.sanitise import fill_placeholders, headings, sanitise

OUT = "HANDBOOK_EDITION_OUT"
FIRST_HEADING = re.compile(r"<h1\b[^>]*>.*?</h1>", re.S)
STARTING_TITLE = re.compile(r"\A\s*<h1\b[^>]*>.*?</h1>", re.S)


def heading_pattern(anchor: str) -> re.Pattern[str]:
    """The whole heading element with ``id="anchor"`` in rendered page HTML."""
    return re.compile(rf'<h([1-6])\b[^>]*\bid="{re.escape(anchor)}"[^>]*>.*?</h\1>', re.S)


def insert_after(html: str, pattern: re.Pattern[str], block: str) -> str | None:
    """``html`` with ``block`` after the first match of ``pattern``; None if no match."""
    placed, found = pattern.subn(lambda match: f"{match[0]}\n{block}", html, count=1)
    return placed if found else None


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
    for source in hooks.build.state.local_pages:
        files.append(File.generated(config, source.src_uri, content=source.markdown))
    return files


def on_pre_page(page: Any, config: Any, files: Files) -> Any:
    state = hooks.build.state
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
    # The data step checks term() calls in headings and notes' headings first, from the
    # Markdown (data/local_pages.py, headings.py); these catch a disagreement.
    build.problems.extend(
        f"{source.label}: line {calls[i].line}: term() is for running text, not headings"
        for i in in_headings
    )
    # MkDocs reads the table of contents from the Markdown, before the sanitiser has run;
    # the theme prints its titles and ids as they are.
    page.toc = get_toc(nest_toc_tokens(headings(html)))
    if source.meta_title:
        page.meta["title"] = escape(source.meta_title)
    # The notice: right after the page's title if it starts with one, else first of all.
    notice = str(LOCAL.notice(build.state.overlay.organisation))
    return insert_after(html, STARTING_TITLE, notice) or notice + "\n" + html


def on_page_content(html: str, page: Any, config: Any, files: Files) -> str:
    build = hooks.build
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
        box = str(LOCAL.note(overlay.organisation, note.text))
        if note.anchor is None:
            html = insert_after(html, FIRST_HEADING, box) or box + "\n" + html
        elif (placed := insert_after(html, heading_pattern(note.anchor), box)) is not None:
            html = placed
        else:
            build.problems.append(
                f"{build.state.overlay_label}: notes[{i}].anchor: no heading "
                f"'#{note.anchor}' on page '{note.page}'"
            )
    return html


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
        units += page_units(src, page.content or "", titles[src], state.local_page(src) is not None)
    return units


@event_priority(50)  # first: raises the pages' problems; before site_hooks starts the PDF
def on_env(env: Any, config: Any, files: Files) -> Any:
    build = hooks.build
    if build.problems:
        raise PluginError("\n".join(build.problems))
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
    if os.environ.get(OUT):  # this build's snapshot, dated with the build date
        out = Path(os.environ[OUT])
        snapshot = state.history.current(units, state.edition.build_date.isoformat())
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(snapshot_json(snapshot), encoding="utf-8")
        except OSError as exc:
            raise PluginError(f"{OUT}: {out}: cannot be written ({exc.strerror})") from None
    links = Links(state)
    changes = next((p for p in pages if PLACEHOLDER in (p.content or "")), None)
    latest = LastChanged(steps)
    for page in guidance:
        src = page.file.src_uri
        shown = [cid for cid, c in state.checklists.items() if src in (c.page, print_page(cid))]
        step = latest.of(src, *(f"checklist:{cid}" for cid in shown))
        if step is None:
            continue  # no edition recorded yet
        href = links.href(page, changes.file.src_uri, step.anchor) if changes else ""
        printed = any(src == print_page(cid) for cid in shown)
        line = str(CHANGES.changed(step, href, printed))
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

        # Every edition rendered again in each build of `make serve`: about 40 ms.
        html = str(changes_page(steps, link, order))
        changes.content = (changes.content or "").replace(PLACEHOLDER, html)
    return env
