"""The accessibility statement's figures, written by tests/browser/test_a11y.py and
tests/site/test_pdf_accessibility.py (``make a11y-results``), never typed by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import Field, NonNegativeInt

from .files import read_json, validate
from .models import Text, _Model

RESULTS_FILE = "data/accessibility-results.json"


class PdfResults(_Model):
    checker: Text
    standard: Text
    tested: dt.date
    files: tuple[Text, ...] = Field(min_length=1)
    checks: tuple[Text, ...] = Field(min_length=1)
    errors: NonNegativeInt
    warnings: NonNegativeInt
    exceptions: tuple[Text, ...] = ()


class A11yResults(_Model):
    axe_core: Text
    tested: dt.date
    tags: tuple[Text, ...] = Field(min_length=1)
    pages: NonNegativeInt
    palettes: tuple[Text, ...] = Field(min_length=1)
    states: tuple[Text, ...] = Field(min_length=1)
    violations: NonNegativeInt
    exceptions: tuple[Text, ...] = ()
    pdf: PdfResults | None = None  # absent from a file written before PDFs were checked


def load_results(root: Path, given: str | None) -> A11yResults:
    label = given or RESULTS_FILE
    return validate(A11yResults, read_json(root / label, label), label)
