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


def update(part: dict[str, Any]) -> None:
    """Write ``part``'s fields into the results file (last), keeping its other fields; one
    pytest-xdist worker at a time."""
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(f"{RESULTS}.lock"):
        try:
            data = json.loads(RESULTS.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        kept = {key: value for key, value in data.items() if key not in part}
        RESULTS.write_text(json.dumps({**kept, **part}, indent=2) + "\n", encoding="utf-8")


def axe_parts(run: str, worker: str, part: dict[str, list[str]]) -> list[dict[str, list[str]]]:
    """Keep this worker's ``part`` of test run ``run``; all the run's parts so far, in worker
    order (earlier runs' parts are removed)."""
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(f"{RESULTS}.lock"):
        for stale in RESULTS.parent.glob("axe-part-*.json"):
            if not stale.name.startswith(f"axe-part-{run}-"):
                stale.unlink()
        (RESULTS.parent / f"axe-part-{run}-{worker}.json").write_text(json.dumps(part))
        found = sorted(RESULTS.parent.glob(f"axe-part-{run}-*.json"))
        return [json.loads(path.read_text()) for path in found]
