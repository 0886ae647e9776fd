"""Lighthouse on a phone through the shipped nginx configuration, and first-load transfer sizes.

Lighthouse's default run (a mid-range phone on a slow 4G connection, simulated)
scores five kinds of page served by ``deploy/nginx`` with its pre-compressed
copies. Each page is run several times and the median of each score is kept,
as Lighthouse's own guidance advises for scores that vary from run to run.
Needs ``npm ci`` (Lighthouse is pinned in package.json) and Debian's Chromium.

    python tools/lighthouse.py --site site --out bench/results
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import asdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.hooks.compress import compress_site  # noqa: E402
from macros.hooks.offline import cached_files  # noqa: E402
from tools.nginx import BROTLI_MODULE, NginxError, serve  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
PAGES = {
    "Home": "",
    "Guidance (Key finding 1)": "guidance/key-finding-1/",
    "Prompt list (Sexting)": "prompts/sexting/",
    "Checklist (Stage 1: information gathering)": "assessment/stage-1-information-gathering/",
    "Glossary": "reference/glossary/",
    "Assessment record": "assessment/record/",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time")
ATTEMPTS = 3
ENCODINGS = {"none": None, "gzip": "gzip", "br": "br"}


class LighthouseError(Exception):
    """Lighthouse is not installed or a run failed."""


def run_once(url: str, out: Path) -> dict[str, Any]:
    """One default (mobile) Lighthouse run; its category scores (0–100) and key metrics (ms)."""
    if not LIGHTHOUSE.exists():
        raise LighthouseError("Lighthouse is missing: run `npm ci` in the project folder")
    for _attempt in range(ATTEMPTS):  # Lighthouse sometimes loses a trace (NO_NAVSTART): retry
        proc = subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                "--quiet",
                "--chrome-flags=--headless=new --no-sandbox",
                "--output=json",
                f"--output-path={out}",
            ],
            env={**os.environ, "CHROME_PATH": CHROMIUM},
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode == 0:
            break
    else:
        raise LighthouseError(f"lighthouse {url} failed: {proc.stderr.strip()[-500:]}")
    lhr = json.loads(out.read_text(encoding="utf-8"))
    scores = {c: round(lhr["categories"][c]["score"] * 100) for c in CATEGORIES}
    metrics = {m: round(lhr["audits"][m]["numericValue"]) for m in METRICS}
    return {
        **scores,
        **metrics,
        "transfer_bytes": round(lhr["audits"]["total-byte-weight"]["numericValue"]),
    }


def median_run(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The median of each figure over the runs; the lowest performance score besides."""
    keys = runs[0].keys()
    summary: dict[str, Any] = {k: statistics.median_low([r[k] for r in runs]) for k in keys}
    summary["performance_min"] = min(r["performance"] for r in runs)
    summary["runs"] = len(runs)
    return summary


def first_load_files(site_dir: Path) -> list[str]:
    """What the home page fetches on a first visit: the page, its CSS and JS, the search index."""
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    refs = re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', html)
    refs += re.findall(r'<script[^>]+src="([^"]+)"', html)
    return ["", *refs, "search/search_index.json"]


def transfer_sizes(base_url: str, paths: list[str]) -> dict[str, int]:
    """Bytes of the response bodies for ``paths``, per ``Accept-Encoding`` sent."""
    sizes = {}
    for name, encoding in ENCODINGS.items():
        total = 0
        for path in paths:
            headers = {"Accept-Encoding": encoding} if encoding else {}
            request = urllib.request.Request(base_url + path, headers=headers)  # noqa: S310 (loopback)
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
                total += len(response.read())
        sizes[name] = total
    return sizes


def precompress(site_dir: Path) -> dict[str, Any]:
    """The build's compression step (``macros.compress``) on ``site_dir``, timed."""
    start = time.perf_counter()
    done = compress_site(site_dir)
    return {"seconds": round(time.perf_counter() - start, 2), **asdict(done)}


def measure(site_dir: Path, runs: int = 3) -> dict[str, Any]:
    """Score every page in PAGES and size the home page's first load, through nginx."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        try:
            with serve(site_dir, work / "nginx", brotli=BROTLI_MODULE.exists()) as url:
                pages = {}
                for label, path in PAGES.items():
                    results = [run_once(url + path, work / "lhr.json") for _ in range(runs)]
                    pages[label] = {"path": path, **median_run(results)}
                sizes = transfer_sizes(url, first_load_files(site_dir))
        except NginxError as exc:
            raise LighthouseError(str(exc)) from None
    kept = cached_files(site_dir) if (site_dir / "sw.js").is_file() else []
    offline = {"files": len(kept), "bytes": sum(f.size for f in kept)}
    return {"pages": pages, "home_first_load": sizes, "offline": offline}


def kib(n: int) -> str:
    return f"{n / 1024:.0f} KiB"


def report(r: dict[str, Any], compress: dict[str, Any] | None = None) -> str:
    pages = r["pages"]
    runs = next(iter(pages.values()))["runs"]
    rows = [
        f"| {label} | {p['performance']} (lowest {p['performance_min']}) | {p['accessibility']} "
        f"| {p['best-practices']} | {p['seo']} | {p['first-contentful-paint'] / 1000:.1f} s "
        f"| {p['largest-contentful-paint'] / 1000:.1f} s | {p['total-blocking-time']} ms "
        f"| {kib(p['transfer_bytes'])} |"
        for label, p in pages.items()
    ]
    sizes = r["home_first_load"]
    return "\n".join(
        [
            f"Lighthouse on a phone (default mobile emulation), through the shipped nginx "
            f"configuration, median of {runs} runs per page:",
            "",
            "| Page | Performance | Accessibility | Best practices | SEO | FCP | LCP | TBT | Transferred |",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
            *rows,
            "",
            "Home page, first load (page, CSS, JS, search index) as sent by nginx:",
            "",
            "| Uncompressed | gzip | Brotli |",
            "| --- | --- | --- |",
            f"| {kib(sizes['none'])} | {kib(sizes['gzip'])} "
            f"({sizes['gzip'] / sizes['none']:.0%}) | {kib(sizes['br'])} "
            f"({sizes['br'] / sizes['none']:.0%}) |",
            "",
            *(
                [
                    f"Kept on the device for offline reading after the first visit (sw.js): "
                    f"{r['offline']['files']} files, {kib(r['offline']['bytes'])}.",
                    "",
                ]
                if r.get("offline", {}).get("files")
                else []
            ),
            *(
                [
                    f"Compressed copies: {compress['files']} files, "
                    f"{kib(compress['plain_bytes'])} → {kib(compress['gzip_bytes'])} gzip, "
                    f"{kib(compress['brotli_bytes'])} Brotli, in {compress['seconds']} s.",
                    "",
                ]
                if compress
                else []
            ),
        ]
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="a built site")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page")
    args = parser.parse_args()
    try:
        results = measure(args.site.resolve(), args.runs)
    except LighthouseError as exc:
        print(f"lighthouse: {exc}", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "lighthouse.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    (args.out / "lighthouse.md").write_text(report(results), encoding="utf-8")
    print(report(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
