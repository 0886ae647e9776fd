"""The handbook's state, assembled in one place and read-only after.

:func:`assemble` loads and validates every data file, merges the overlay (its local
pages, notes and checklist items), loads the accessibility results and the source
trace, and scans the Markdown sources for usage. The macros, the hooks and the PDF step
only read the :class:`State` it returns.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from . import source as provenance
from .edition import Edition
from .files import DataError, read_text
from .glossary import Glossary, load_glossary
from .headings import heading_ids
from .history import History, load_history, state_units
from .loading import check_owned, load_checklists, load_overlay, load_references, overlay_folder
from .local_models import LocalOverlay
from .local_pages import LocalSource, local_pages
from .logo import Logo
from .marks import printable
from .models import Checklist, Reference
from .overlay import check_notes, merge_items, overdue
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
from .usage import Usage, scan

T = TypeVar("T")


@dataclass(frozen=True)
class State:
    """All handbook data, validated at start-up."""

    root: Path
    docs_dir: Path
    edition: Edition
    directory_urls: bool
    pages: tuple[str, ...]  # the navigation's Markdown sources, in order
    references: Mapping[str, Reference]
    glossary: Glossary
    checklists: Mapping[str, Checklist]  # with the overlay's local items
    overlay: LocalOverlay | None
    overlay_path: Path | None
    overlay_label: str
    logo: Logo | None  # the overlay's logo, checked
    local_pages: tuple[LocalSource, ...]
    a11y: A11yResults
    usage: Usage
    source: provenance.Source | None
    source_problems: tuple[str, ...]
    search_aids: SearchAids  # with the overlay's, for its local pages
    components: tuple[Component, ...]  # third-party components shipped (data/third-party.yml)
    history: History | None = None  # the published editions (editions/, macros/data/history.py)

    @property
    def downloads(self) -> Downloads:
        return Downloads(self.edition.version)

    @property
    def stamp(self) -> str:
        """The edition line for paper, with the organisation's name if there is an overlay."""
        if self.overlay:
            return f"{self.overlay.organisation} · {self.edition.line}"
        return self.edition.line

    def checklist_changed(self, checklist_id: str) -> str:
        """ "Checklist last changed in version X", for paper and PDFs (macros/data/history.py)."""
        if self.history is None:
            return ""
        units = state_units(self.checklists.values(), (), ())
        step = self.history.data_changes(units).of(f"checklist:{checklist_id}")
        return f"Checklist last changed in version {step.version}" if step else ""

    def checklist_stamp(self, checklist_id: str) -> str:
        """The edition line for a printed checklist, with when the checklist last changed."""
        changed = self.checklist_changed(checklist_id)
        return f"{self.stamp} · {changed}" if changed else self.stamp

    def cite_text(self, keys: Sequence[str]) -> str:
        """Citations as plain text (paper and PDF checklists)."""
        return "; ".join(self.references[k].label for k in keys)

    def record_order(self) -> list[Checklist]:
        """Every checklist in navigation order of its page: the stages, then the prompt lists."""
        position = {src: i for i, src in enumerate(self.pages)}
        return sorted(self.checklists.values(), key=lambda c: position.get(c.page, len(position)))

    def local_page(self, src_uri: str) -> LocalSource | None:
        return next((p for p in self.local_pages if p.src_uri == src_uri), None)

    def unused(self) -> list[str]:
        """Data that no page uses: one line each, naming the file and the entry."""
        refs = [
            f"{REFERENCES_FILE}: '{key}' is not cited on any page"
            for key in self.references
            if key not in self.usage.cites
        ]
        terms = [
            f"{GLOSSARY_FILE}: '{e.id}' is not used on any page"
            for e in self.glossary.entries
            if e.id not in self.usage.terms
        ]
        return refs + terms + list(self.source_problems)


