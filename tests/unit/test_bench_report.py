"""`make bench`'s report renders every goal and table from a run's figures (the run itself
takes a quarter of an hour, so its template is checked here)."""

from __future__ import annotations

from typing import Any

from tools.bench.lighthouse import PAGES
from tools.bench.report import report


def build(seconds: float) -> dict[str, Any]:
    cpu = {"user": 2 * seconds, "system": 0.2}  # hyperfine's mean CPU time
    return {"min": seconds, "median": seconds + 0.1, "times": [seconds, seconds + 0.2], **cpu}


def pdfs(handbook: int) -> dict[str, Any]:
    return {
        "handbook_text": 100_000,
        "handbook_pages": 80,
        "single_max": 44_000,
        "single_total": 273_000,
        "singles": 7,
        "combined": 89_000,
        "handbook": handbook,
        "fields": 218,
        "field_problems": [],
    }


def place(miss: list[str]) -> dict[str, Any]:
    return {"queries": 101, "hit_rate": 0.98, "misses": miss, "latency_ms": [14.0, 18.0]}


LIGHTHOUSE = {
    "performance": 100,
    "performance_min": 98,
    "accessibility": 100,
    "best-practices": 100,
    "seo": 100,
    "first-contentful-paint": 1100,
    "largest-contentful-paint": 1400,
    "total-blocking-time": 40,
    "total-byte-weight": 137_000,
    "runs": 3,
}
WEIGHT = {"html": 46_000, "css": 172_000, "js": 160_000, "search_index": 148_000, "total": 526_000}
RESULTS: dict[str, Any] = {
    "date": "2026-12-07",
    "machine": "x86_64, 2 cores, Python 3.11.7",
    "handbook_pages": 33,
    "builds": {"handbook": build(1.2), "plain": build(0.6)},
    "weights": {"home": WEIGHT, "heaviest": {"page": "reference/glossary/index.html", **WEIGHT}},
    "search": {"index_gzip": 36_373, "served": place(["'q': wanted [a], got [b]"])}
    | {"offline": place([])},
    "offline_copy": {"files": 57, "bytes": 2_800_000},
    "lighthouse": {
        "pages": {label: {"path": path, **LIGHTHOUSE} for label, path in PAGES.items()},
        "assert_failures": "",
        "home_first_load": {"identity": 525_000, "gzip": 124_000, "br": 114_000},
    },
    "pdf_builds": {"tagged": build(7.6), "untagged": build(7.3), "warm": build(2.4)},
    "pdf_sizes": pdfs(360_000),
    "untagged_sizes": pdfs(256_000),
    "reload_pdfs": [1.28, 1.6, 1.25],
    "reload_no_pdfs": [1.37, 1.16, 1.03],
}


def test_the_report_has_every_goal_and_table() -> None:
    text = report(RESULTS)
    goals = [line for line in text.splitlines() if line.endswith(("| pass |", "| FAIL |"))]
    assert len(goals) == 13
    assert (
        "| Build, 33 pages, PDFs off, vs plain Material (best of runs) | 1.20 s vs 0.60 s "
        "(2.00×; runs: 1.20, 1.40 vs 0.60, 0.80) |" in text
    )
    assert "Its work (15.40 s of CPU time, mean of runs) on" in text  # hyperfine's user + system
    assert "- through nginx: 'q': wanted [a], got [b]" in text
    assert (
        "| Glossary | 100 (lowest 98) | 100 | 100 | 100 | 1.1 s | 1.4 s | 40 ms | 134 KiB |" in text
    )
    assert "| 513 KiB | 121 KiB (24%) | 111 KiB (22%) |" in text
    assert "57 files, 2734 KiB" in text
    assert "{{" not in text
    assert "| Lighthouse on a phone, 6 pages, median of 3 runs (`lhci assert`) |" in text
