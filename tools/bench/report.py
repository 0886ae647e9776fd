"""The report (report.md.j2): every goal with its target and a pass or fail, and the tables
behind them."""

from __future__ import annotations

import os
import statistics
from pathlib import Path
from typing import Any

import jinja2

from tools import searchbox

#: The handbook PDF before the PDF work of issue 15 (commit d24bc4c), built as this bench
#: builds it (a copy without git, so no commit in the stamp): its size, its printed text in
#: characters (whitespace not counted) and its pages. Untagged, it must not grow in bytes
#: per character of text (the content has grown since).
HANDBOOK_PDF_BEFORE, HANDBOOK_TEXT_BEFORE, HANDBOOK_PAGES_BEFORE = 224_489, 67_615, 57
#: The handbook PDF at commit 9c13567, the last before the PDFs were tagged, built the same
#: way. Tagged, it may grow by a quarter; a clean build with PDFs may take 15 % longer
#: tagged than untagged.
HANDBOOK_PDF_BEFORE_TAGS, TAGGED_SIZE_TARGET, TAGGED_TIME_TARGET = 290_871, 1.25, 1.15
#: Build time, PDFs off, against plain Material (issue 15).
BUILD_TARGET = 1.3


def kib(n: float) -> str:
    return f"{n / 1024:.0f} KiB"


def seconds(times: list[float]) -> str:
    return ", ".join(f"{t:.2f}" for t in times)


def report(r: dict[str, Any]) -> str:
    env = jinja2.Environment(  # noqa: S701 -- Markdown for the bench folder, not HTML
        loader=jinja2.FileSystemLoader(Path(__file__).parent),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters.update(kib=kib, seconds=seconds, median=statistics.median)
    env.filters["verdict"] = lambda ok: "pass" if ok else "FAIL"
    constants = {k: v for k, v in globals().items() if k.isupper()}
    env.globals.update(constants, search=searchbox, cores=os.cpu_count() or 1)
    return env.get_template("report.md.j2").render(r=r)
