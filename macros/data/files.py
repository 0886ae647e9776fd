"""Strict YAML and JSON reading, size limits and validation into pydantic models; every
problem a :class:`DataError` line ``file: line N: field.path: what``, never a traceback."""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Container, Hashable, Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import TypeAdapter, ValidationError
from yaml.composer import Composer

from .marks import Unreadable, field_path, line_at, lined_map, lined_seq, printable, unreadable

M = TypeVar("M")
H = TypeVar("H", bound=Hashable)


class DataError(Exception):
    """Invalid handbook data, one line a problem."""


def message(msg: str) -> str:
    """A pydantic message as the end of one of ours: "Field required" → "field required"."""
    msg = msg.removeprefix("Value error, ")  # our own validators' messages stand alone
    return msg if msg[1:2].isupper() else msg[:1].lower() + msg[1:]  # "URL …" stays


def one_line(text: str, limit: int = 50) -> str:
    """A value from a file, quoted in a message: one line, shortened, :func:`printable`."""
    return printable(" ".join(text.split())[:limit])


MAX_FILE_BYTES = 1024 * 1024  # the largest data file today is ~21 KB
MAX_DEPTH = 20  # the deepest data today is 5 levels (checklist items' terms)
MAX_NUMBER = 20  # characters in a number: the largest today is a year
MAX_ENTRIES = 1000  # glossary entries or references in one file


def _refused(problem: str, mark: Any) -> yaml.MarkedYAMLError:
    return yaml.MarkedYAMLError(problem=problem, problem_mark=mark)


class _Strict:
    """Refuse repeated keys, merge keys, aliases, deep nesting and unreadable values.

    PyYAML keeps the last of two equal keys (or a merge key's ``<<`` value) without a word,
    composes recursively (hundreds of levels: ``RecursionError``) and raises a bare
    ``ValueError`` for a date not in the calendar or an integer over 4,300 digits. Each is
    one line with its line number; a value that cannot be built is an :class:`Unreadable`,
    so the rest of the file is still checked.
    """

    _depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):  # type: ignore[attr-defined]
            event = self.peek_event()  # type: ignore[attr-defined]
            raise _refused(f"aliases (*{event.anchor}) are not allowed", event.start_mark)
        self._depth += 1  # not undone on a refusal: the loader is used once
        if self._depth > MAX_DEPTH:
            mark = self.peek_event().start_mark  # type: ignore[attr-defined]
            raise _refused(f"nested more than {MAX_DEPTH} levels deep", mark)
        node = super().compose_node(parent, index)  # type: ignore[misc]
        self._depth -= 1
        return node

    def construct_object(self, node: Any, deep: bool = False) -> Any:
        line = node.start_mark.line + 1
        if node.tag == "tag:yaml.org,2002:int" and len(node.value) > MAX_NUMBER:
            problem = f"a number of more than {MAX_NUMBER} characters is not allowed"
            return Unreadable(line, problem, one_line(node.value, MAX_NUMBER) + "…")
        try:
            return super().construct_object(node, deep=deep)  # type: ignore[misc]
        except ValueError as exc:  # a value PyYAML recognises but cannot build
            shown = one_line(str(node.value))
            date = node.tag.endswith(":timestamp")
            what = "is not a real date or time" if date else "cannot be read"
            value = Unreadable(line, f"'{shown}' {what} ({exc})", shown)
            # As PyYAML does for a value it built: a key is built twice (duplicate check).
            self.recursive_objects.pop(node, None)  # type: ignore[attr-defined]
            self.constructed_objects[node] = value  # type: ignore[attr-defined]
            return value

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _refused("merge keys (<<) are not allowed", key_node.start_mark)
            key = self.construct_object(key_node, deep=True)
            if isinstance(key, list | dict):
                continue  # unhashable: SafeLoader reports it itself
            if key in seen:
                raise _refused(f"duplicate key '{one_line(str(key), 80)}'", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)  # type: ignore[misc]


class _StrictLoader(_Strict, yaml.SafeLoader):
    pass


try:
    from yaml import CSafeLoader
except ImportError:  # PyYAML built without libyaml
    _Loader: Any = _StrictLoader
else:

    class _StrictCLoader(_Strict, Composer, CSafeLoader):
        """libyaml scans and parses (about 6x faster); the checks compose in Python."""

        def __init__(self, stream: str) -> None:
            CSafeLoader.__init__(self, stream)
            Composer.__init__(self)

    _Loader = _StrictCLoader

# Mappings and lists that know their lines (macros/data/marks.py), for messages.
for _cls in {_StrictLoader, _Loader}:
    _cls.add_constructor("tag:yaml.org,2002:map", lined_map)
    _cls.add_constructor("tag:yaml.org,2002:seq", lined_seq)


def read_text(path: Path, label: str, limit: int = MAX_FILE_BYTES) -> str:
    try:
        mode = os.lstat(path).st_mode
        if stat.S_ISLNK(mode):
            raise DataError(f"{label}: cannot be read (a symbolic link, which is never followed)")
        if not stat.S_ISREG(mode):
            raise DataError(f"{label}: cannot be read (not a regular file)")
        with os.fdopen(os.open(path, os.O_RDONLY | os.O_NOFOLLOW), "rb") as fh:
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


