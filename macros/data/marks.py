"""Where a value is in its YAML file (files.py's loader builds these), so a problem can
name its line; an :class:`Unreadable` stands for a value that cannot be built."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import yaml


class LinedDict(dict[Any, Any]):
    line: int = 0
    lines: dict[str, int]


class LinedList(list[Any]):
    line: int = 0
    lines: list[int]


@dataclass(frozen=True)
class Unreadable:
    """A value PyYAML recognises but cannot build; validation reports ``problem`` at ``line``."""

    line: int
    problem: str
    text: str = ""  # as written (shortened), for a field path when it is a key

    def __str__(self) -> str:
        return self.text


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def lined_map(loader: Any, node: yaml.MappingNode) -> Iterator[LinedDict]:
    data = LinedDict()
    data.line = _line(node)
    data.lines = {str(k.value): _line(k) for k, _ in node.value if isinstance(k, yaml.ScalarNode)}
    yield data
    data.update(loader.construct_mapping(node))


def lined_seq(loader: Any, node: yaml.SequenceNode) -> Iterator[LinedList]:
    data = LinedList()
    data.line = _line(node)
    data.lines = [_line(item) for item in node.value]
    yield data
    data.extend(loader.construct_sequence(node))


def printable(text: str) -> str:
    """``text`` with each character a terminal acts on (a line break, ESC, a direction
    override) written as ``\\uXXXX``: a message quoting a file stays one plain line."""
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in text)


def field_path(loc: Iterable[int | str]) -> str:
    """Format a pydantic error location as ``sections[2].items[4].text``."""
    out = ""
    for part in loc:
        name = printable(str(part))[:80]  # a key from the file: "a\nb" is one line
        out += f"[{part}]" if isinstance(part, int) else (f".{name}" if out else name)
    return out or "(top level)"


def line_at(data: Any, loc: Sequence[int | str]) -> int | None:
    """The line of the deepest part of ``loc`` found in ``data`` (a key's line for a
    mapping's field, the item's for a list's); None if ``data`` was not read from YAML."""
    line = getattr(data, "line", None)
    for part in loc:
        if isinstance(data, LinedDict) and isinstance(part, str) and part in data.lines:
            line, data = data.lines[part], data.get(part)
        elif isinstance(data, LinedList) and isinstance(part, int) and 0 <= part < len(data):
            line, data = data.lines[part], data[part]
        else:
            break
    return line


def where(label: str, data: Any, loc: Sequence[int | str]) -> str:
    line = line_at(data, loc)
    return f"{label}: line {line}: {field_path(loc)}" if line else f"{label}: {field_path(loc)}"


def unreadable(data: Any) -> list[Unreadable]:
    values = [data]
    for value in values:  # what is appended while iterating is visited too: every level
        if isinstance(value, dict):
            values += [*value.keys(), *value.values()]
        elif isinstance(value, list):
            values += value
    return sorted((v for v in values if isinstance(v, Unreadable)), key=lambda u: u.line)
