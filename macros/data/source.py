"""Source provenance: the trace (``data/source-trace.yml``) maps each section that restates
the slides to line ranges of the source text and lists the lines deliberately left out;
each passage is checked against the source, and the coverage rows worked out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from typing import Annotated

from markdown.extensions.toc import slugify
from pydantic import Field, StringConstraints

from .files import fail, read_text, read_yaml, validate
from .models import Name, Slug, Text, _Model
from .units import words

SOURCE_FILE = "source/ta-hsb-guidance-slides.txt"
TRACE_FILE = "data/source-trace.yml"
MIN_WORDS = 3  # a source line of this many words must be traced or left out

LineRange = Annotated[str, StringConstraints(pattern=r"^[1-9][0-9]*(?:-[1-9][0-9]*)?$")]

QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "\u00a0": " "})
USE = re.compile(r"""source_wording\(\s*["']([^"']+)["']""")


class Trace(_Model):
    id: Slug
    page: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9/-]*\.md$")]
    section: Name | None = None
    lines: tuple[LineRange, ...] = Field(min_length=1)
    begins: Name
    # What the handbook says about these lines: which slide, what it credits or leaves out,
    # the handbook's own attributions and readings, typing errors (plain text, escaped).
    notes: tuple[Text, ...] = ()


class LeftOut(_Model):
    lines: tuple[LineRange, ...] = Field(min_length=1)
    reason: Text
    shown: bool = True


class TraceFile(_Model):
    traces: tuple[Trace, ...] = Field(min_length=1)
    left_out: tuple[LeftOut, ...] = ()


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate(QUOTES)).strip()


def section_anchor(heading: str) -> str:
    """The id Python-Markdown's ``toc`` extension gives a heading (its default slugify)."""
    return str(slugify(heading, "-"))


def word_count(line: str) -> int:
    return sum(1 for token in line.split() if re.search(r"\w", token))


def numbers(ranges: Iterable[str]) -> list[int]:
    bounds = [part.partition("-")[::2] for part in ranges]
    return [n for first, last in bounds for n in range(int(first), int(last or first) + 1)]


@dataclass(frozen=True)
class Passage:
    """A trace with the source text it points at (blank lines skipped, whitespace joined)."""

    trace: Trace
    parts: tuple[str, ...]  # one per line range

    @property
    def label(self) -> str:
        return ", ".join(r.replace("-", "–") for r in self.trace.lines)


@dataclass(frozen=True)
class Row:
    """A run of consecutive source lines carried by the same sections (or left out)."""

    first: int
    last: int
    text: str | None  # None: never shown
    traces: tuple[Trace, ...]
    reason: str | None  # left out: why

    @property
    def label(self) -> str:
        return str(self.first) if self.first == self.last else f"{self.first}–{self.last}"


class Source:
    def __init__(self, text: str, trace: TraceFile) -> None:
        self.lines = text.split("\n")
        self.trace = trace
        self.passages: dict[str, Passage] = {}
        problems: list[str] = []
        for i, t in enumerate(trace.traces):
            where = f"{TRACE_FILE}: traces[{i}] ({t.page}, '{t.id}')"
            begins = normalise(self.text_of(t.lines[:1]))
            if t.id in self.passages:
                problems.append(f"{where}: duplicate trace id")
            elif problem := self._check(t.lines, where):
                problems.append(problem)
            elif not begins.startswith(normalise(t.begins)):
                problems.append(
                    f"{where}: source lines {t.lines[0]} do not begin '{t.begins}' "
                    f"(they begin '{begins[:60]}'); the passage is not in the source as traced"
                )
            else:
                self.passages[t.id] = Passage(t, tuple(self.text_of([part]) for part in t.lines))
        self.carried: dict[int, list[Trace]] = {}  # line: the traces carrying it
        for passage in self.passages.values():
            for n in numbers(passage.trace.lines):
                self.carried.setdefault(n, []).append(passage.trace)
        self.left = {n: x for x in trace.left_out for n in numbers(x.lines)}
        for i, left in enumerate(trace.left_out):
            where = f"{TRACE_FILE}: left_out[{i}]"
            if problem := self._check(left.lines, where):
                problems.append(problem)
            elif overlap := sorted(self.carried.keys() & set(numbers(left.lines))):
                problems.append(f"{where}: line {overlap[0]} is also traced; pick one")
        fail(problems)

    def _check(self, ranges: Sequence[str], where: str) -> str | None:
        for part in ranges:
            span = numbers([part])
            if not span:
                return f"{where}: lines '{part}': the range runs backwards"
            if span[-1] > len(self.lines):
                return f"{where}: lines '{part}': the source has only {len(self.lines)} lines"
            if not any(self.lines[n - 1].strip() for n in span):
                return f"{where}: lines '{part}': only blank lines"
        return None

    def text_of(self, ranges: Sequence[str]) -> str:
        # A range past the end is reported by _check, not an IndexError.
        return words(" ".join(self.lines[n - 1] for n in numbers(ranges) if n <= len(self.lines)))

    def rows(self) -> list[Row]:
        lines = (n for n, line in enumerate(self.lines, start=1) if line.strip())
        rows: list[Row] = []
        for (traces, gone), group in groupby(
            lines, key=lambda n: (self.carried.get(n, []), self.left.get(n))
        ):
            run = list(group)
            text = self.text_of([f"{run[0]}-{run[-1]}"]) if not gone or gone.shown else None
            rows.append(Row(run[0], run[-1], text, tuple(traces), gone.reason if gone else None))
        return rows

    def untraced(self) -> list[int]:
        return [
            n
            for n, line in enumerate(self.lines, start=1)
            if n not in self.carried and n not in self.left and word_count(line) >= MIN_WORDS
        ]

    def problems(self, sources: Sequence[tuple[str, str]]) -> list[str]:
        used = {(src, m) for src, text in sources for m in USE.findall(text)}
        out = [
            f"{p.trace.page}: trace '{p.trace.id}' ({TRACE_FILE}) is not used on its page"
            for p in self.passages.values()
            if (p.trace.page, p.trace.id) not in used
        ]
        out += [
            f"{TRACE_FILE}: source line {n} ('{normalise(self.lines[n - 1])[:50]}') is "
            "neither traced nor left out"
            for n in self.untraced()
        ]
        return out


def load(root: Path) -> Source | None:
    trace_path = root / TRACE_FILE
    if not trace_path.is_file():
        return None
    trace = validate(TraceFile, read_yaml(trace_path, TRACE_FILE), TRACE_FILE)
    return Source(read_text(root / SOURCE_FILE, SOURCE_FILE), trace)
