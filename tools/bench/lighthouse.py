"""Lighthouse CI on a phone (its default: a mid-range phone on slow 4G, simulated): ``lhci
collect`` on six kinds of page served by the shipped nginx, ``lhci assert`` on the medians
against lighthouserc.json (which sets the runs and Debian's Chromium)."""

from __future__ import annotations

import json
import statistics
import subprocess
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tools.bench.measures import transfer_sizes
from tools.bench.projects import ROOT
from tools.servers import BROTLI_MODULE, ServerError, nginx

LHCI = ROOT / "node_modules" / ".bin" / "lhci"
CONFIG = ROOT / "tools" / "bench" / "lighthouserc.json"
PAGES = {
    "Home": "",
    "Guidance (Key finding 1)": "guidance/key-finding-1/",
    "Prompt list (Sexting)": "prompts/sexting/",
    "Checklist (Stage 1: information gathering)": "assessment/stage-1-information-gathering/",
    "Glossary": "reference/glossary/",
    "Assessment record": "assessment/record/",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")  # scored 0–100
METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time")  # ms
SIZE = "total-byte-weight"  # bytes transferred


def lhci(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LHCI), *args, f"--config={CONFIG}"], cwd=cwd, capture_output=True, text=True
    )


def medians(runs: list[dict[str, int]]) -> dict[str, Any]:
    summary: dict[str, Any] = {k: statistics.median_low(r[k] for r in runs) for k in runs[0]}
    return {**summary, "performance_min": min(r["performance"] for r in runs), "runs": len(runs)}


def measure(site: Path) -> dict[str, Any]:
    """Every page in PAGES, and the home page's first load as nginx sends it."""
    if not LHCI.exists():
        raise SystemExit("bench: Lighthouse CI is missing: run `npm ci` in the project folder")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        try:
            with nginx(site, work / "nginx", brotli=BROTLI_MODULE.exists()) as url:
                for path in PAGES.values():  # one page at a time: a lost trace costs one retry
                    for _attempt in range(3):
                        done = lhci("collect", "--additive", f"--url={url}{path}", cwd=work)
                        if done.returncode == 0:
                            break
                    else:
                        raise SystemExit(f"bench: lhci collect {url}{path}: {done.stderr[-500:]}")
                sizes = transfer_sizes(site, url)
        except ServerError as exc:
            raise SystemExit(f"bench: {exc}") from None
        checked = lhci("assert", cwd=work)
        saved = work / ".lighthouseci" / "assertion-results.json"
        assertions = json.loads(saved.read_text(encoding="utf-8")) if saved.is_file() else []
        runs: dict[str, list[dict[str, int]]] = {path: [] for path in PAGES.values()}
        for report in (work / ".lighthouseci").glob("lhr-*.json"):
            lhr = json.loads(report.read_text(encoding="utf-8"))
            scores = {c: round(lhr["categories"][c]["score"] * 100) for c in CATEGORIES}
            metrics = {m: round(lhr["audits"][m]["numericValue"]) for m in (*METRICS, SIZE)}
            runs[urlsplit(lhr["requestedUrl"]).path.lstrip("/")].append(scores | metrics)
    pages = {label: {"path": path, **medians(runs[path])} for label, path in PAGES.items()}
    failures = [
        f"{urlsplit(a['url']).path} {a.get('auditProperty', a['auditId'])} {a['actual']:.2f}, "
        f"wanted {a['operator']} {a['expected']}"
        for a in assertions
        if not a["passed"]
    ]
    if checked.returncode and not failures:
        raise SystemExit(f"bench: lhci assert: {checked.stderr.strip()[-500:]}")
    return {"pages": pages, "assert_failures": "; ".join(failures), "home_first_load": sizes}
