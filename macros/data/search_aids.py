"""Search aids (data/search-aids.yml, an overlay's for its pages): words readers type that
the slides do not use, for a glossary entry or a page, in an index field results never show.
Only ``spellings`` (an entry's own names written another way) are shown, in the Glossary:
other words could read as meanings the slides do not give."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from .files import fail, read_yaml, validate_list
from .glossary import Glossary, name_key, name_problem, same_name_key
from .local_models import LocalOverlay
from .local_pages import LOCAL_PREFIX
from .models import SearchAidGroup


@dataclass(frozen=True)
class SearchAids:
    pages: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    terms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # aids, then spellings
    spellings: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    where: Mapping[str, str] = field(default_factory=dict)  # page: "data/search-aids.yml: [3].page"

    def index(self, glossary: Glossary) -> dict[str, list[str]]:
        """By page: its aids, and each glossary entry's names and aids it explains."""
        out: dict[str, list[str]] = {page: list(aids) for page, aids in self.pages.items()}
        for entry in glossary.entries:
            if entry.explained is not None:
                aids = (*entry.names[1:], *self.terms.get(entry.id, ()))
                out.setdefault(entry.explained.partition("#")[0], []).extend(aids)
        return out


class Names:
    def __init__(self, glossary: Glossary) -> None:
        self.owner: dict[str, str] = {}
        for entry in glossary.entries:
            whose = f"a name of glossary entry '{entry.id}'"
            self.owner.setdefault(name_key(entry.id), whose)  # the id, as it is written
            for name in entry.names[1:]:  # term, abbreviation, aliases: what search indexes
                self.owner.setdefault(same_name_key(name), whose)

    def take(
        self, aids: Sequence[str], where: Callable[[int], str], owner: str, problems: list[str]
    ) -> list[str]:
        """The aids that can be added; a problem for each look-alike or name already taken."""
        taken = []
        for j, aid in enumerate(aids):
            key = same_name_key(aid)  # "IIOC." is the name "IIOC"
            other = self.owner.get(key) or self.owner.get(name_key(aid))
            problem = (
                name_problem(aid, "a search aid")
                or (None if key else f"'{aid}' has no letter or digit")
                or (f"'{aid}' is already {other}" if other else None)
            )
            if problem:
                problems.append(f"{where(j)}: {problem}")
            else:
                self.owner[key] = owner
                taken.append(aid)
        return taken


def load_search_aids(
    path: Path, label: str, glossary: Glossary, pages: Sequence[str]
) -> tuple[SearchAids, Names]:
    names = Names(glossary)
    if not path.exists():
        return SearchAids(), names
    groups = validate_list(SearchAidGroup, read_yaml(path, label), label)
    problems: list[str] = []
    found: dict[str, dict[str, tuple[str, ...]]] = {"term": {}, "page": {}}
    spellings: dict[str, tuple[str, ...]] = {}
    seen: dict[tuple[str, str], int] = {}
    for i, group in enumerate(groups):
        kind, value = ("term", group.term) if group.term else ("page", group.page or "")
        at = f"{label}: [{i}].{kind}"
        if kind == "term" and value not in glossary.ids:
            problems.append(f"{at}: unknown glossary id '{value}'")
        elif kind == "page" and value not in pages:
            problems.append(f"{at}: no page 'docs/{value}' in the navigation")
        elif (kind, value) in seen:
            problems.append(f"{at}: '{value}' already has its aids at [{seen[kind, value]}]")
        else:
            seen[kind, value] = i
            owner, taken = f"a search aid at [{i}] of {label}", []
            for key in ("aids", "spellings"):
                each = f"{label}: [{i}].{key}[{{}}]".format  # [j] filled in per aid
                taken += names.take(getattr(group, key), each, owner, problems)
            found[kind][value] = tuple(taken)
            if kind == "term":
                spellings[value] = tuple(a for a in group.spellings if a in taken)
    fail(problems)
    where = {value: f"{label}: [{i}].page" for (kind, value), i in seen.items() if kind == "page"}
    return SearchAids(found["page"], found["term"], spellings, where), names


def add_local_aids(aids: SearchAids, names: Names, overlay: LocalOverlay, label: str) -> SearchAids:
    own = {page.file for page in overlay.pages}
    problems: list[str] = []
    pages, where = dict(aids.pages), dict(aids.where)
    for i, group in enumerate(overlay.search_aids):
        at = overlay.at(label, "search_aids", i, "page")
        src = LOCAL_PREFIX + group.page
        if group.page not in own:
            problems.append(
                f"{at}: '{group.page}' is not one of this overlay's local pages "
                "(pages[].file); an overlay adds aids for its own pages only"
            )
        elif src in pages:
            problems.append(f"{at}: '{group.page}' already has its aids")
        else:
            owner = f"a search aid at search_aids[{i}] of {label}"
            each = partial(overlay.at, label, "search_aids", i, "aids")
            pages[src] = tuple(names.take(group.aids, each, owner, problems))
            where[src] = at
    fail(problems)
    return replace(aids, pages=pages, where=where)


def check_explained(glossary: Glossary, pages: Sequence[str], label: str) -> None:
    """Each ``explained`` page is in the navigation (its heading: macros/hooks/search.py)."""
    fail(
        [
            f"{label}: [{i}].explained: no page 'docs/{entry.explained.partition('#')[0]}' "
            "in the navigation"
            for i, entry in enumerate(glossary.entries)
            if entry.explained and entry.explained.partition("#")[0] not in pages
        ]
    )
