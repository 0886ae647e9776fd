"""The handbook's state: every data file loaded and checked, the overlay merged, the pages'
usage scanned, once (:func:`assemble`); the macros, hooks and PDF step only read it."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from . import source as provenance
from .changes import History, load_history
from .edition import Edition
from .files import DataError, fail, read_text
from .glossary import Glossary, load_glossary
from .loading import (
    check_notes,
    check_owned,
    load_checklists,
    load_overlay,
    load_references,
    merge_items,
    overdue,
    overlay_folder,
)
from .local_models import LocalOverlay
from .local_pages import LocalSource, local_pages
from .logo import Logo
from .marks import printable
from .models import Checklist, Reference
from .paths import (
    CHECKLISTS_DIR,
    GLOSSARY_FILE,
    GLOSSARY_PAGE,
    REFERENCES_FILE,
    SEARCH_AIDS_FILE,
    Downloads,
)
from .results import A11yResults, load_results
from .search_aids import SearchAids, add_local_aids, check_explained, load_search_aids
from .third_party import Component, load_components
from .units import state_units

T = TypeVar("T")
CALL = re.compile(r"\{\{-?\s*(term|cite)\(((?:[^()\"']|\"[^\"]*\"|'[^']*')*)\)\s*-?\}\}")
H1 = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)


def call_args(raw: str) -> tuple[str, ...]:
    try:
        value = ast.literal_eval(f"({raw},)")
    except (SyntaxError, ValueError):
        return ()
    return tuple(v for v in value if isinstance(v, str))


class Usage(NamedTuple):
    """Which pages (by source path, in navigation order) use each term and citation."""

    titles: dict[str, str]
    terms: dict[str, list[str]]
    cites: dict[str, list[str]]


def _by_key(pairs: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for key, page in dict.fromkeys(pairs):  # each pair once, in first-use order
        out.setdefault(key, []).append(page)
    return out


def scan(
    pages: Iterable[tuple[str, str]], glossary: Glossary, checklists: Mapping[str, Checklist]
) -> Usage:
    """Scan ``(src_path, markdown)`` up front: backlinks are needed before the Glossary and
    References render. Checklist data counts for the page that embeds it."""
    titles: dict[str, str] = {}
    terms: list[tuple[str, str]] = []
    cites: list[tuple[str, str]] = []
    embedded = {c.page: c for c in checklists.values()}
    for src, text in pages:
        title = H1.search(text)
        titles[src] = title.group(1) if title else Path(src).stem
        for match in CALL.finditer(text):
            args = call_args(match.group(2))
            if match.group(1) == "cite":
                cites += [(key, src) for key in args]
            elif args and (entry := glossary.find(args[0])) is not None:
                terms.append((entry.id, src))
        if (checklist := embedded.get(src)) is not None:
            terms += [(term, src) for item in checklist.items for term in item.terms]
            cites += [(key, src) for key in checklist.cite]
    cites += [(key, GLOSSARY_PAGE) for entry in glossary.entries for key in entry.cite]
    return Usage(titles, _by_key(terms), _by_key(cites))


@dataclass(frozen=True)
class State:
    edition: Edition
    directory_urls: bool
    pages: tuple[str, ...]  # the navigation's Markdown sources, in order
    references: Mapping[str, Reference]
    glossary: Glossary
    checklists: Mapping[str, Checklist]  # with the overlay's local items
    overlay: LocalOverlay | None
    overlay_label: str
    logo: Logo | None  # the overlay's logo, checked
    local_pages: tuple[LocalSource, ...]
    a11y: A11yResults
    usage: Usage
    source: provenance.Source | None
    source_problems: tuple[str, ...]
    search_aids: SearchAids  # with the overlay's, for its local pages
    components: tuple[Component, ...]  # third-party components shipped (data/third-party.yml)
    history: History | None = None  # the published editions (editions/, macros/data/changes.py)

    @property
    def downloads(self) -> Downloads:
        return Downloads(self.edition.version)

    @property
    def stamp(self) -> str:
        line = self.edition.line
        return f"{self.overlay.organisation} · {line}" if self.overlay else line

    def checklist_changed(self, checklist_id: str) -> str:
        if self.history is None:
            return ""
        units = state_units(self.checklists.values(), (), ())
        step = self.history.data_changes(units).of(f"checklist:{checklist_id}")
        return f"Checklist last changed in version {step.version}" if step else ""

    def checklist_stamp(self, checklist_id: str) -> str:
        changed = self.checklist_changed(checklist_id)
        return f"{self.stamp} · {changed}" if changed else self.stamp

    def cite_text(self, keys: Sequence[str]) -> str:
        return "; ".join(self.references[k].label for k in keys)

    def record_order(self) -> list[Checklist]:
        position = {src: i for i, src in enumerate(self.pages)}
        return sorted(self.checklists.values(), key=lambda c: position.get(c.page, len(position)))

    def local_page(self, src_uri: str) -> LocalSource | None:
        return next((p for p in self.local_pages if p.src_uri == src_uri), None)

    def unused(self) -> list[str]:
        refs = [key for key in self.references if key not in self.usage.cites]
        terms = [e.id for e in self.glossary.entries if e.id not in self.usage.terms]
        return [
            *(f"{REFERENCES_FILE}: '{key}' is not cited on any page" for key in refs),
            *(f"{GLOSSARY_FILE}: '{term}' is not used on any page" for term in terms),
            *self.source_problems,
        ]


def load(
    root: Path,
    docs_dir: Path,
    pages: Sequence[str],
    edition: Edition,
    overlay_file: str | None,
    a11y_results: str | None,
) -> tuple[dict[str, Any], list[str]]:
    """The :class:`State`'s fields (and ``sources``), None where a step failed; every problem."""
    problems: list[str] = []

    def run(step: Callable[..., T], *args: Any) -> T | None:
        """A step given a None (a failed step's) is skipped, so one mistake is reported once."""
        if any(arg is None for arg in args):
            return None
        try:
            return step(*args)
        except DataError as exc:
            problems.extend(printable(line) for line in str(exc).split("\n"))
            return None

    refs = run(load_references, root / REFERENCES_FILE, REFERENCES_FILE)
    glossary = run(load_glossary, root / GLOSSARY_FILE, GLOSSARY_FILE, refs)
    checklists = run(load_checklists, root / CHECKLISTS_DIR, root, refs, glossary, docs_dir)
    run(check_explained, glossary, pages, GLOSSARY_FILE)
    found = run(load_search_aids, root / SEARCH_AIDS_FILE, SEARCH_AIDS_FILE, glossary, pages)
    aids, aid_names = found or (None, None)
    # A page missing from docs/ is reported by MkDocs itself (nav validation).
    sources = run(
        lambda: [
            (src, read_text(docs_dir / src, f"docs/{src}"))
            for src in pages
            if (docs_dir / src).is_file()
        ]
    )
    overlay = logo = local = None
    path = root / overlay_file if overlay_file else None
    # Nothing of an overlay (its editions too) is read before it is known to be its own.
    folder = run(check_owned, path, overlay_folder(path), root) if path else None
    if path and folder:
        overlay, logo, noted = run(load_overlay, path, overlay_file) or (None, None, [])
        problems += noted
    if overlay is not None:
        names = list(glossary.by_name) if glossary else None
        local = run(local_pages, overlay, path, root, names)
        run(check_notes, overlay, sources, overlay_file)
        checklists = run(merge_items, checklists, overlay, overlay_file)
        aids = run(add_local_aids, aids, aid_names, overlay, overlay_file)
    return {
        "references": refs,
        "glossary": glossary,
        "checklists": checklists,
        "overlay": overlay,
        "logo": logo,
        "local_pages": tuple(local or ()),
        "a11y": run(lambda: load_results(root, a11y_results)),
        "sources": sources,
        "source": run(provenance.load, root),
        "components": run(load_components, root),
        "search_aids": aids,
        "history": run(lambda: load_history(root, edition.version, folder)),
    }, problems


def check(
    root: Path, docs_dir: Path, pages: Sequence[str], edition: Edition, overlay_file: str | None
) -> tuple[list[str], list[str]]:
    """:func:`assemble`'s problems without a State (`make check`), and a build's notices."""
    fields, problems = load(root, docs_dir, pages, edition, overlay_file, None)
    overlay = fields["overlay"]
    notice = overdue(overlay.review, edition.build_date) if overlay else None
    return problems, [notice] if notice else []


def assemble(
    root: Path,
    docs_dir: Path,
    pages: Sequence[str],
    edition: Edition,
    directory_urls: bool = True,
    overlay_file: str | None = None,
    a11y_results: str | None = None,
) -> State:
    """The one way a State is made; every problem in one :class:`DataError`."""
    got, problems = load(root, docs_dir, pages, edition, overlay_file, a11y_results)
    fail(problems)
    sources, source = got.pop("sources"), got["source"]
    return State(
        edition=edition,
        directory_urls=directory_urls,
        pages=tuple(pages),
        overlay_label=overlay_file or "",
        usage=scan(sources, got["glossary"], got["checklists"]),
        source_problems=tuple(source.problems(sources) if source else ()),
        **got,
    )