class Steps:
    """Runs the steps of the assembly and keeps every problem they report.

    A step with a problem does not stop the others: the steps after it still run where
    they can (a step whose input had a problem is skipped, so one mistake is reported
    once), and every problem is reported together, one line each."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def run(self, step: Callable[[], T]) -> T | None:
        try:
            return step()
        except DataError as exc:
            self.problems += [printable(line) for line in str(exc).split("\n")]  # one line each
            return None


@dataclass(frozen=True)
class Loaded:
    """What the steps made; None where a step had a problem."""

    references: Mapping[str, Reference] | None
    glossary: Glossary | None
    checklists: Mapping[str, Checklist] | None
    overlay: LocalOverlay | None
    logo: Logo | None
    local_pages: tuple[LocalSource, ...]
    a11y: A11yResults | None
    sources: list[tuple[str, str]] | None
    source: provenance.Source | None
    components: tuple[Component, ...] | None
    search_aids: SearchAids | None
    history: History | None


def load(
    steps: Steps,
    root: Path,
    docs_dir: Path,
    pages: Sequence[str],
    edition: Edition,
    overlay_file: str | None,
    a11y_results: str | None,
) -> Loaded:
    """Load and check every data file and the overlay, and read the pages' sources."""
    references = steps.run(lambda: load_references(root / REFERENCES_FILE, REFERENCES_FILE))
    glossary = checklists = None
    if references is not None:
        refs = references
        glossary = steps.run(lambda: load_glossary(root / GLOSSARY_FILE, GLOSSARY_FILE, refs))
    if references is not None and glossary is not None:
        refs, terms = references, glossary
        checklists = steps.run(
            lambda: load_checklists(root / CHECKLISTS_DIR, root, refs, terms, docs_dir)
        )
    aids = aid_names = None
    if glossary is not None:
        entries = glossary
        steps.run(lambda: check_explained(entries, pages, GLOSSARY_FILE))
        found = steps.run(
            lambda: load_search_aids(root / SEARCH_AIDS_FILE, SEARCH_AIDS_FILE, entries, pages)
        )
        aids, aid_names = found or (None, None)
    # A page missing from docs/ is reported by MkDocs itself (nav validation).
    sources = steps.run(
        lambda: [
            (src, read_text(docs_dir / src, f"docs/{src}"))
            for src in pages
            if (docs_dir / src).is_file()
        ]
    )
    overlay = logo = None
    local: list[LocalSource] | None = []
    if overlay_file:
        path, label = root / overlay_file, overlay_file
        owned = steps.run(lambda: check_owned(path, overlay_folder(path), root))
        if owned is not None:  # nothing of an overlay is read before it is known to be its own
            got = steps.run(lambda: load_overlay(path, label))
            overlay, logo, problems = got or (None, None, [])
            steps.problems += problems
    if overlay is not None and overlay_file:
        read = overlay
        if glossary is not None:
            names = list(glossary.by_name)
            local = steps.run(lambda: local_pages(read, path, root, names))
        if sources is not None:
            headings = {src: heading_ids(text) for src, text in sources}
            steps.run(lambda: check_notes(read, headings, label))
        if checklists is not None:
            merged = checklists
            checklists = steps.run(lambda: merge_items(merged, read, label))
        if aids is not None and aid_names is not None:
            base, known = aids, aid_names
            aids = steps.run(lambda: add_local_aids(base, known, read, label))
    return Loaded(
        references=references,
        glossary=glossary,
        checklists=checklists,
        overlay=overlay,
        logo=logo,
        local_pages=tuple(local or ()),
        a11y=steps.run(lambda: load_results(root, a11y_results)[0]),
        sources=sources,
        source=steps.run(lambda: provenance.load(root)),
        components=steps.run(lambda: load_components(root)),
        search_aids=aids,
        history=steps.run(
            lambda: load_history(
                root, edition.version, overlay_folder(root / overlay_file) if overlay_file else None
            )
        ),
    )


def check(
    root: Path, docs_dir: Path, pages: Sequence[str], edition: Edition, overlay_file: str | None
) -> tuple[list[str], list[str]]:
    """Every problem :func:`assemble` would find, without making a State (`make check`),
    and the notices a build would print (a next review date that has passed)."""
    steps = Steps()
    got = load(steps, root, docs_dir, pages, edition, overlay_file, None)
    notice = overdue(got.overlay.review, edition.build_date) if got.overlay else None
    return steps.problems, [notice] if notice else []


def assemble(
    root: Path,
    docs_dir: Path,
    pages: Sequence[str],
    edition: Edition,
    directory_urls: bool = True,
    overlay_file: str | None = None,
    a11y_results: str | None = None,
) -> State:
    """Load, validate, merge the overlay and scan usage: the one way a State is made.

    Every problem is reported in one :class:`macros.data.files.DataError`, one line each
    naming the file and field."""
    steps = Steps()
    got = load(steps, root, docs_dir, pages, edition, overlay_file, a11y_results)
    references, glossary, checklists = got.references, got.glossary, got.checklists
    if steps.problems:
        raise DataError("\n".join(steps.problems))
    if references is None or glossary is None or checklists is None:
        raise DataError("(internal) a step failed without saying why")
    if got.a11y is None or got.sources is None or got.components is None:
        raise DataError("(internal) a step failed without saying why")
    if got.search_aids is None:
        raise DataError("(internal) a step failed without saying why")
    return State(
        root=root,
        docs_dir=docs_dir,
        edition=edition,
        directory_urls=directory_urls,
        pages=tuple(pages),
        references=references,
        glossary=glossary,
        checklists=checklists,
        overlay=got.overlay,
        overlay_path=root / overlay_file if overlay_file else None,
        overlay_label=overlay_file or "",
        logo=got.logo,
        local_pages=got.local_pages,
        a11y=got.a11y,
        usage=scan(got.sources, glossary, checklists, GLOSSARY_PAGE),
        source=got.source,
        source_problems=tuple(got.source.problems(got.sources) if got.source else ()),
        components=got.components,
        search_aids=got.search_aids,
        history=got.history,
    )
