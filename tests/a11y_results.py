"""The accessibility results file the statement is built from (macros/data/results.py):
``test-artifacts/accessibility-results.json``, which ``make a11y-results`` copies to
``data/``. The web pages' axe run (tests/browser/test_a11y.py) and the PDF check
(tests/site/test_pdf_accessibility.py) each write their own part of it and keep the other's.
pytest-xdist may check the light and the dark pages on two workers: each worker keeps what it
checked in a part file of its own, and the axe figures are those of all the run's parts."""

from __future__ import annotations

import json
from typing import Any

from filelock import FileLock

from tests.conftest import ARTIFACTS

RESULTS = ARTIFACTS / "accessibility-results.json"
#: One pytest-xdist worker at a time; re-entrant, so that reading the axe parts and writing
#: their figures can be one step (:func:`axe_parts` then :func:`update` under it).
LOCK = FileLock(f"{RESULTS}.lock")


def update(part: dict[str, Any]) -> None:
    """Write ``part``'s fields into the results file (last), keeping its other fields; one
    pytest-xdist worker at a time."""
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    with LOCK:
        try:
            data = json.loads(RESULTS.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        kept = {key: value for key, value in data.items() if key not in part}
        RESULTS.write_text(json.dumps({**kept, **part}, indent=2) + "\n", encoding="utf-8")


def axe_parts(run: str, name: str, part: dict[str, list[str]]) -> list[dict[str, list[str]]]:
    """Keep ``part`` of test run ``run`` as ``name``; all the run's parts so far, in name
    order (earlier runs' parts are removed). Hold :data:`LOCK` until their figures are written,
    or another worker's figures may be overwritten by these."""
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    with LOCK:
        for stale in RESULTS.parent.glob("axe-part-*.json"):
            if not stale.name.startswith(f"axe-part-{run}-"):
                stale.unlink()
        (RESULTS.parent / f"axe-part-{run}-{name}.json").write_text(json.dumps(part))
        found = sorted(RESULTS.parent.glob(f"axe-part-{run}-*.json"))
        return [json.loads(path.read_text()) for path in found]
