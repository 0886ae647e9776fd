"""The glossary: its entries, how their names are compared, and their checks."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .files import fail, read_yaml, repeated, unknown, validate_list
from .models import GlossaryEntry, Reference

NAME_PUNCTUATION = " -'’().,/&:+"  # besides Latin letters and digits, in a glossary name


def name_key(name: str) -> str:
    """How glossary names are compared and looked up: NFKC (full-width letters, ligatures
    as plain ones), format characters (zero-width space, joiners, direction marks) dropped,
    case-folded, runs of whitespace as one space."""
    text = unicodedata.normalize("NFKC", name)
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return " ".join(text.casefold().split())


#: In :func:`same_name_key`: punctuation that joins words counts as a space, the rest as
#: nothing ("dark-web" is "dark web", not the one word "darkweb" a search aid may be).
SAME_NAME = str.maketrans({**dict.fromkeys("-/&+:", " "), **dict.fromkeys("'’().,", "")})


def same_name_key(name: str) -> str:
    """How names are compared for being the same name: :func:`name_key` with punctuation
    normalised, so "IIOC.", "I.I.O.C.", "(IIOC)" and "iioc" are one name."""
    return " ".join(name_key(name).translate(SAME_NAME).split())


def name_problem(name: str, what: str = "a glossary name") -> str | None:
    """Why a glossary name could pass for another, or None: a name is Latin letters, ASCII
    digits, spaces and a little punctuation, so a Cyrillic or Greek look-alike ("ІІОС" for
    "IIOC") or an invisible character cannot make a second, different name."""
    for char in unicodedata.normalize("NFKC", name):
        latin = unicodedata.category(char)[0] == "L" and unicodedata.name(char, "")[:6] == "LATIN "
        if not (latin or char in NAME_PUNCTUATION or "0" <= char <= "9"):
            character = unicodedata.name(char, "unnamed character")
            return (
                f"{name!r} has U+{ord(char):04X} ({character}); {what} may use Latin "
                f"letters, digits, spaces and {' '.join(NAME_PUNCTUATION.strip())} only"
            )
    return None


@dataclass(frozen=True)
class Glossary:
    entries: tuple[GlossaryEntry, ...]
    by_name: Mapping[str, GlossaryEntry] = field(repr=False)

    def find(self, name: str) -> GlossaryEntry | None:
        return self.by_name.get(name_key(name))

    def get(self, entry_id: str) -> GlossaryEntry:
        return next(e for e in self.entries if e.id == entry_id)

    @property
    def ids(self) -> set[str]:
        return {e.id for e in self.entries}


def load_glossary(path: Path, label: str, refs: Mapping[str, Reference]) -> Glossary:
    entries = validate_list(GlossaryEntry, read_yaml(path, label), label)
    problems = [
        f"{label}: [{i}].id: duplicate glossary id '{eid}'"
        for i, eid in repeated(e.id for e in entries)
    ]
    by_name: dict[str, GlossaryEntry] = {}
    owner: dict[str, str] = {}
    ids = {e.id for e in entries}
    for i, entry in enumerate(entries):
        names = [("id", entry.id), ("term", entry.term), ("abbreviation", entry.abbreviation)]
        names += [(f"aliases[{j}]", alias) for j, alias in enumerate(entry.aliases)]
        for where, name in [(w, n) for w, n in names if n]:
            if problem := name_problem(name):
                problems.append(f"{label}: [{i}].{where}: {problem}")
            elif (other := owner.setdefault(same_name_key(name), entry.id)) != entry.id:
                problems.append(
                    f"{label}: [{i}].{where}: '{name}' is already used by entry '{other}'"
                )
            by_name.setdefault(name_key(name), entry)
        problems += unknown(f"{label}: [{i}].cite", entry.cite, refs, "citation key")
        # An entry related to itself is refused as unknown too.
        problems += unknown(
            f"{label}: [{i}].related", entry.related, ids - {entry.id}, "glossary id"
        )
    fail(problems)
    return Glossary(tuple(entries), by_name)
