"""What a built site weighs (first load, as nginx sends it) and its PDFs' sizes and form
fields."""

from __future__ import annotations

import re
import urllib.request
from pathlib import Path
from typing import Any

import yaml
from pypdf import PdfReader

from tools.bench.projects import ROOT

REFS = {
    "css": re.compile(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"'),
    "js": re.compile(r'<script[^>]+src="([^"]+)"'),
}
INDEX = "search/search_index.json"


def first_load(site: Path, page: Path) -> dict[str, list[Path]]:
    """The files a first visit to ``page`` fetches, by kind (page, CSS, JS, search index)."""
    html = page.read_text(encoding="utf-8")
    found = {"html": [page], "search_index": [site / INDEX]}
    for kind, pattern in REFS.items():
        found[kind] = [(page.parent / ref).resolve() for ref in pattern.findall(html)]
    return found


def weights(site: Path) -> dict[str, Any]:
    """The bytes of a first visit to the home page and to the heaviest page, by kind (inline
    scripts counted as JS)."""
    found = {}
    for page in site.rglob("index.html"):
        w = {k: sum(f.stat().st_size for f in v) for k, v in first_load(site, page).items()}
        inline = re.findall(r"<script>(.*?)</script>", page.read_text(encoding="utf-8"), re.S)
        w["js"] += sum(len(s.encode()) for s in inline)
        found[page.relative_to(site).as_posix()] = w | {"total": sum(w.values())}
    heaviest = max(found, key=lambda k: found[k]["total"])
    return {"home": found["index.html"], "heaviest": {"page": heaviest, **found[heaviest]}}


def transfer_sizes(site: Path, base_url: str) -> dict[str, int]:
    """Bytes of the home page's first load from ``base_url``, per ``Accept-Encoding``."""
    files = [f for kind in first_load(site, site / "index.html").values() for f in kind]
    paths = ["" if f == site / "index.html" else f.relative_to(site).as_posix() for f in files]

    def size(path: str, encoding: str) -> int:
        request = urllib.request.Request(base_url + path, headers={"Accept-Encoding": encoding})  # noqa: S310 -- loopback
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return len(response.read())

    return {e: sum(size(path, e) for path in paths) for e in ("identity", "gzip", "br")}


def pdf_sizes(site: Path) -> dict[str, Any]:
    """Sizes of the published PDFs, and a pypdf check of the checklist PDFs' form fields: none
    missing, their fonts embedded."""
    singles = sorted((site / "downloads" / "checklists").glob("*.pdf"))
    combined = next(site.glob("downloads/ta-hsb-checklists-*.pdf"))
    book = next(site.glob("downloads/ta-hsb-handbook-*.pdf"))
    problems, fields = [], 0
    for path in [*singles, combined]:
        reader: Any = PdfReader(path)  # pypdf types its objects loosely
        names = set(reader.get_fields() or {})
        fields += len(names)
        source = ROOT / "checklists" / f"{path.stem}.yml"
        if source.is_file():  # a single checklist: every item and every section's notes
            data = yaml.safe_load(source.read_text(encoding="utf-8"))
            wanted = {f"{path.stem}.{i['id']}" for s in data["sections"] for i in s["items"]}
            wanted |= {f"{path.stem}.{s['id']}-notes" for s in data["sections"]}
            if wanted - names:
                problems.append(f"{path.name}: missing fields {sorted(wanted - names)}")
        for font in reader.trailer["/Root"]["/AcroForm"]["/DR"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            if "/FontFile2" not in descriptor and "/FontFile3" not in descriptor:
                problems.append(f"{path.name}: font {font['/BaseFont']} not embedded")
    book_reader = PdfReader(book)
    return {
        # characters of text (pypdf's extraction), whitespace not counted
        "handbook_text": sum(len("".join(pg.extract_text().split())) for pg in book_reader.pages),
        "handbook_pages": len(book_reader.pages),
        "single_max": max(p.stat().st_size for p in singles),
        "single_total": sum(p.stat().st_size for p in singles),
        "singles": len(singles),
        "combined": combined.stat().st_size,
        "handbook": book.stat().st_size,
        "fields": fields,
        "field_problems": problems,
    }
