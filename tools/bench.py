"""Benchmarks: build cost of the handbook's macros, scale to 1,000 pages, page weight, PDF time.

Every figure is measured in the same run on the same machine and written to
``report.md`` and ``report.json`` in the output folder. Builds run in child
processes; peak memory is each child's own maximum resident set size.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros import nav_sources  # noqa: E402
from tools import lighthouse, mkdocs_config  # noqa: E402


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mib: float


def timed_build(project: Path, env: dict[str, str], repeat: int) -> Run:
    """The best of ``repeat`` strict builds of ``project`` (wall time, peak RSS of that run)."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "build", "--quiet", "-d", str(project / "site")],
            cwd=project,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        if status != 0:
            raise SystemExit(
                f"bench: build of {project} failed:\n{proc.stderr.read().decode() if proc.stderr else ''}"
            )
        runs.append(Run(elapsed, usage.ru_maxrss / 1024))
    return min(runs, key=lambda r: r.seconds)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 -- loopback only
            return str(response.read().decode("utf-8", "replace"))
    except (urllib.error.URLError, OSError):
        return None


def wait_for(check: Any, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise SystemExit(f"bench: timed out waiting for {what}")
        time.sleep(0.02)


EDITED_PAGE = "guidance/definitions.md"


def serve_reloads(project: Path, env: dict[str, str], edits: int) -> list[float]:
    """``mkdocs serve`` with live reload on a loopback port, as ``make serve`` runs it: after
    the first build (and its PDFs) settle, make ``edits`` one-line text edits to one guidance
    page, and time each from saving the file to the server handing out the edited page."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    page_url = base + EDITED_PAGE.removesuffix(".md") + "/"
    version = read_version(project)
    pdf_urls = [
        base + f"downloads/ta-hsb-handbook-{version}.pdf",
        base + f"downloads/ta-hsb-checklists-{version}.pdf",
        *(
            base + f"downloads/checklists/{p.stem}.pdf"
            for p in (project / "checklists").glob("*.yml")
        ),
    ]
    with_pdfs = env.get("HANDBOOK_PDF") != "false"
    source = project / "docs" / EDITED_PAGE
    original = source.read_text(encoding="utf-8")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "serve",
            "--livereload",
            "--dev-addr",
            f"127.0.0.1:{port}",
        ],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        # Ctrl-C works even when the bench itself runs in the background (SIGINT ignored).
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    times = []
    try:
        wait_for(lambda: fetch(page_url) is not None, 120, "mkdocs serve to start")
        if with_pdfs:  # let the first PDFs finish: a quiet start
            wait_for(lambda: all(fetch_head(u) for u in pdf_urls), 300, "the first PDFs")
        for i in range(edits):
            marker = f"Bench edit {i} {time.time_ns()}"
            lines = original.splitlines(keepends=True)
            at = next(
                n for n, line in enumerate(lines) if line.strip() and not line.startswith("#")
            )
            lines[at] = lines[at].rstrip("\n") + f" {marker}\n"
            start = time.perf_counter()
            source.write_text("".join(lines), encoding="utf-8")
            wait_for(lambda m=marker: m in (fetch(page_url) or ""), 120, "the edited page")
            times.append(time.perf_counter() - start)
            if with_pdfs:  # the edit's handbook PDF is remade in the background: let it land
                wait_for(lambda: fetch_head(pdf_urls[0]), 300, "the remade handbook PDF")
    finally:
        source.write_text(original, encoding="utf-8")
        proc.send_signal(signal.SIGINT)  # Ctrl-C: serve shuts down its PDF workers too
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return times


def fetch_head(url: str) -> bool:
    try:
        request = urllib.request.Request(url, method="HEAD")  # noqa: S310 -- loopback only
        with urllib.request.urlopen(request, timeout=30):  # noqa: S310
            return True
    except (urllib.error.URLError, OSError):
        return False


def read_version(project: Path) -> str:
    found = re.search(r'^version = "(.+)"', (project / "pyproject.toml").read_text(), re.M)
    return found.group(1) if found else ""


def copy_project(target: Path) -> Path:
    for name in ("docs", "data", "checklists"):
        shutil.copytree(ROOT / name, target / name)
    for name in ("mkdocs.yml", "pyproject.toml"):
        shutil.copy(ROOT / name, target / name)
    for name in ("macros", "overrides", "source"):
        (target / name).symlink_to(ROOT / name)
    return target


def load_config(project: Path) -> dict[str, Any]:
    return mkdocs_config.load_config(project / "mkdocs.yml")


def save_config(project: Path, config: dict[str, Any]) -> None:
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")


def plain(project: Path) -> None:
    """Turn a copy into a plain Material build: no macros plugin, no theme overrides."""
    config = load_config(project)
    config["plugins"] = ["search"]
    config.pop("hooks", None)
    config["theme"].pop("custom_dir", None)
    config["strict"] = False
    save_config(project, config)


STUB_MACROS = """def define_env(env):
    for name in {names!r}:
        env.macro(lambda *args, **kwargs: "", name)
"""
MACRO_CALL = re.compile(r"\{\{-?\s*([a-z_]+)\(")


def macros_only(project: Path) -> None:
    """Turn a plain Material copy into one with mkdocs-macros and macros that return nothing:
    the plugin's own cost (its start-up, and Jinja compiling and rendering every page)."""
    names = sorted(
        {
            n
            for page in (project / "docs").rglob("*.md")
            for n in MACRO_CALL.findall(page.read_text())
        }
    )
    (project / "bench_stub.py").write_text(STUB_MACROS.format(names=names), encoding="utf-8")
    config = load_config(project)
    config["plugins"] = [
        "search",
        {"macros": {"module_name": "bench_stub", "on_error_fail": True, "on_undefined": "strict"}},
    ]
    save_config(project, config)


def handbook(project: Path) -> None:
    """The handbook as built by ``make build``, without the PDF and compression steps (timed separately)."""
    config = load_config(project)
    config["extra"]["handbook"]["pdf"] = False
    config["extra"]["handbook"]["compress"] = False
    save_config(project, config)


TERM_CALL = re.compile(r"""\{\{\s*term\(\s*(["'])(.*?)\1\s*(?:,\s*(["'])(.*?)\3\s*)?\)\s*\}\}""")


def without_term_links(project: Path) -> None:
    """Replace every ``{{ term(...) }}`` with its plain text: the handbook minus glossary cross-linking."""
    for page in (project / "docs").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        page.write_text(TERM_CALL.sub(lambda m: m.group(4) or m.group(2), text), encoding="utf-8")
    glossary = yaml.safe_load((project / "data" / "glossary.yml").read_text(encoding="utf-8"))
    (project / "docs" / "glossary-terms.md").write_text(
        "# Terms\n\n" + " ".join(f'{{{{ term("{e["id"]}") }}}}' for e in glossary) + "\n",
        encoding="utf-8",
    )
    config = load_config(project)
    config["nav"].append({"Terms": "glossary-terms.md"})
    save_config(project, config)


def add_pages(project: Path, total: int) -> int:
    """Add generated pages (copies of the guidance pages, macros included) up to ``total`` pages.

    The checklist forms (``checklist()`` and ``assessment_record()``) are left out of the
    copies: a handbook has each form once, however many guidance pages it grows to.
    """
    config = load_config(project)
    sources = nav_sources(config["nav"])
    guidance = [
        s
        for s in sources
        if s.startswith(("guidance/", "prompts/", "assessment/")) and "index" not in s
    ]
    texts = [(ROOT / "docs" / s).read_text(encoding="utf-8") for s in guidance]
    texts = [re.sub(r"\{\{\s*(checklist|assessment_record)\(.*?\)\s*\}\}", "", t) for t in texts]
    texts = [re.sub(r"\]\((?!https?:)[^)]*\)", "](../index.md)", t) for t in texts]
    extra = total - len(sources)
    entries = []
    for i in range(extra):
        src = f"generated/page-{i:04d}.md"
        path = project / "docs" / src
        path.parent.mkdir(parents=True, exist_ok=True)
        body = texts[i % len(texts)].replace("\n# ", f"\n# Generated {i}: ", 1)
        path.write_text(body, encoding="utf-8")
        entries.append({f"Generated {i}": src})
    config["nav"].append({"Generated": entries})
    save_config(project, config)
    return extra


DUMP_HOOK = """from pathlib import Path

def on_page_markdown(markdown, page, config, files):
    # the block macros' HTML in place of its comments (macros/blocks.py), as the page has it
    blocks = config["plugins"]["macros"].variables["_blocks"]
    markdown, _ = blocks.restore(page.file.src_uri, markdown)
    out = Path({folder!r}) / page.file.src_uri
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(markdown, encoding="utf-8")
    return markdown
"""


def expanded_markdown(project: Path, folder: Path) -> None:
    """Build ``project`` once with a hook that writes each page's Markdown after the macros
    ran (hooks run after the plugins) into ``folder``."""
    (project / "bench_dump.py").write_text(DUMP_HOOK.format(folder=str(folder)), encoding="utf-8")
    config = load_config(project)
    config["hooks"] = [*config.get("hooks", []), "bench_dump.py"]
    save_config(project, config)
    timed_build(project, {}, 1)


def content_floor(project: Path, folder: Path) -> None:
    """Turn a plain Material copy into one of the expanded Markdown in ``folder``: what
    Material alone spends on the content the macros generate."""
    for page in folder.rglob("*.md"):
        target = project / "docs" / page.relative_to(folder)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(page, target)


def floor_project(work: Path, name: str, handbook_copy: Path, plain_copy: Path) -> Path:
    """A plain Material copy of the handbook's expanded Markdown (copies of both projects)."""
    dumped = work / f"{name}-dump"
    shutil.copytree(handbook_copy, dumped, ignore=shutil.ignore_patterns("site"))
    expanded_markdown(dumped, work / f"{name}-expanded")
    floor = work / f"{name}-floor"
    shutil.copytree(plain_copy, floor, ignore=shutil.ignore_patterns("site"))
    content_floor(floor, work / f"{name}-expanded")
    return floor


def macros_only_project(target: Path, pages: int | None = None) -> Path:
    project = copy_project(target)
    if pages is not None:
        add_pages(project, pages)
    plain(project)
    macros_only(project)
    return project


def interleaved(projects: dict[str, Path], repeat: int) -> dict[str, dict[str, float]]:
    """The best of ``repeat`` rounds, each round building every project once in turn, so a
    machine whose speed drifts during the run slows every variant alike."""
    runs: dict[str, list[Run]] = {name: [] for name in projects}
    for _ in range(repeat):
        for name, project in projects.items():
            runs[name].append(timed_build(project, {}, 1))
    return {name: asdict(min(r, key=lambda run: run.seconds)) for name, r in runs.items()}


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
    from macros import pdf, pdffont
    from macros.edition import Edition, build_date
    from macros.site import Handbook

    config = load_config(project)
    book = Handbook(
        root=project,
        docs_dir=project / "docs",
        pages=nav_sources(config["nav"]),
        edition=Edition("bench", "bench", build_date()),
    )
    site = project / "site"
    start = time.perf_counter()
    face = pdffont.font_face(project / ".cache" / "pdf")
    made = pdf.build_checklists(book, site, config["site_name"], face)
    middle = time.perf_counter()
    pdf.build_handbook(book, site, {**config, "copyright": config.get("copyright", "")})
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
        results["compress"] = lighthouse.precompress(site)
        if args.lighthouse_runs:
            try:
                results["lighthouse"] = lighthouse.measure(site, args.lighthouse_runs)
            except lighthouse.LighthouseError as exc:
                raise SystemExit(f"bench: {exc}") from None

        with_pdfs = copy_project(work / "with-pdfs")
        results["pdf_build"] = clean_pdf_builds(with_pdfs, args.repeat)
        results["pdf_sizes"] = pdf_sizes(with_pdfs / "site")
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


#: Build-time targets (issue 15): the handbook against plain Material, PDFs off.
SMALL_TARGET, SCALE_TARGET = 1.3, 1.15


def ratio(a: dict[str, float], b: dict[str, float]) -> str:
    return f"{a['seconds'] / b['seconds']:.2f}×"


def kib(n: int) -> str:
    return f"{n / 1024:.0f} KiB"


def goal(measure: str, figure: str, target: str, ok: bool) -> str:
    return f"| {measure} | {figure} | {target} | {'pass' if ok else 'FAIL'} |"


def goals(r: dict[str, Any]) -> list[str]:
    h, p, sh, sp = r["handbook"], r["plain"], r["scale_handbook"], r["scale_plain"]
    reload_pdfs = statistics.median(r["reload_pdfs"])
    reload_bare = statistics.median(r["reload_no_pdfs"])
    sizes, cold = r["pdf_sizes"], r["pdf_build"]["cold"]
    pdf, cores = r["pdf"], os.cpu_count() or 1
    bound = (h["seconds"] + pdf["checklist_pdfs_seconds"] + pdf["handbook_pdf_seconds"]) / cores
    per_char = sizes["handbook"] / sizes["handbook_text"]
    before_per_char = HANDBOOK_PDF_BEFORE / HANDBOOK_TEXT_BEFORE
    small = h["seconds"] / p["seconds"]
    big = sh["seconds"] / sp["seconds"]
    return [
        "| Goal | Figure | Target | Result |",
        "| --- | --- | --- | --- |",
        goal(
            "Edit → reloaded page, `make serve`, one-line edit to a guidance page (median)",
            f"{reload_pdfs:.2f} s; PDF-less serve {reload_bare:.2f} s "
            f"({reload_pdfs / reload_bare:.2f}×); PDF-less build {h['seconds']:.2f} s "
            f"({reload_pdfs / h['seconds']:.2f}×)",
            "≤ 1.5 s and ≤ 2× PDF-less",
            reload_pdfs <= 1.5 and reload_pdfs <= 2 * reload_bare,
        ),
        goal(
            f"Build, {r['handbook_pages']} pages, PDFs off, vs plain Material",
            f"{h['seconds']:.2f} s vs {p['seconds']:.2f} s ({small:.2f}×)",
            f"≤ {SMALL_TARGET}×",
            small <= SMALL_TARGET,
        ),
        goal(
            f"Build, {r['scale_pages']} pages, PDFs off, vs plain Material",
            f"{sh['seconds']:.2f} s vs {sp['seconds']:.2f} s ({big:.2f}×)",
            f"≤ {SCALE_TARGET}×",
            big <= SCALE_TARGET,
        ),
        goal(
            "Largest single-checklist PDF",
            f"{sizes['single_max'] / 1000:.0f} KB ({sizes['singles']} PDFs, "
            f"{sizes['single_total'] / 1000:.0f} KB in all)",
            "≤ 100 KB",
            sizes["single_max"] <= 100_000,
        ),
        goal(
            "Combined checklists PDF",
            f"{sizes['combined'] / 1000:.0f} KB",
            "≤ 400 KB",
            sizes["combined"] <= 400_000,
        ),
        goal(
            "Form fields (pypdf): every field present, field fonts embedded",
            f"{sizes['fields']} fields; "
            + (
                "no problems" if not sizes["field_problems"] else "; ".join(sizes["field_problems"])
            ),
            "all present and embedded",
            not sizes["field_problems"],
        ),
        goal(
            "Handbook PDF size, in bytes per character of its text",
            f"{per_char:.2f} B ({sizes['handbook'] / 1000:.1f} KB, {sizes['handbook_pages']} pages, "
            f"{sizes['handbook_text']:,} characters); before: {before_per_char:.2f} B "
            f"({HANDBOOK_PDF_BEFORE / 1000:.1f} KB, {HANDBOOK_PAGES_BEFORE} pages, "
            f"{HANDBOOK_TEXT_BEFORE:,} characters)",
            "does not grow",
            per_char <= before_per_char,
        ),
        goal(
            "Clean `make build` with PDFs, empty PDF cache (best of runs)",
            f"{cold['seconds']:.2f} s (runs: "
            + ", ".join(f"{x:.2f}" for x in r["pdf_build"]["cold_all"])
            + f"); with a full cache {r['pdf_build']['warm']['seconds']:.2f} s. The work "
            f"(PDF-less build {h['seconds']:.2f} s, checklist PDFs "
            f"{pdf['checklist_pdfs_seconds']:.2f} s, handbook PDF "
            f"{pdf['handbook_pdf_seconds']:.2f} s, one after another) on {cores} cores "
            f"needs at least {bound:.2f} s",
            "≤ 4 s",
            cold["seconds"] <= 4.0,
        ),
    ]


def ratio_budget(r: dict[str, Any]) -> list[str]:
    """What the build-ratio targets leave for the handbook: mkdocs-macros, which the handbook
    is built on, costs this much before any of the handbook's own code or content runs."""
    rows = []
    for label, key, target in (
        (f"{r['handbook_pages']} pages", "", SMALL_TARGET),
        (f"{r['scale_pages']} pages", "scale_", SCALE_TARGET),
    ):
        p, only, h, fl = (r[key + k] for k in ("plain", "macros_only", "handbook", "floor"))
        room = target * p["seconds"] - only["seconds"]
        own = h["seconds"] - only["seconds"]
        rows.append(
            f"| {label} | {p['seconds']:.2f} s | {only['seconds']:.2f} s ({ratio(only, p)}) "
            f"| {target}× = {target * p['seconds']:.2f} s | {room:.2f} s "
            f"| {h['seconds']:.2f} s ({ratio(h, p)}) | {own:.2f} s "
            f"| {fl['seconds']:.2f} s ({ratio(fl, p)}) |"
        )
    return [
        "| PDFs off | Plain Material | mkdocs-macros alone | Target | Left for the handbook "
        "| Handbook | Handbook's own work | Content floor |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
        *rows,
        "",
        "mkdocs-macros alone: plain Material with the macros plugin and macros that return "
        "nothing (its start-up, and Jinja compiling and rendering every page). Left for the "
        "handbook: the target minus mkdocs-macros alone, the time the handbook's own code and "
        "content may take if the target is to be met. Handbook's own work: the handbook minus "
        "mkdocs-macros alone (loading and checking the data, the macros, the theme overrides "
        "and hooks, and Markdown, the theme and search on the HTML the macros generate). "
        "Content floor: plain Material on the Markdown as the macros expand it, generated HTML "
        "included; the handbook keeps its block macros' HTML out of Markdown "
        "(macros/blocks.py), so it is a reference, not a bound.",
    ]


def report(r: dict[str, Any]) -> str:
    h, p, sh, sp = r["handbook"], r["plain"], r["scale_handbook"], r["scale_plain"]
    home, heavy = r["weight_home"], r["weight_heaviest"]
    return "\n".join(
        [
            f"# Benchmark report ({r['date']}; {r['machine']})",
            "",
            *goals(r),
            "",
            "| Measure | Handbook | Plain Material | Ratio |",
            "| --- | --- | --- | --- |",
            f"| Build, {r['handbook_pages']} pages (best of runs; PDFs off) | {h['seconds']:.2f} s, {h['peak_mib']:.0f} MiB | {p['seconds']:.2f} s, {p['peak_mib']:.0f} MiB | {ratio(h, p)} |",
            f"| Build without glossary cross-linking ({r['term_links']} term links as plain text) | {r['no_term_links']['seconds']:.2f} s | | handbook / this: {ratio(h, r['no_term_links'])} |",
            f"| Build, {r['scale_pages']} pages ({r['scale_added_pages']} generated) | {sh['seconds']:.2f} s, {sh['peak_mib']:.0f} MiB | {sp['seconds']:.2f} s, {sp['peak_mib']:.0f} MiB | {ratio(sh, sp)} |",
            "",
            *ratio_budget(r),
            "",
            "| First load | HTML | CSS | JS | Search index | Total |",
            "| --- | --- | --- | --- | --- | --- |",
            f"| Home page | {kib(home['html'])} | {kib(home['css'])} | {kib(home['js'])} | {kib(home['search_index'])} | {kib(home['total'])} |",
            f"| Heaviest page ({heavy['page']}) | {kib(heavy['html'])} | {kib(heavy['css'])} | {kib(heavy['js'])} | {kib(heavy['search_index'])} | {kib(heavy['total'])} |",
            "",
            f"PDFs rendered one after another in one process, without the cache: "
            f"{r['pdf']['checklist_pdfs']} checklist PDFs in {r['pdf']['checklist_pdfs_seconds']} s "
            f"({r['pdf']['checklist_pdfs_mib']} MiB); the whole-handbook PDF in {r['pdf']['handbook_pdf_seconds']} s.",
            "",
            "Edit → reload, each edit (s): with PDFs "
            + ", ".join(f"{x:.2f}" for x in r["reload_pdfs"])
            + "; PDFs off "
            + ", ".join(f"{x:.2f}" for x in r["reload_no_pdfs"])
            + ".",
            "",
        ]
    )


if __name__ == "__main__":
    sys.exit(main())
