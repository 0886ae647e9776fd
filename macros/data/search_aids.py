"""Search aids (data/search-aids.yml, an overlay's for its pages): words readers type that
the slides do not use, for a glossary entry or a page, in an index field results never show.
Only ``spellings`` (an entry's own names written another way) are shown, in the Glossary:
other words could read as meanings the slides do not give."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from .files import fail, read_yaml, validate_list
from .glossary import Glossary, name_key, name_problem, same_name_key
from .local_models import LocalOverlay
from .local_pages import LOCAL_PREFIX
from .models import SearchAidGroup


@dataclass(frozen=True)
class Target:
    page: str  # a Markdown source path: docs/… or local/…
    where: str  # ``data/search-aids.yml: [3].page``


@dataclass(frozen=True)
class SearchAids:
    pages: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    terms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # aids, then spellings
    targets: tuple[Target, ...] = ()
    spellings: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def for_term(self, entry_id: str) -> tuple[str, ...]:
        return self.terms.get(entry_id, ())

    def shown_for(self, entry_id: str) -> tuple[str, ...]:
        return self.spellings.get(entry_id, ())

    def index(self, glossary: Glossary) -> dict[str, list[str]]:
        """By page: its aids, and each glossary entry's names and aids it explains."""
        out: dict[str, list[str]] = {page: list(aids) for page, aids in self.pages.items()}
        for entry in glossary.entries:
            if entry.explained is None:
                continue
            page = entry.explained.partition("#")[0]
            out.setdefault(page, []).extend((*entry.names[1:], *self.for_term(entry.id)))
        return out


class Names:
    def __init__(self, glossary: Glossary) -> None:
        self.owner: dict[str, str] = {}
        for entry in glossary.entries:
            whose = f"a name of glossary entry '{entry.id}'"
            self.owner.setdefault(name_key(entry.id), whose)  # the id, as it is written
            for name in entry.names[1:]:  # term, abbreviation, aliases: what search indexes
                self.owner.setdefault(same_name_key(name), whose)

    def take(self, aid: str, where: str, owner: str) -> str | None:
        """Why ``aid`` cannot be added (a look-alike, or already taken), or None."""
        problem = name_problem(aid, "a search aid")
        if problem:
            return f"{where}: {problem}"
        key = same_name_key(aid)  # "IIOC." is the name "IIOC"
        if not key:
            return f"{where}: '{aid}' has no letter or digit"
        taken = self.owner.get(key) or self.owner.get(name_key(aid))
        if taken:
            return f"{where}: '{aid}' is already {taken}"
        self.owner[key] = owner
        return None

    def take_all(
        self, aids: Sequence[str], where: Callable[[int], str], owner: str
    ) -> tuple[list[str], list[str]]:
        problems = [self.take(aid, where(j), owner) for j, aid in enumerate(aids)]
        taken = [aid for aid, problem in zip(aids, problems, strict=True) if not problem]
        return taken, [problem for problem in problems if problem]


def load_search_aids(
    path: Path, label: str, glossary: Glossary, pages: Sequence[str]
) -> tuple[SearchAids, Names]:
    names = Names(glossary)
    if not path.exists():
        return SearchAids(), names
    groups = validate_list(SearchAidGroup, read_yaml(path, label), label)
    problems: list[str] = []
    known = set(pages)
    by_page: dict[str, tuple[str, ...]] = {}
    by_term: dict[str, tuple[str, ...]] = {}
    spellings: dict[str, tuple[str, ...]] = {}
    targets: list[Target] = []
    seen: dict[tuple[str, str], int] = {}
    for i, group in enumerate(groups):
        kind, value = ("term", group.term) if group.term else ("page", group.page or "")
        where = f"{label}: [{i}].{kind}"
        if kind == "term" and value not in glossary.ids:
            problems.append(f"{where}: unknown glossary id '{value}'")
            continue
        if kind == "page" and value not in known:
            problems.append(f"{where}: no page 'docs/{value}' in the navigation")
            continue
        if (kind, value) in seen:
            problems.append(f"{where}: '{value}' already has its aids at [{seen[kind, value]}]")
            continue
        seen[kind, value] = i
        owner, taken = f"a search aid at [{i}] of {label}", []
        for key, words in (("aids", group.aids), ("spellings", group.spellings)):
            at = f"{label}: [{i}].{key}[{{}}]".format  # [j] filled in per aid
            took, found = names.take_all(words, at, owner)
            taken += took
            problems += found
        if kind == "term":
            by_term[value] = tuple(taken)
            spellings[value] = tuple(a for a in group.spellings if a in taken)
        else:
            by_page[value] = tuple(taken)
            targets.append(Target(value, where))
    fail(problems)
    return SearchAids(by_page, by_term, tuple(targets), spellings), names


def add_local_aids(aids: SearchAids, names: Names, overlay: LocalOverlay, label: str) -> SearchAids:
    own = {page.file for page in overlay.pages}
    problems: list[str] = []
    pages = dict(aids.pages)
    targets = list(aids.targets)
    for i, group in enumerate(overlay.search_aids):
        where = overlay.at(label, "search_aids", i, "page")
        if group.page not in own:
            problems.append(
                f"{where}: '{group.page}' is not one of this overlay's local pages "
                "(pages[].file); an overlay adds aids for its own pages only"
            )
            continue
        src = LOCAL_PREFIX + group.page
        if src in pages:
            problems.append(f"{where}: '{group.page}' already has its aids")
            continue
        owner = f"a search aid at search_aids[{i}] of {label}"
        at = partial(overlay.at, label, "search_aids", i, "aids")
        taken, found = names.take_all(group.aids, at, owner)
        problems += found
        pages[src] = tuple(taken)
        targets.append(Target(src, where))
    fail(problems)
    return SearchAids(pages, aids.terms, tuple(targets), aids.spellings)


def check_explained(glossary: Glossary, pages: Sequence[str], label: str) -> None:
    """Each ``explained`` page is in the navigation (its heading: macros/hooks/search.py)."""
    known = set(pages)
    fail(
        [
            f"{label}: [{i}].explained: no page 'docs/{entry.explained.partition('#')[0]}' "
            "in the navigation"
            for i, entry in enumerate(glossary.entries)
            if entry.explained and entry.explained.partition("#")[0] not in known
        ]
    )
