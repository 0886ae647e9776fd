"""MkDocs hooks (``hooks:`` in mkdocs.yml) for search (guides/content.md, "Search"): the
search aids in an ``aids`` field of the index (Material searches every field
``config.fields`` names); the handbook's worker (tidies each query, then loads Material's)
under a hashed name; the dialog's accessible name (axe: aria-dialog-name) and its help.
"""

from __future__ import annotations

import json
import posixpath
import re
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.utils import normalize_url

# MkDocs puts only this file's folder on sys.path while it loads a hook; the
# `macros` package lives in the project root and is not installed (pyproject.toml).
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from macros import hooks
from macros.data.glossary import Glossary
from macros.data.paths import GLOSSARY_FILE, GLOSSARY_PAGE, page_url
from macros.data.search_aids import SearchAids
from macros.hooks.assets import hashed_name, theme_file

AIDS_FIELD = "aids"  # weighed in mkdocs.yml (plugins: search: fields)
WORKER_SOURCE = "assets/javascripts/search-worker.js"
MATERIAL_WORKER = "assets/javascripts/workers"
PLACEHOLDER = "__MATERIAL_WORKER__"
CONFIG_SCRIPT = re.compile(
    r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S
)
HEADING_ID = re.compile(r'<h[1-6][^>]*\sid="([^"]+)"')
#: Material's search dialog, its name (the options' label) and its result list.
DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
DIALOG_NAME = re.compile(r'<nav class="md-search__options" aria-label="([^"]*)">')
RESULT_LIST = '<ol class="md-search-result__list" role="presentation"></ol>'
#: The help's links, each there only if its page is built: source file → text, ending.
HELP_LINKS = {GLOSSARY_PAGE: ("Glossary A–Z", ";"), "prompts/index.md": ("prompt lists", ".")}


def worker_file(source: str, material: str) -> tuple[str, str]:
    """The handbook's worker, loading Material's from ``material``: its hashed path, text."""
    here = posixpath.dirname(WORKER_SOURCE)
    text = source.replace(PLACEHOLDER, posixpath.relpath(material, here))
    return hashed_name(WORKER_SOURCE, text.encode("utf-8")), text


def point_to_worker(html: str, material: str, own: str) -> str:
    """A built page whose Material configuration names the handbook's worker."""

    def swap(match: re.Match[str]) -> str:
        config = match.group(2)
        if config.count(f'{material}"') != 1:
            raise PluginError(f"the page's Material configuration does not name {material}")
        return match.group(1) + config.replace(f'{material}"', f'{own}"') + match.group(3)

    return CONFIG_SCRIPT.sub(swap, html, count=1)


def search_dialog(html: str, links: Mapping[str, str]) -> str:
    """A built page whose search dialog has a name and the help (``links``: source → href)."""
    if DIALOG not in html:
        return html  # no search on this page
    name = DIALOG_NAME.search(html)
    if html.count(DIALOG) != 1 or html.count(RESULT_LIST) != 1 or name is None:
        raise PluginError("the page's search dialog is not Material's (macros/hooks/search.py)")
    items = "".join(
        f'<li>the <a href="{escape(links[src])}">{text}</a>{end}</li>'
        for src, (text, end) in HELP_LINKS.items()
        if src in links
    )
    help_block = (
        '<div class="hb-search-help"><p>Nothing matches these words. Try:</p><ul>'
        "<li>the same words with fewer letters: “groom” finds grooming and groomed;</li>"
        f"<li>fewer words;</li>{items}</ul></div>"
    )
    html = html.replace(DIALOG, f'{DIALOG[:-1]} aria-label="{name[1]}">')
    return html.replace(RESULT_LIST, help_block + RESULT_LIST)


def explained_problems(glossary: Glossary, headings: Mapping[str, set[str]]) -> list[str]:
    """Each glossary entry's ``explained`` heading is on its page."""
    problems = []
    for i, entry in enumerate(glossary.entries):
        src, _, anchor = (entry.explained or "").partition("#")
        if anchor and anchor not in headings.get(src, set()):
            problems.append(
                f"{GLOSSARY_FILE}: [{i}].explained: no heading '#{anchor}' on page 'docs/{src}'"
            )
    return problems


