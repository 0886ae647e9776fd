"""Reading a JSON data file (the accessibility results) as strictly as the YAML ones."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from .files import MAX_DEPTH, MAX_NUMBER, DataError, one_line, read_text

# A string, skipped whole (an unclosed one runs to the end: no backtracking), or a bracket.
JSON_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?|[\[\]{}]')


def _json_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"repeated key '{one_line(key)}' in one object")
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
