"""Search: the search aids in the index, and the handbook's search worker in front of
Material's (guides/content.md, "Search").

- :func:`add_aids` puts each page's search aids (macros/data/search_aids.py) into an
  ``aids`` field of the page's entry in ``search/search_index.json``, after Material's
  search plugin writes it and before the offline plugin copies it into
  ``search_index.js``. Material indexes every field the index's ``config.fields`` names
  (the weights are in mkdocs.yml) and shows only the title and text in results: the
  aids find a page and are never shown.
- :func:`worker_file` makes the handbook's worker (docs/assets/javascripts/search-worker.js,
  which tidies each query, then loads Material's worker) under a content-hashed name, and
  :func:`point_to_worker` gives it to Material in place of its own worker.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..data.glossary import Glossary
from ..data.paths import GLOSSARY_FILE, GLOSSARY_PAGE, page_url
from ..data.search_aids import SearchAids
from .assets import hashed_name, theme_files

AIDS_FIELD = "aids"  # weighed in mkdocs.yml (plugins: search: fields)
WORKER_SOURCE = "assets/javascripts/search-worker.js"
MATERIAL_WORKER = "assets/javascripts/workers"
PLACEHOLDER = "__MATERIAL_WORKER__"
CONFIG_SCRIPT = re.compile(
    r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S
)
HEADING_ID = re.compile(r'<h[1-6][^>]*\sid="([^"]+)"')


class SearchError(Exception):
    """A search aid or glossary link with no place in the built site (one line each)."""


def material_worker(theme_dirs: Iterable[str]) -> str:
    """Material's search worker, as a path in the site (``assets/javascripts/workers/…``)."""
    found = theme_files(theme_dirs, f"{MATERIAL_WORKER}/search.*.min.js")
    if len(found) != 1:
        raise SearchError(
            f"the theme has {len(found)} search workers in {MATERIAL_WORKER}/ "
            f"({', '.join(found) or 'none'}); the handbook's worker loads exactly one"
        )
    return found[0]


def worker_file(source: str, material: str) -> tuple[str, str]:
    """The handbook's worker: its hashed path in the site and its text, which loads
    Material's worker from ``material`` (a path in the site)."""
    if source.count(PLACEHOLDER) != 1:
        raise SearchError(f"docs/{WORKER_SOURCE}: expected {PLACEHOLDER} exactly once")
    here = posixpath.dirname(WORKER_SOURCE)
    text = source.replace(PLACEHOLDER, posixpath.relpath(material, here))
    return hashed_name(WORKER_SOURCE, text.encode("utf-8")), text


def point_to_worker(html: str, material: str, own: str) -> str:
    """A built page whose Material configuration names the handbook's worker."""

    def swap(match: re.Match[str]) -> str:
        config = match.group(2)
        if config.count(f'{material}"') != 1:
            raise SearchError(f"the page's Material configuration does not name {material}")
        return match.group(1) + config.replace(f'{material}"', f'{own}"') + match.group(3)

    return CONFIG_SCRIPT.sub(swap, html, count=1)


def heading_ids(html: str) -> set[str]:
    """The ids of a page's headings (what a link's ``#anchor`` may name)."""
    return set(HEADING_ID.findall(html))


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
    """Put the aids into ``index`` (Material's search index, as read from JSON); one line
    for each page with aids that the index leaves out."""
    docs, config = index.get("docs"), index.get("config")
    if not isinstance(docs, list) or not isinstance(config, dict):
        return ["search/search_index.json: not a Material search index (no config or docs)"]
    if AIDS_FIELD not in config.get("fields", {}):
        return [
            f"mkdocs.yml: plugins: search: fields: has no '{AIDS_FIELD}' field, so the "
            "search aids would not be searched"
        ]
    by_location = {doc.get("location"): doc for doc in docs if isinstance(doc, dict)}
    where = {t.page: t.where for t in aids.targets}
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


def rewrite_index(path: Path, aids: SearchAids, glossary: Glossary, directory_urls: bool) -> None:
    """:func:`add_aids` on the index file at ``path``, written back as Material writes it."""
    index = json.loads(path.read_text(encoding="utf-8"))
    problems = add_aids(index, aids, glossary, directory_urls)
    if problems:
        raise SearchError("\n".join(problems))
    path.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")