def read_yaml(path: Path, label: str, values_later: bool = False) -> Any:
    return read_yaml_text(read_text(path, label), label, values_later)


def read_yaml_text(text: str, label: str, values_later: bool = False) -> Any:
    """``values_later`` leaves each :class:`Unreadable` for :func:`error_lines`."""
    if found := yaml.reader.Reader.NON_PRINTABLE.search(text):  # what YAML's readers refuse
        line = text.count("\n", 0, found.start()) + 1
        problem = f"control character U+{ord(found.group()):04X} is not allowed"
        raise DataError(f"{label}: line {line}: {problem}")
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 (SafeConstructor only)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else "(top level)"
        problem = getattr(exc, "problem", None) or "invalid YAML"
        context, start = getattr(exc, "context", None), getattr(exc, "context_mark", None)
        if context and start is not None and mark is not None and start.line != mark.line:
            problem += f" ({context} that starts on line {start.line + 1})"
        raise DataError(f"{label}: {where}: {problem}") from None
    if not values_later:
        fail([f"{label}: line {u.line}: {u.problem}" for u in unreadable(data)])
    return data


# A JSON string, skipped whole (an unclosed one runs to the end: no backtracking), or a bracket.
JSON_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?|[\[\]{}]')


def _json_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    if again := repeated(key for key, _ in pairs):
        raise ValueError(f"repeated key '{one_line(again[0][1])}' in one object")
    return dict(pairs)


def _json_int(text: str) -> int:
    if len(text) > MAX_NUMBER:
        raise ValueError(f"a number of more than {MAX_NUMBER} characters is not allowed")
    return int(text)


def _json_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value")


def read_json(path: Path, label: str) -> Any:
    """Parse a JSON file as strictly as :func:`read_yaml`: Python's ``json`` keeps the last
    of two equal keys, reads integers of any length (over 4,300 digits a bare
    ``ValueError``), accepts ``NaN`` and ``Infinity`` and recurses once per level."""
    text = read_text(path, label)
    depth = 0
    for token in JSON_TOKEN.finditer(text):
        depth += {"[": 1, "{": 1, "]": -1, "}": -1}.get(token.group(), 0)
        if depth > MAX_DEPTH:
            line = text.count("\n", 0, token.start()) + 1
            raise DataError(f"{label}: line {line}: nested more than {MAX_DEPTH} levels deep")
    try:
        return json.loads(
            text, object_pairs_hook=_json_pairs, parse_int=_json_int, parse_constant=_json_constant
        )
    except json.JSONDecodeError as exc:
        raise DataError(f"{label}: line {exc.lineno}: not valid JSON ({exc.msg})") from None
    except ValueError as exc:
        raise DataError(f"{label}: (top level): {exc}") from None


def error_lines(exc: ValidationError, label: str, data: Any = None) -> list[str]:
    """One line per problem in ``exc``, in file order; an :class:`Unreadable` by its own problem."""
    found: list[tuple[int, str]] = []
    fields: dict[Unreadable, str] = {}  # the field of each Unreadable's first error
    errors = exc.errors()
    locs = [tuple(err["loc"]) for err in errors]
    for err, loc in zip(errors, locs, strict=True):
        if any(len(other) > len(loc) and other[: len(loc)] == loc for other in locs):
            continue  # a container's complaint that follows from an error inside it
        if err["type"] == "invalid_key":
            loc = loc[:-1]  # pydantic names the key by its repr: name its mapping
        value = err.get("input")
        if isinstance(value, Unreadable) and err["type"] != "extra_forbidden":
            fields.setdefault(value, f"{field_path(loc)}: ")
        else:
            line = line_at(data, loc)
            at = f"line {line}: " if line else ""
            found.append((line or 0, f"{label}: {at}{field_path(loc)}: {message(err['msg'])}"))
    found += [
        (u.line, f"{label}: line {u.line}: {fields.get(u, '')}{u.problem}")
        for u in unreadable(data)
    ]
    return [line for _, line in sorted(found, key=lambda f: f[0])]


def validate(model: type[M], data: Any, label: str) -> M:
    try:
        return TypeAdapter(model).validate_python(data)
    except ValidationError as exc:
        raise DataError("\n".join(error_lines(exc, label, data))) from None


def validate_list(model: type[M], data: Any, label: str) -> list[M]:
    """Every entry's problems, not only the first's."""
    if not isinstance(data, list):
        raise DataError(f"{label}: (top level): expected a list of entries")
    if len(data) > MAX_ENTRIES:
        raise DataError(
            f"{label}: (top level): {len(data):,} entries; the limit is {MAX_ENTRIES:,}"
        )
    return validate(list[model], data, label)  # type: ignore[valid-type]


def fail(problems: Sequence[str]) -> None:
    if problems:
        raise DataError("\n".join(problems))


def repeated(values: Iterable[H]) -> list[tuple[int, H]]:
    """Each value that was already seen, with its index."""
    first: dict[H, int] = {}
    return [(i, v) for i, v in enumerate(values) if first.setdefault(v, i) != i]


def unknown(where: str, keys: Iterable[str], known: Container[str], what: str) -> list[str]:
    return [f"{where}[{j}]: unknown {what} '{k}'" for j, k in enumerate(keys) if k not in known]
