"""What a built site weighs, and what its PDFs cost: page weight, PDF timings without the
cache, clean builds with PDFs, and PDF sizes and form fields."""

from __future__ import annotations

import re
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

import yaml

from macros.data.nav import nav_sources
from tools.bench.builds import timed_build
from tools.bench.projects import ROOT, load_config


def page_weight(site: Path, page: Path) -> dict[str, int]:
    html = page.read_text(encoding="utf-8")
    weight = {"html": len(html.encode()), "css": 0, "js": 0, "search_index": 0}
    for kind, pattern in (
        ("css", r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"'),
        ("js", r'<script[^>]+src="([^"]+)"'),
    ):
        for ref in re.findall(pattern, html):
            weight[kind] += (page.parent / ref).resolve().stat().st_size
    weight["js"] += sum(len(m.encode()) for m in re.findall(r"<script>(.*?)</script>", html, re.S))
    index = site / "search" / "search_index.json"
    weight["search_index"] = index.stat().st_size if index.exists() else 0
    weight["total"] = sum(weight.values())
    return weight


def pdf_timings(project: Path) -> dict[str, float]:
    """Time the checklist PDFs and the handbook PDF rendered one after another, in this
    process and without the cache, on an already-built site (the cost the cache avoids)."""
    from macros.data.edition import Edition, build_date
    from macros.data.state import assemble
    from macros.pdf import font
    from macros.pdf.book import build_handbook
    from macros.pdf.documents import build_checklists

    config = load_config(project)
    state = assemble(
        root=project,
        docs_dir=project / "docs",
        pages=nav_sources(config["nav"]),
        edition=Edition("bench", "bench", build_date()),
    )
    site = project / "site"
    start = time.perf_counter()
    face = font.font_face(project / ".cache" / "pdf")
    made = build_checklists(state, site, config["site_name"], face)
    middle = time.perf_counter()
    build_handbook(state, site, {**config, "copyright": config.get("copyright", "")})
    end = time.perf_counter()
    return {
        "checklist_pdfs": len(made),
        "checklist_pdfs_seconds": round(middle - start, 2),
        "checklist_pdfs_mib": round(sum(p.stat().st_size for p in made) / 1024 / 1024, 2),
        "handbook_pdf_seconds": round(end - middle, 2),
    }


def clean_pdf_builds(project: Path, repeat: int) -> dict[str, Any]:
    """``make build`` with PDFs: each run with an empty PDF cache, then one with a full cache."""
    cold = [
        timed_build(project, {"HANDBOOK_PDF_CACHE": str(project / f".cache-{i}")}, 1)
        for i in range(repeat)
    ]
    warm = timed_build(project, {"HANDBOOK_PDF_CACHE": str(project / ".cache-0")}, repeat)
    best = min(cold, key=lambda r: r.seconds)
    return {"cold": asdict(best), "cold_all": [r.seconds for r in cold], "warm": asdict(warm)}


#: The handbook PDF before the PDF work of issue 15 (commit d24bc4c), built as this bench
#: builds it (a copy without git, so no commit in the stamp): its size, its printed text in
#: characters (whitespace not counted) and its pages. It must not grow. The content has grown
#: since (the Source coverage appendix, the accessibility statement, the privacy notice), so
#: the goal compares bytes per character of text; the report gives the raw sizes too.
HANDBOOK_PDF_BEFORE = 224_489
HANDBOOK_TEXT_BEFORE = 67_615
HANDBOOK_PAGES_BEFORE = 57


def pdf_text_size(reader: Any) -> int:
    """Characters of text in a PDF (pypdf's extraction), whitespace not counted."""
    return sum(len("".join(page.extract_text().split())) for page in reader.pages)


def pdf_sizes(site: Path) -> dict[str, Any]:
    """Sizes of the published PDFs, and a pypdf check of the checklist PDFs' form fields."""
    from pypdf import PdfReader

    singles = sorted((site / "downloads" / "checklists").glob("*.pdf"))
    combined = next(site.glob("downloads/ta-hsb-checklists-*.pdf"))
    handbook_pdf = next(site.glob("downloads/ta-hsb-handbook-*.pdf"))
    problems = []
    fields = 0
    for path in [*singles, combined]:
        reader = PdfReader(path)
        names = reader.get_fields() or {}
        fields += len(names)
        cid = path.stem
        data = (
            yaml.safe_load((ROOT / "checklists" / f"{cid}.yml").read_text(encoding="utf-8"))
            if path in singles
            else None
        )
        if data is not None:
            wanted = {f"{cid}.{i['id']}" for s in data["sections"] for i in s["items"]}
            wanted |= {f"{cid}.{s['id']}-notes" for s in data["sections"]}
            missing = wanted - set(names)
            if missing:
                problems.append(f"{path.name}: missing fields {sorted(missing)}")
        root: Any = reader.trailer["/Root"]
        for font in root["/AcroForm"]["/DR"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object()
            descriptor = descendant["/FontDescriptor"].get_object()
            if "/FontFile2" not in descriptor and "/FontFile3" not in descriptor:
                problems.append(f"{path.name}: font {font['/BaseFont']} not embedded")
    book = PdfReader(handbook_pdf)
    return {
        "handbook_text": pdf_text_size(book),
        "handbook_pages": len(book.pages),
        "single_max": max(p.stat().st_size for p in singles),
        "single_total": sum(p.stat().st_size for p in singles),
        "singles": len(singles),
        "combined": combined.stat().st_size,
        "handbook": handbook_pdf.stat().st_size,
        "fields": fields,
        "field_problems": problems,
    }
