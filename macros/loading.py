"""Load the handbook's YAML data into validated models.

Every problem becomes a :class:`DataError` whose message is one line per
problem, of the form ``file: field.path: what is wrong``. The macros module
turns it into a MkDocs ``PluginError`` so the build stops with that message
and no traceback.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from .logo import Logo, LogoError, read_logo
from .models import Checklist, GlossaryEntry, LocalOverlay, Reference
from .render.checklist import reserved_item_ids

M = TypeVar("M", bound=BaseModel)


class DataError(Exception):
    """Invalid handbook data; the message names the file and the field."""


def field_path(loc: Iterable[int | str]) -> str:
    """Format a pydantic error location as ``sections[2].items[4].text``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def _message(msg: str) -> str:
    msg = msg.removeprefix("Value error, ")  # our own validators' messages stand alone
    return msg[:1].lower() + msg[1:]


def _one_line(text: str, limit: int = 50) -> str:
    """A value from a file, quoted in a message: whitespace runs as one space, shortened."""
    return " ".join(text.split())[:limit]


MAX_FILE_BYTES = 1024 * 1024  # the largest data file today is ~21 KB
MAX_DEPTH = 20  # the deepest data today is 5 levels (checklist items' terms)
MAX_NUMBER = 20  # characters in a number: the largest today is a year
INT_TAG = "tag:yaml.org,2002:int"
MERGE_TAG = "tag:yaml.org,2002:merge"


class _Strict:
    """Refuse repeated keys, merge keys, aliases, deep nesting and unreadable values.

    PyYAML keeps the last of two equal keys without a word (a merge key ``<<``
    can slip a second value in the same way), composes nested nodes recursively
    (hundreds of levels end in a ``RecursionError``), and raises a bare
    ``ValueError`` for a date that is not in the calendar or an integer over
    4,300 digits. Each becomes a marked error: one line with the line number.
    """

    _depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):  # type: ignore[attr-defined]
            event = self.peek_event()  # type: ignore[attr-defined]
            raise yaml.MarkedYAMLError(
                problem=f"aliases (*{event.anchor}) are not allowed", problem_mark=event.start_mark
            )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise yaml.MarkedYAMLError(
                    problem=f"nested more than {MAX_DEPTH} levels deep",
                    problem_mark=self.peek_event().start_mark,  # type: ignore[attr-defined]
                )
            return super().compose_node(parent, index)  # type: ignore[misc]
        finally:
            self._depth -= 1

    def construct_object(self, node: Any, deep: bool = False) -> Any:
        if node.tag == INT_TAG and len(node.value) > MAX_NUMBER:
            raise yaml.MarkedYAMLError(
                problem=f"a number of more than {MAX_NUMBER} characters is not allowed",
                problem_mark=node.start_mark,
            )
        try:
            return super().construct_object(node, deep=deep)  # type: ignore[misc]
        except ValueError as exc:  # a value PyYAML recognises but cannot build
            shown = _one_line(str(node.value))
            raise yaml.MarkedYAMLError(
                problem=f"'{shown}' is not a real date or time ({exc})"
                if node.tag.endswith(":timestamp")
                else f"'{shown}' cannot be read ({exc})",
                problem_mark=node.start_mark,
            ) from None

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            if key_node.tag == MERGE_TAG:
                raise yaml.MarkedYAMLError(
                    problem="merge keys (<<) are not allowed", problem_mark=key_node.start_mark
                )
            key = self.construct_object(key_node, deep=True)
            if isinstance(key, list | dict):
                continue  # unhashable: SafeLoader reports it itself
            if key in seen:
                raise yaml.MarkedYAMLError(
                    problem=f"duplicate key '{key}'", problem_mark=key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)  # type: ignore[misc]


class _StrictLoader(_Strict, yaml.SafeLoader):
    """The pure-Python safe loader with the checks above."""


try:
    from yaml._yaml import CParser
except ImportError:  # PyYAML built without libyaml
    _Loader: type = _StrictLoader
