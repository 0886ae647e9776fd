"""The handbook's state, assembled in one place and read-only after.

:func:`assemble` loads and validates every data file, merges the overlay (its local
pages, notes and checklist items), loads the accessibility results and the source
trace, and scans the Markdown sources for usage. The macros, the hooks and the PDF step
only read the :class:`State` it returns.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import source as provenance
from .edition import Edition
from .files import read_text
from .glossary import Glossary, load_glossary
from .loading import load_checklists, load_overlay, load_references
from .local_pages import LocalSource, local_pages
from .logo import Logo
from .models import Checklist, LocalOverlay, Reference
from .overlay import check_notes, merge_items
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
from .usage import Usage, scan


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
    search_aids: SearchAids  # with the overlay's, for its local pages
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

    @property
    def downloads(self) -> Downloads:
        return Downloads(self.edition.version)

    @property
    def stamp(self) -> str:
        """The edition line for paper, with the organisation's name if there is an overlay."""
        if self.overlay:
            return f"{self.overlay.organisation} · {self.edition.line}"
        return self.edition.line

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

    Every problem is a :class:`macros.data.files.DataError` naming the file and field."""
    references = load_references(root / REFERENCES_FILE, REFERENCES_FILE)
    glossary = load_glossary(root / GLOSSARY_FILE, GLOSSARY_FILE, references)
    check_explained(glossary, pages, GLOSSARY_FILE)
    aids, names = load_search_aids(root / SEARCH_AIDS_FILE, SEARCH_AIDS_FILE, glossary, pages)
    checklists = load_checklists(root / CHECKLISTS_DIR, root, references, glossary, docs_dir)
    overlay_path = root / overlay_file if overlay_file else None
    overlay, logo = (
        load_overlay(overlay_path, overlay_file) if overlay_path and overlay_file else (None, None)
    )
    local: list[LocalSource] = []
    if overlay and overlay_path and overlay_file:
        local = local_pages(overlay, overlay_path, root, list(glossary.by_name))
        check_notes(overlay, pages, overlay_file)
        checklists = merge_items(checklists, overlay, overlay_file)
        aids = add_local_aids(aids, names, overlay, overlay_file)
    a11y, _ = load_results(root, a11y_results)
    # A page missing from docs/ is reported by MkDocs itself (nav validation).
    sources = [
        (src, read_text(docs_dir / src, f"docs/{src}"))
        for src in pages
        if (docs_dir / src).is_file()
    ]
    source = provenance.load(root)
    return State(
        root=root,
        docs_dir=docs_dir,
        edition=edition,
        directory_urls=directory_urls,
        pages=tuple(pages),
        references=references,
        glossary=glossary,
        search_aids=aids,
        checklists=checklists,
        overlay=overlay,
        overlay_path=overlay_path,
        overlay_label=overlay_file or "",
        logo=logo,
        local_pages=tuple(local),
        a11y=a11y,
        usage=scan(sources, glossary, checklists, GLOSSARY_PAGE),
        source=source,
        source_problems=tuple(source.problems(sources) if source else ()),
    )
