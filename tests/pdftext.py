"""The text of a printed PDF as a reader would copy it, and where its lines are.

Fonts print "ff", "fi", "fl" and so on as single ligature glyphs, and pypdf
extracts them as one character ("ﬀ"). Whether a string contains one depends on
its letters, including a commit hash in the edition stamp, so every test that
reads PDF text spells ligatures out first.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TypeVar

from pypdf import PageObject, PdfReader

LIGATURES = {code: unicodedata.normalize("NFKC", chr(code)) for code in range(0xFB00, 0xFB07)}


def sheet_text(sheet: PageObject) -> str:
    return sheet.extract_text().translate(LIGATURES)


def pdf_text(reader: PdfReader, sep: str = " ") -> str:
    return sep.join(sheet_text(sheet) for sheet in reader.pages)


T = TypeVar("T")


def while_unchanged(read: Callable[[Path], T]) -> Callable[[Path], T]:
    """``read(path)`` once while the file keeps its time and size: several tests read the
    handbook PDF, and reading it takes seconds."""
    once = cache(lambda path, stamp: read(path))

    def reading(path: Path) -> T:
        stat = path.stat()
        return once(path, (stat.st_mtime_ns, stat.st_size))

    return reading


@while_unchanged
def sheets(path: Path) -> tuple[str, ...]:
    """The text of each printed sheet of the PDF at ``path``."""
    return tuple(sheet_text(sheet) for sheet in PdfReader(path).pages)


# -- where the words are: pdftotext -bbox-layout (poppler-utils) ------------------------

XHTML = "{http://www.w3.org/1999/xhtml}"
DOCTYPE = re.compile(r"<!DOCTYPE[^>]*>")


@dataclass(frozen=True)
class Word:
    """One word on a printed sheet: its box in points from the top left, and its line."""

    sheet: int
    left: float
    top: float
    right: float
    bottom: float
    line: str  # the text of the line it is on, for messages
    line_number: int  # which line of the PDF: words of one line may touch (a full stop)

    def overlap(self, other: Word) -> float:
        """How far the two boxes overlap, in points (the lesser of across and down), or 0."""
        across = min(self.right, other.right) - max(self.left, other.left)
        down = min(self.bottom, other.bottom) - max(self.top, other.top)
        return max(0.0, min(across, down))


def printed_words(pdf: bytes) -> list[Word]:
    """Every word in ``pdf``, with its box, as poppler's pdftotext finds them.

    Words, not pdftotext's lines: it may join the words of two table columns set on
    different baselines into one line, whose box then reaches into the next line.
    """
    if shutil.which("pdftotext") is None:
        raise RuntimeError("pdftotext is missing: install poppler-utils")
    out = subprocess.run(
        ["pdftotext", "-bbox-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode("utf-8")
    root = ET.fromstring(DOCTYPE.sub("", out))  # noqa: S314 (a PDF printed by the test)
    found = []
    lines = 0
    for number, sheet in enumerate(root.iter(XHTML + "page"), start=1):
        for line in sheet.iter(XHTML + "line"):
            lines += 1
            words = list(line.iter(XHTML + "word"))
            text = " ".join(w.text or "" for w in words)
            for word in words:
                left, top, right, bottom = (
                    float(word.get(k, "0")) for k in ("xMin", "yMin", "xMax", "yMax")
                )
                found.append(Word(number, left, top, right, bottom, text, lines))
    return found


def overlapping_lines(words: list[Word], tolerance: float = 0.5) -> list[str]:
    """The lines of text on one sheet that cover each other: a word of one overlaps a
    word of the other by more than ``tolerance`` points."""
    found: dict[str, None] = {}
    ordered = sorted(words, key=lambda w: (w.sheet, w.top))
    for i, word in enumerate(ordered):
        for other in ordered[i + 1 :]:
            if other.sheet != word.sheet or other.top >= word.bottom:
                break
            if word.line_number != other.line_number and word.overlap(other) > tolerance:
                found[f"sheet {word.sheet}: {word.line[:40]!r} and {other.line[:40]!r}"] = None
    return list(found)