else:

    class _StrictCLoader(_Strict, Composer, CParser, SafeConstructor, Resolver):
        """libyaml scans and parses (about 6x faster); the checks compose in Python."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)
            Composer.__init__(self)

    _Loader = _StrictCLoader


def read_text(path: Path, label: str, limit: int = MAX_FILE_BYTES) -> str:
    """A data file's text: UTF-8, under the size limit; problems name the file and line."""
    try:
        if path.exists() and not path.is_file():
            raise DataError(f"{label}: cannot be read (not a regular file)")
        with path.open("rb") as fh:
            raw = fh.read(limit + 1)  # never more, whatever the file claims
        if len(raw) > limit:
            size = f"{path.stat().st_size:,} bytes"
            raise DataError(f"{label}: (top level): file is {size}; the limit is {limit:,}")
    except OSError as exc:
        raise DataError(f"{label}: cannot be read ({exc.strerror})") from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise DataError(
            f"{label}: line {line}: not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start})"
        ) from None


def read_yaml(path: Path, label: str) -> Any:
    """Parse a YAML file; every problem is one line naming the file and line."""
    return read_yaml_text(read_text(path, label), label)


def read_yaml_text(text: str, label: str) -> Any:
    """Parse YAML text (a file's, or a page's front matter); problems name ``label`` and line."""
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 (SafeConstructor only)
    except yaml.reader.ReaderError as exc:
        if _Loader is _StrictLoader:
            line = text.count("\n", 0, exc.position) + 1
        else:  # libyaml counts the offset in UTF-8 bytes
            line = text.encode()[: exc.position].count(b"\n") + 1
        raise DataError(
            f"{label}: line {line}: control character U+{exc.character:04X} is not allowed"
            if isinstance(exc.character, int)
            else f"{label}: line {line}: {exc.reason}"
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else "(top level)"
        problem = getattr(exc, "problem", None) or "invalid YAML"
        context, start = getattr(exc, "context", None), getattr(exc, "context_mark", None)
        if context and start is not None and mark is not None and start.line != mark.line:
            problem += f" ({context} that starts on line {start.line + 1})"
        raise DataError(f"{label}: {where}: {problem}") from None


# A string, skipped whole (an unclosed one runs to the end: no backtracking), or a bracket.
JSON_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?|[\[\]{}]')


def _json_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"repeated key '{_one_line(key)}' in one object")
        out[key] = value
    return out


def _json_int(text: str) -> int:
    if len(text) > MAX_NUMBER:
        raise ValueError(f"a number of more than {MAX_NUMBER} characters is not allowed")
    return int(text)


def _json_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value")


def read_json(path: Path, label: str) -> Any:
    """Parse a JSON file like :func:`read_yaml`: one line per problem, never a traceback.

    Python's ``json`` keeps the last of two equal keys, reads integers of any
    length (over 4,300 digits it raises a bare ``ValueError``), accepts
    ``NaN`` and ``Infinity``, and recurses once per level of nesting.
    """
    text = read_text(path, label)
    depth = 0
    for token in JSON_TOKEN.finditer(text):
        depth += {"[": 1, "{": 1, "]": -1, "}": -1}.get(token.group(), 0)
        if depth > MAX_DEPTH:
            line = text.count("\n", 0, token.start()) + 1
            raise DataError(f"{label}: line {line}: nested more than {MAX_DEPTH} levels deep")
    try:
        return json.loads(
            text,
            object_pairs_hook=_json_pairs,
            parse_int=_json_int,
            parse_constant=_json_constant,
        )
    except json.JSONDecodeError as exc:
        raise DataError(f"{label}: line {exc.lineno}: not valid JSON ({exc.msg})") from None
    except ValueError as exc:
        raise DataError(f"{label}: (top level): {exc}") from None


