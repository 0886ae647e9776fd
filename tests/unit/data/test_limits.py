"""Limits on data: every text field and list has a maximum, so oversized input is one clear line."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml

from macros.data.files import DataError, read_yaml
from macros.data.loading import load_overlay, load_references


def write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "data.yml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def test_too_many_entries(tmp_path: Path) -> None:
    refs = [{"key": f"k-{i}", "authors": "A", "cited_for": "x"} for i in range(1001)]
    with pytest.raises(DataError) as err:
        load_references(write(tmp_path, refs), "data/references.yml")
    assert str(err.value) == "data/references.yml: (top level): 1,001 entries; the limit is 1,000"


@pytest.mark.parametrize(
    ("overlay", "expected"),
    [
        (
            {"organisation": "O", "contacts": [{"role": "r"} for _ in range(31)]},
            "local.yml: line 1: contacts: tuple should have at most 30 items after validation, not 31",
        ),
        (
            {"organisation": "O", "contacts": [{"role": "r", "notes": "n" * 2001}]},
            "local.yml: line 2: contacts[0].notes: string should have at most 2000 characters",
        ),
        (
            {"organisation": "O", "contacts": [{"role": "r" * 201}]},
            "local.yml: line 2: contacts[0].role: string should have at most 200 characters",
        ),
        (
            {"organisation": "O\u009bx", "contacts": [{"role": "r"}]},
            "local.yml: line 3: organisation: control character U+009B is not allowed",
        ),
    ],
)
def test_overlay_limits(tmp_path: Path, overlay: object, expected: str) -> None:
    _, _, problems = load_overlay(write(tmp_path, overlay), "local.yml")
    assert problems == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1\nb: 2\na: 3\n", "x.yml: line 3: duplicate key 'a'"),
        ("- {a: 1, a: 2}\n", "x.yml: line 1: duplicate key 'a'"),
        ("a: &x 1\nb: *x\n", "x.yml: line 2: aliases (*x) are not allowed"),
        ("a: b\x1b\n", "x.yml: line 1: control character U+001B is not allowed"),
        (
            "a: " + "{a: " * 25 + "1" + "}" * 25 + "\n",
            "x.yml: line 1: nested more than 20 levels deep",
        ),
        (
            "a: 1\nb: 2026-02-30\n",
            "x.yml: line 2: '2026-02-30' is not a real date or time "
            "(day is out of range for month)",
        ),
        (
            "a: [2026-01-01T25:61:00]\n",
            "x.yml: line 1: '2026-01-01T25:61:00' is not a real date or time "
            "(hour must be in 0..23)",
        ),
        (
            "a: 2026-01-01 23:61:00\n",
            "x.yml: line 1: '2026-01-01 23:61:00' is not a real date or time "
            "(minute must be in 0..59)",
        ),
        (
            "\n\na: " + "9" * 5000 + "\n",
            "x.yml: line 3: a number of more than 20 characters is not allowed",
        ),
        (
            "a: 0b" + "1" * 50 + "\n",
            "x.yml: line 1: a number of more than 20 characters is not allowed",
        ),
        (
            "a: !!float nine\n",
            "x.yml: line 1: 'nine' cannot be read (could not convert string to float: 'nine')",
        ),
        ("a: 1\n<<: {a: 2}\n", "x.yml: line 2: merge keys (<<) are not allowed"),
        (
            'a: !!float "x\\ny"\n',
            "x.yml: line 1: 'x y' cannot be read (could not convert string to float: 'x\\ny')",
        ),
        ("- {<<: {b: 2}, b: 1}\n", "x.yml: line 1: merge keys (<<) are not allowed"),
    ],
)
def test_read_yaml_problems_are_one_line(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "x.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as err:
        read_yaml(path, "x.yml")
    assert str(err.value) == expected


def test_nesting_up_to_the_limit_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "x.yml"
    path.write_text("[" * 20 + "]" * 20 + "\n", encoding="utf-8")
    assert read_yaml(path, "x.yml") is not None


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/dev/zero", "x.yml: cannot be read (not a regular file)"),
        ("/", "x.yml: cannot be read (not a regular file)"),
        ("/nonexistent/x.yml", "x.yml: cannot be read (No such file or directory)"),
    ],
)
def test_only_regular_files_are_read(path: str, expected: str) -> None:
    with pytest.raises(DataError) as err:
        read_yaml(Path(path), "x.yml")
    assert str(err.value) == expected


def test_years_dates_and_times_that_exist_still_load(tmp_path: Path) -> None:
    path = tmp_path / "x.yml"
    path.write_text("a: 2028-02-29\nb: 2017\nc: 2026-01-01 23:59:59\n", encoding="utf-8")
    data = read_yaml(path, "x.yml")
    assert data["a"].isoformat() == "2028-02-29"
    assert data["b"] == 2017
    assert data["c"].isoformat() == "2026-01-01T23:59:59"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"a": 1, "b": {"c": 1, "c": 2}}', "r.json: (top level): repeated key 'c' in one object"),
        (
            '{"pages": ' + "9" * 5000 + "}",
            "r.json: (top level): a number of more than 20 characters is not allowed",
        ),
        ('{"a\\nb": 1, "a\\nb": 2}', "r.json: (top level): repeated key 'a b' in one object"),
        ('{"pages": NaN}', "r.json: (top level): NaN is not a JSON value"),
        ('{"pages": -Infinity}', "r.json: (top level): -Infinity is not a JSON value"),
        (
            '{\n"a": ' + "[" * 100_000 + "]" * 100_000 + "}",
            "r.json: line 2: nested more than 20 levels deep",
        ),
        ('{"a": 1,\n "b": }', "r.json: line 2: not valid JSON (Expecting value)"),
        ('{"a": "caf\xe9"}', "r.json: line 1: not UTF-8 text (byte 0xe9 at offset 10)"),
    ],
)
def test_read_json_problems_are_one_line(tmp_path: Path, text: str, expected: str) -> None:
    from macros.data.files import read_json

    path = tmp_path / "r.json"
    path.write_bytes(text.encode("latin-1"))
    with pytest.raises(DataError) as err:
        read_json(path, "r.json")
    assert str(err.value) == expected


def test_json_brackets_inside_strings_are_not_nesting(tmp_path: Path) -> None:
    from macros.data.files import read_json

    path = tmp_path / "r.json"
    path.write_text(
        '{"a": "[[[[[[[[[[[[[[[[[[[[[[[[[\\"{{{{{{{{{{{{{{{{{{{{{{{", "b": [[1]]}', encoding="utf-8"
    )
    assert read_json(path, "r.json") == {"a": "[" * 25 + '"' + "{" * 23, "b": [[1]]}


@pytest.mark.parametrize("body", ["x" * 30, 'x\\"' * 200_000], ids=["short", "escaped-quotes"])
def test_unclosed_json_string_fails_fast(tmp_path: Path, body: str) -> None:
    """The nesting scan skips strings with a pattern that cannot backtrack."""
    from macros.data.files import read_json

    path = tmp_path / "r.json"
    path.write_text('{"a": "' + body, encoding="utf-8")
    start = time.process_time()  # this process's CPU: others' load does not count
    with pytest.raises(DataError) as err:
        read_json(path, "r.json")
    assert time.process_time() - start < 1
    assert str(err.value) == "r.json: line 1: not valid JSON (Unterminated string starting at)"
