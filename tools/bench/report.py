"""The report: every goal with its target and a pass or fail, and the tables behind them."""

from __future__ import annotations

import os
import statistics
from typing import Any

from tools.bench import search
from tools.bench.measures import HANDBOOK_PAGES_BEFORE, HANDBOOK_PDF_BEFORE, HANDBOOK_TEXT_BEFORE
from tools.bench.tagging import goals as tagging_goals

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
    untagged = r["tagging"]["untagged_sizes"]  # issue 15's goal: layout, before any tags
    pdf, cores = r["pdf"], os.cpu_count() or 1
    bound = (h["seconds"] + pdf["checklist_pdfs_seconds"] + pdf["handbook_pdf_seconds"]) / cores
    per_char = untagged["handbook"] / untagged["handbook_text"]
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
            "Handbook PDF size untagged, in bytes per character of its text",
            f"{per_char:.2f} B ({untagged['handbook'] / 1000:.1f} KB, {untagged['handbook_pages']} "
            f"pages, {untagged['handbook_text']:,} characters); before: {before_per_char:.2f} B "
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
        *(goal(*row) for row in tagging_goals(r["tagging"])),
        *(goal(*row) for row in (search.goals(r["search"]) if "search" in r else [])),
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
        "(macros/pages/blocks.py), so it is a reference, not a bound.",
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
            *(search.misses(r["search"]) if "search" in r else []),
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