def validate(model: type[M], data: Any, label: str, prefix: str = "") -> M:
    """Validate ``data`` against ``model``; errors name the file and field path."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        lines = []
        errors = exc.errors()
        locs = [tuple(err["loc"]) for err in errors]
        for err in errors:
            loc = tuple(err["loc"])
            if any(len(other) > len(loc) and other[: len(loc)] == loc for other in locs):
                continue  # a container's complaint that follows from an error inside it
            path = field_path(err["loc"])
            if prefix:
                path = (
                    prefix
                    if path == "(top level)"
                    else f"{prefix}{'' if path.startswith('[') else '.'}{path}"
                )
            lines.append(f"{label}: {path}: {_message(err['msg'])}")
        raise DataError("\n".join(lines)) from None


MAX_ENTRIES = 1000  # glossary entries or references in one file


def validate_list(model: type[M], data: Any, label: str) -> list[M]:
    if not isinstance(data, list):
        raise DataError(f"{label}: (top level): expected a list of entries")
    if len(data) > MAX_ENTRIES:
        raise DataError(
            f"{label}: (top level): {len(data):,} entries; the limit is {MAX_ENTRIES:,}"
        )
    return [validate(model, entry, label, prefix=f"[{i}]") for i, entry in enumerate(data)]


def _fail(problems: Sequence[str]) -> None:
    if problems:
        raise DataError("\n".join(problems))


def load_references(path: Path, label: str) -> dict[str, Reference]:
    refs = validate_list(Reference, read_yaml(path, label), label)
    out: dict[str, Reference] = {}
    problems = []
    for i, ref in enumerate(refs):
        if ref.key in out:
            problems.append(f"{label}: [{i}].key: duplicate reference key '{ref.key}'")
        out[ref.key] = ref
    _fail(problems)
    return out


NAME_PUNCTUATION = " -'’().,/&:+"  # besides Latin letters and digits, in a glossary name


def name_key(name: str) -> str:
    """How glossary names are compared and looked up.

    NFKC folds compatibility forms (full-width letters, ligatures) into plain
    ones; format characters (zero-width space, joiners, direction marks) are
    dropped; then case-folded, with runs of whitespace as one space.
    """
    text = unicodedata.normalize("NFKC", name)
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return " ".join(text.casefold().split())


def _latin_letter(char: str) -> bool:
    letter = unicodedata.category(char).startswith("L")
    return letter and unicodedata.name(char, "").startswith("LATIN ")


def name_problem(name: str) -> str | None:
    """Why a glossary name could pass for another, or None.

    The handbook is in English: a name is Latin letters, ASCII digits, spaces
    and a little punctuation. So a Cyrillic or Greek look-alike ("ІІОС" for
    "IIOC") or an invisible character cannot make a second, different name.
    """
    for char in unicodedata.normalize("NFKC", name):
        if not (_latin_letter(char) or char in NAME_PUNCTUATION or "0" <= char <= "9"):
            what = unicodedata.name(char, "unnamed character")
            return (
                f"{name!r} has U+{ord(char):04X} ({what}); a glossary name may use Latin "
                f"letters, digits, spaces and {' '.join(NAME_PUNCTUATION.strip())} only"
            )
    return None


@dataclass(frozen=True)
class Glossary:
    """Glossary entries in file order, with a case-insensitive name lookup."""

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
    problems: list[str] = []
    by_name: dict[str, GlossaryEntry] = {}
    owner: dict[str, str] = {}
    ids = {e.id for e in entries}
    seen_ids: set[str] = set()
    for i, entry in enumerate(entries):
        if entry.id in seen_ids:
            problems.append(f"{label}: [{i}].id: duplicate glossary id '{entry.id}'")
        seen_ids.add(entry.id)
        names = [("id", entry.id), ("term", entry.term)]
        if entry.abbreviation:
            names.append(("abbreviation", entry.abbreviation))
        names += [(f"aliases[{j}]", alias) for j, alias in enumerate(entry.aliases)]
        for where, name in names:
            problem = name_problem(name)
            if problem:
                problems.append(f"{label}: [{i}].{where}: {problem}")
                continue
            key = name_key(name)
            if key in owner and owner[key] != entry.id:
                problems.append(
                    f"{label}: [{i}].{where}: '{name}' is already used by entry '{owner[key]}'"
                )
            owner.setdefault(key, entry.id)
            by_name.setdefault(key, entry)
        problems += [
            f"{label}: [{i}].cite[{j}]: unknown citation key '{key}'"
            for j, key in enumerate(entry.cite)
            if key not in refs
        ]
        problems += [
            f"{label}: [{i}].related[{j}]: unknown glossary id '{rel}'"
            for j, rel in enumerate(entry.related)
            if rel not in ids or rel == entry.id
        ]
    _fail(problems)
    return Glossary(tuple(entries), by_name)


def load_checklist(
    path: Path, label: str, refs: Mapping[str, Reference], glossary: Glossary, docs_dir: Path
) -> Checklist:
    checklist = validate(Checklist, read_yaml(path, label), label)
    problems = []
    if checklist.id != path.stem:
        problems.append(f"{label}: id: '{checklist.id}' must match the file name '{path.stem}'")
    if not (docs_dir / checklist.page).is_file():
        problems.append(f"{label}: page: no such page 'docs/{checklist.page}'")
    problems += [
        f"{label}: cite[{j}]: unknown citation key '{key}'"
        for j, key in enumerate(checklist.cite)
        if key not in refs
    ]
    section_ids: set[str] = set()
    item_ids: set[str] = set()
    reserved = reserved_item_ids(checklist)
    for s, section in enumerate(checklist.sections):
        if section.id in section_ids:
            problems.append(f"{label}: sections[{s}].id: duplicate section id '{section.id}'")
        section_ids.add(section.id)
        for i, item in enumerate(section.items):
            where = f"{label}: sections[{s}].items[{i}]"
            if item.id in reserved:
                problems.append(
                    f"{where}.id: '{item.id}' is reserved ({reserved[item.id]} uses it)"
                )
            if item.id in item_ids:
                problems.append(f"{where}.id: duplicate item id '{item.id}'")
            item_ids.add(item.id)
            problems += [
                f"{where}.terms[{t}]: unknown glossary term '{term}'"
                for t, term in enumerate(item.terms)
                if term not in glossary.ids
            ]
    _fail(problems)
    return checklist


def load_checklists(
    folder: Path, root: Path, refs: Mapping[str, Reference], glossary: Glossary, docs_dir: Path
) -> dict[str, Checklist]:
    out: dict[str, Checklist] = {}
    for path in sorted(folder.glob("*.yml")):
        label = path.relative_to(root).as_posix()
        out[path.stem] = load_checklist(path, label, refs, glossary, docs_dir)
    if not out:
        raise DataError(f"{folder.relative_to(root).as_posix()}/: no checklist files (*.yml)")
    # The record page holds every checklist, and an item's id there is
    # cl-<checklist>-<item>: "a" with item "b-c" and "a-b" with item "c" would share one.
    _fail(
        [
            f"{folder.relative_to(root).as_posix()}/{cid}.yml: id: '{cid}' begins with "
            f"'{other}-', the id of another checklist (their page ids could collide)"
            for cid in out
            for other in out
            if cid.startswith(other + "-")
        ]
    )
    return out


def overlay_folder(overlay_path: Path) -> Path:
    """The folder an overlay owns, and the only one it may use: ``areas/north/`` for
    ``areas/north.yml``. Its logo and local pages are named relative to it."""
    return overlay_path.parent / overlay_path.stem


def load_overlay(path: Path, label: str) -> LocalOverlay:
    overlay = validate(LocalOverlay, read_yaml(path, label), label)
    if overlay.logo:
        load_logo(path, overlay.logo, label)
    return overlay


def load_logo(overlay_path: Path, name: str, label: str) -> Logo:
    """The overlay's logo, checked by content (see :mod:`macros.logo`)."""
    try:
        return read_logo(overlay_folder(overlay_path), name)
    except LogoError as exc:
        raise DataError(f"{label}: logo: {exc}") from None
