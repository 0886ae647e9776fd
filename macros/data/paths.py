"""Where things are: the data files, the pages the macros link to, and the addresses MkDocs
gives pages and downloads."""

from __future__ import annotations

from typing import NamedTuple

from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

REFERENCES_FILE = "data/references.yml"
GLOSSARY_FILE = "data/glossary.yml"
SEARCH_AIDS_FILE = "data/search-aids.yml"
CHECKLISTS_DIR = "checklists"
GLOSSARY_PAGE = "reference/glossary.md"
REFERENCES_PAGE = "reference/references.md"
RECORD_PAGE = "assessment/record.md"
CHANGES_PAGE = "reference/guidance-changes.md"
COVERAGE_PAGE = "reference/source-coverage.md"


def page_url(src: str, directory_urls: bool) -> str:
    """The URL MkDocs gives a page's source path: ``a/b.md`` → ``a/b/``, ``index.md`` → ""."""
    return File(src, None, "", directory_urls).url.removeprefix("./")


def relative(target: str, from_url: str) -> str:
    """``target`` (site-relative) as seen from the page at ``from_url`` (MkDocs' own rule)."""
    return get_relative_url(target or "./", from_url)


def print_page(checklist_id: str) -> str:
    """A checklist's print view (its source path)."""
    return f"checklists/{checklist_id}.md"


class Downloads(NamedTuple):
    version: str

    @staticmethod
    def checklist(checklist_id: str) -> str:
        return f"downloads/checklists/{checklist_id}.pdf"

    @property
    def all_checklists(self) -> str:
        return f"downloads/ta-hsb-checklists-{self.version}.pdf"

    @property
    def handbook(self) -> str:
        return f"downloads/ta-hsb-handbook-{self.version}.pdf"