def add_aids(
    index: dict[str, Any], aids: SearchAids, glossary: Glossary, directory_urls: bool
) -> list[str]:
    """Put the aids into Material's index; one line for each page with aids it leaves out."""
    docs, config = index.get("docs"), index.get("config")
    if not isinstance(docs, list) or not isinstance(config, dict):
        return ["search/search_index.json: not a Material search index (no config or docs)"]
    if AIDS_FIELD not in config.get("fields", {}):
        return [
            f"mkdocs.yml: plugins: search: fields: has no '{AIDS_FIELD}' field, so the "
            "search aids would not be searched"
        ]
    by_location = {doc.get("location"): doc for doc in docs if isinstance(doc, dict)}
    where = dict(aids.where)
    for i, entry in enumerate(glossary.entries):
        if entry.explained:
            where.setdefault(entry.explained.partition("#")[0], f"{GLOSSARY_FILE}: [{i}].explained")
    glossary_url = page_url(GLOSSARY_PAGE, directory_urls)
    wanted: list[tuple[str, Sequence[str], str]] = [
        (page_url(src, directory_urls), words, src) for src, words in aids.index(glossary).items()
    ]
    wanted += [
        (f"{glossary_url}#{term}", words, GLOSSARY_PAGE) for term, words in aids.terms.items()
    ]
    problems = []
    for location, words, src in wanted:
        doc = by_location.get(location)
        if doc is None:
            problems.append(
                f"{where.get(src, src)}: page 'docs/{src}' is left out of the search index "
                "(search: exclude), so its search aids cannot find it"
            )
        elif words:
            doc[AIDS_FIELD] = "; ".join(words)  # ";" is in no aid or glossary name
    return problems


_state: dict[str, Any] = {"material": "", "worker": "", "headings": {}, "help": {}}


def on_files(files: Files, config: Any) -> Files:
    """Publish the handbook's worker under a hashed name, and only there."""
    _state["headings"] = {}
    _state["help"] = {src: f for src in HELP_LINKS if (f := files.get_file_from_path(src))}
    source = files.get_file_from_path(WORKER_SOURCE)
    if source is None or source.abs_src_path is None:
        raise PluginError(f"docs/{WORKER_SOURCE} is missing: search needs it")
    files.remove(source)
    found = f"{MATERIAL_WORKER}/search.*.min.js"
    material = theme_file(config["theme"].dirs, found, "the handbook's search worker")
    path, text = worker_file(Path(source.abs_src_path).read_text(encoding="utf-8"), material)
    files.append(File.generated(config, path, content=text))
    _state["material"], _state["worker"] = material, path
    return files


def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    _state["headings"][page.file.src_uri] = set(HEADING_ID.findall(page.content or ""))
    return context


def _finish(html: str, page: Any, base: str) -> str:
    """``page`` None: an error page, whose links start from ``base`` (as MkDocs' ``url``)."""
    links = {src: normalize_url(f.url, page, base) for src, f in _state["help"].items()}
    return point_to_worker(search_dialog(html, links), _state["material"], _state["worker"])


def on_post_page(output: str, page: Any, config: Any) -> str:
    return _finish(output, page, "")


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    return _finish(output_content, None, urlsplit(config["site_url"] or "/").path)


@event_priority(-50)  # after the search plugin writes the index, before offline copies it
def on_post_build(config: Any) -> None:
    state = hooks.build.state
    problems = explained_problems(state.glossary, _state["headings"])
    index = Path(config["site_dir"]) / "search" / "search_index.json"
    if index.is_file():  # written back as Material writes it
        data = json.loads(index.read_text(encoding="utf-8"))
        urls = config["use_directory_urls"]
        problems += add_aids(data, state.search_aids, state.glossary, urls)
        index.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
    if problems:
        raise PluginError("\n".join(problems))
