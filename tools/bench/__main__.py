"""``make bench``: build time against plain Material (hyperfine), edit-to-reload, the PDFs,
search, Lighthouse on a phone (Lighthouse CI), page weight and the offline copy; every figure
from one run on one machine, into ``report.md`` and ``report.json`` in ``--out``."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shlex
import sys
import tempfile
from pathlib import Path
from typing import Any

from macros.data.nav import nav_sources
from macros.hooks.offline import cached_files
from macros.hooks.security import compress_site
from tools import mkdocs_config, searchbox
from tools.bench import lighthouse, measures, projects, timing
from tools.bench.report import report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5, help="hyperfine runs of each build")
    parser.add_argument("--edits", type=int, default=3)
    args = parser.parse_args()
    r: dict[str, Any] = {
        "date": dt.date.today().isoformat(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
    }
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        real = projects.handbook(work / "handbook")
        variants = {"handbook": real, "plain": projects.plain(work / "plain")}
        commands = {name: timing.build_command(p) for name, p in variants.items()}
        r["builds"] = timing.hyperfine(commands, args.runs)
        config = mkdocs_config.load_config(real / "mkdocs.yml")
        r["handbook_pages"] = len(nav_sources(config["nav"]))
        site = real / "site"
        r["weights"] = measures.weights(site)
        offline = projects.offline(work / "offline")  # search from disk, as in the offline zip
        timing.hyperfine({"offline": timing.build_command(offline)}, 1)
        r["search"] = searchbox.measure(site, offline / "site")
        compress_site(site)  # the copies nginx sends Lighthouse; left out of the timed build
        r["lighthouse"] = lighthouse.measure(site)

        tagged = projects.copy_project(work / "tagged")
        untagged = projects.untagged(work / "untagged")
        cache = {name: work / f"{name}-cache" for name in ("tagged", "untagged")}
        pdf_builds = {
            name: timing.build_command(p, {"HANDBOOK_PDF_CACHE": str(cache[name])})
            for name, p in (("tagged", tagged), ("untagged", untagged))
        }
        empty = {name: f"rm -rf {shlex.quote(str(c))}" for name, c in cache.items()}
        r["pdf_builds"] = timing.hyperfine(pdf_builds, args.runs, prepare=empty)
        r["pdf_builds"] |= timing.hyperfine({"warm": pdf_builds["tagged"]}, args.runs)
        r["pdf_sizes"] = measures.pdf_sizes(tagged / "site")
        # What the service worker keeps after a first visit, of a site built as `make build`
        # builds it (PDFs included; the handbook copy above has none).
        kept = cached_files(tagged / "site")
        r["offline_copy"] = {"files": len(kept), "bytes": sum(f.size for f in kept)}
        r["untagged_sizes"] = measures.pdf_sizes(untagged / "site")
        served = projects.copy_project(work / "served")
        r["reload_pdfs"] = timing.serve_reloads(served, {"HANDBOOK_PDF": "background"}, args.edits)
        r["reload_no_pdfs"] = timing.serve_reloads(served, {"HANDBOOK_PDF": "false"}, args.edits)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "report.json").write_text(json.dumps(r, indent=2), encoding="utf-8")
    text = report(r)
    (args.out / "report.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
