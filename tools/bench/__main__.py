"""Benchmarks: build cost of the handbook's macros, scale to 1,000 pages, page weight, PDF time,
search (hit rate of the practitioner query set, latency, index size).

Every figure is measured in the same run on the same machine and written to
``report.md`` and ``report.json`` in the output folder. Run from the project root:
``python -m tools.bench --out bench/results`` (``make bench``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sys
import tempfile
from pathlib import Path
from typing import Any

from macros.data.nav import nav_sources
from tools import lighthouse
from tools.bench import search
from tools.bench.builds import interleaved, serve_reloads, timed_build
from tools.bench.measures import clean_pdf_builds, page_weight, pdf_sizes, pdf_timings
from tools.bench.projects import (
    ROOT,
    TERM_CALL,
    add_pages,
    copy_project,
    floor_project,
    handbook,
    load_config,
    macros_only_project,
    plain,
    without_term_links,
)
from tools.bench.report import report
from tools.bench.tagging import tagging_cost, untagged_project


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5, help="rounds of the 32-page builds")
    parser.add_argument("--scale-repeat", type=int, default=3, help="rounds at --pages pages")
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--lighthouse-runs", type=int, default=3, help="per page; 0 skips it")
    args = parser.parse_args()
    results: dict[str, Any] = {
        "date": dt.date.today().isoformat(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
    }
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        real = copy_project(work / "handbook")
        handbook(real)
        bare = copy_project(work / "plain")
        plain(bare)
        unlinked = copy_project(work / "unlinked")
        handbook(unlinked)
        without_term_links(unlinked)
        small = {
            "handbook": real,
            "plain": bare,
            "floor": floor_project(work, "small", real, bare),
            "macros_only": macros_only_project(work / "macros-only"),
            "no_term_links": unlinked,
        }
        results.update(interleaved(small, args.repeat))
        results["term_links"] = sum(
            len(TERM_CALL.findall(p.read_text(encoding="utf-8")))
            for p in (ROOT / "docs").rglob("*.md")
        )
        results["handbook_pages"] = len(nav_sources(load_config(real)["nav"]))
        site = real / "site"
        pages = list(site.rglob("index.html"))
        weights = {p.relative_to(site).as_posix(): page_weight(site, p) for p in pages}
        heaviest = max(weights, key=lambda k: weights[k]["total"])
        results["weight_home"] = weights["index.html"]
        results["weight_heaviest"] = {"page": heaviest, **weights[heaviest]}
        results["pdf"] = pdf_timings(real)
        offline = copy_project(work / "offline")  # search from disk, as in the offline zip
        handbook(offline)
        search.offline(offline)
        timed_build(offline, {}, 1)
        results["search"] = search.measure(site, offline / "site")
        results["compress"] = lighthouse.precompress(site)
        if args.lighthouse_runs:
            try:
                results["lighthouse"] = lighthouse.measure(site, args.lighthouse_runs)
            except lighthouse.LighthouseError as exc:
                raise SystemExit(f"bench: {exc}") from None

        with_pdfs = copy_project(work / "with-pdfs")
        results["pdf_build"] = clean_pdf_builds(with_pdfs, args.repeat)
        results["pdf_sizes"] = pdf_sizes(with_pdfs / "site")
        untagged = untagged_project(work / "untagged")
        results["tagging"] = tagging_cost(with_pdfs, untagged, min(args.repeat, 3))
        served = copy_project(work / "served")
        results["reload_pdfs"] = serve_reloads(served, {"HANDBOOK_PDF": "background"}, args.edits)
        results["reload_no_pdfs"] = serve_reloads(served, {"HANDBOOK_PDF": "false"}, args.edits)

        big = copy_project(work / "big")
        handbook(big)
        results["scale_added_pages"] = add_pages(big, args.pages)
        big_plain = copy_project(work / "big-plain")
        add_pages(big_plain, args.pages)
        plain(big_plain)
        results["scale_pages"] = args.pages
        scale = {
            "scale_handbook": big,
            "scale_plain": big_plain,
            "scale_floor": floor_project(work, "big", big, big_plain),
            "scale_macros_only": macros_only_project(work / "big-macros-only", args.pages),
        }
        results.update(interleaved(scale, args.scale_repeat))
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "report.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    text = report(results)
    if "lighthouse" in results:
        text += "\n" + lighthouse.report(results["lighthouse"], results["compress"])
    (args.out / "report.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
