"""The accessibility statement's figures, never typed by hand: tests/browser/test_a11y.py
(axe-core) and tests/site/test_pdf_accessibility.py (PDF/UA-1) write them, ``make
a11y-results`` copies them to data/accessibility-results.json (or ``HANDBOOK_A11Y_RESULTS``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, NonNegativeInt

from .files import read_json, validate
from .models import Text

RESULTS_FILE = "data/accessibility-results.json"


class PdfResults(BaseModel):
    """What one run of the PDF check measured: every PDF the build writes."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    checker: Text
    standard: Text
    tested: dt.date
    files: tuple[Text, ...] = Field(min_length=1)
    checks: tuple[Text, ...] = Field(min_length=1)
    errors: NonNegativeInt
    warnings: NonNegativeInt
    exceptions: tuple[Text, ...] = ()


class A11yResults(BaseModel):
    """What one run of the accessibility tests measured (``pdf``: absent from a results
    file written before the PDFs were checked)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    axe_core: Text
    tested: dt.date
    tags: tuple[Text, ...] = Field(min_length=1)
    pages: NonNegativeInt
    palettes: tuple[Text, ...] = Field(min_length=1)
    states: tuple[Text, ...] = Field(min_length=1)
    violations: NonNegativeInt
    exceptions: tuple[Text, ...] = ()
    pdf: PdfResults | None = None


def load_results(root: Path, given: str | None) -> A11yResults:
    """The results file: ``given`` (``HANDBOOK_A11Y_RESULTS``) or the committed one."""
    label = given or RESULTS_FILE
    return validate(A11yResults, read_json(root / label, label), label)
