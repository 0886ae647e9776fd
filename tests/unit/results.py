"""Accessibility results as the statement's macros and render functions get them."""

from __future__ import annotations

import datetime as dt

from macros.data.results import A11yResults

#: Web results as the statement gets them (no PDF results).
RESULTS = A11yResults(
    axe_core="4.12.1",
    tested=dt.date(2026, 11, 28),
    tags=("wcag2a",),
    pages=3,
    palettes=("light (default)",),
    states=("search",),
    violations=0,
)
