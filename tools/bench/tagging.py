"""What tagging the PDFs costs (issue 24): clean builds with PDFs, tagged as shipped and
untagged (a copy whose writer leaves out WeasyPrint's ``pdf/ua-1`` variant and the
finisher, macros/pdf/tagging.py), in interleaved rounds; and the PDFs' sizes, against
the last ones before the PDFs were tagged."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from tools.bench.builds import Run, timed_build
from tools.bench.measures import pdf_sizes
from tools.bench.projects import ROOT, copy_project

#: The handbook PDF at commit 9c13567, the last before the PDFs were tagged, built as this
#: bench builds it (a copy without git, so no commit in the stamp). Tagged, it may grow by a
#: quarter; a clean build with PDFs may take 15 % longer than the same build untagged.
HANDBOOK_PDF_BEFORE_TAGS = 290_871
SIZE_TARGET, TIME_TARGET = 1.25, 1.15
TAGGED_CALL = ", pdf_variant=tagging.VARIANT, finisher=tagging.finish"


def untagged_project(target: Path) -> Path:
    """A copy of the project whose PDFs are written untagged (its own copy of macros/)."""
    project = copy_project(target)
    (project / "macros").unlink()
    shutil.copytree(
        ROOT / "macros", project / "macros", ignore=shutil.ignore_patterns("__pycache__")
    )
    writer = project / "macros" / "pdf" / "writer.py"
    text = writer.read_text(encoding="utf-8")
    if TAGGED_CALL not in text:
        raise SystemExit(f"bench: {writer.relative_to(project)} no longer has '{TAGGED_CALL}'")
    writer.write_text(text.replace(TAGGED_CALL, ""), encoding="utf-8")
    return project


def tagging_cost(tagged: Path, untagged: Path, repeat: int) -> dict[str, Any]:
    """Best of ``repeat`` interleaved clean builds of each, every one with an empty PDF cache."""
    runs: dict[str, list[Run]] = {"tagged": [], "untagged": []}
    for i in range(repeat):
        for name, project in (("tagged", tagged), ("untagged", untagged)):
            cache = project / f".cache-tagging-{i}"
            runs[name].append(timed_build(project, {"HANDBOOK_PDF_CACHE": str(cache)}, 1))
    return {
        **{f"{name}_seconds": min(r.seconds for r in found) for name, found in runs.items()},
        **{f"{name}_all": [r.seconds for r in found] for name, found in runs.items()},
        "tagged_sizes": pdf_sizes(tagged / "site"),
        "untagged_sizes": pdf_sizes(untagged / "site"),
        "handbook_before": HANDBOOK_PDF_BEFORE_TAGS,
    }


def goals(t: dict[str, Any]) -> list[tuple[str, str, str, bool]]:
    """The two budgets as (measure, figure, target, met) for the report's table of goals."""
    tagged, untagged = t["tagged_sizes"]["handbook"], t["untagged_sizes"]["handbook"]
    growth = tagged / t["handbook_before"]
    slower = t["tagged_seconds"] / t["untagged_seconds"]
    runs = "; ".join(
        f"{name}: " + ", ".join(f"{s:.2f}" for s in t[f"{name}_all"])
        for name in ("tagged", "untagged")
    )
    return [
        (
            "Handbook PDF, tagged PDF/UA-1, against the last one before tagging",
            f"{tagged / 1000:.1f} KB vs {t['handbook_before'] / 1000:.1f} KB ({growth:.2f}×); "
            f"the same PDF untagged now {untagged / 1000:.1f} KB",
            f"≤ {SIZE_TARGET}×",
            growth <= SIZE_TARGET,
        ),
        (
            "Clean `make build` with PDFs, empty PDF cache, tagged vs untagged (best of runs)",
            f"{t['tagged_seconds']:.2f} s vs {t['untagged_seconds']:.2f} s ({slower:.2f}×; {runs})",
            f"≤ {TIME_TARGET}×",
            slower <= TIME_TARGET,
        ),
    ]
