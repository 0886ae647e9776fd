"""Timed builds in child processes, interleaved rounds, and ``mkdocs serve`` edit-to-reload
times. Peak memory is each child's own maximum resident set size."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any


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


def interleaved(projects: dict[str, Path], repeat: int) -> dict[str, dict[str, float]]:
    """The best of ``repeat`` rounds, each round building every project once in turn, so a
    machine whose speed drifts during the run slows every variant alike."""
    runs: dict[str, list[Run]] = {name: [] for name in projects}
    for _ in range(repeat):
        for name, project in projects.items():
            runs[name].append(timed_build(project, {}, 1))
    return {name: asdict(min(r, key=lambda run: run.seconds)) for name, r in runs.items()}
