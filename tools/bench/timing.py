"""Builds timed by hyperfine, ``mkdocs serve`` edit-to-reload."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from macros.data.edition import read_version
from tools.servers import free_port


def build_command(project: Path, env: dict[str, str] | None = None) -> str:
    """The shell command hyperfine times: a quiet build of ``project`` into its ``site/``."""
    assignments = " ".join(f"{k}={shlex.quote(v)}" for k, v in (env or {}).items())
    return (
        f"cd {shlex.quote(str(project))} && env NO_MKDOCS_2_WARNING=1 {assignments} "
        f"{shlex.quote(sys.executable)} -m mkdocs build --quiet -d site"
    )


def hyperfine(commands: dict[str, str], runs: int, prepare: dict[str, str] | None = None) -> Any:
    """Each command ``runs`` times after a warm-up, ``prepare[name]`` before each: per name,
    hyperfine's own figures (s): ``min`` (the best run), ``median``, ``times``, ``user`` and
    ``system`` (mean CPU time, the build's worker processes included) …"""
    if shutil.which("hyperfine") is None:
        raise SystemExit("bench: hyperfine is missing: install it (`make system-deps`, as root)")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "hyperfine.json"
        args = ["hyperfine", "--runs", str(runs), "--warmup", "1", "--style", "basic"]
        args += ["--export-json", str(out)]
        for name, command in commands.items():
            args += ["--command-name", name, command]
            args += ["--prepare", (prepare or {}).get(name, "true")] if prepare else []
        if subprocess.run(args, stdout=subprocess.DEVNULL, check=False).returncode != 0:
            raise SystemExit(f"bench: hyperfine failed: {shlex.join(args)}")
        return {r["command"]: r for r in json.loads(out.read_text(encoding="utf-8"))["results"]}


def fetch(url: str, method: str = "GET") -> str | None:
    """The body at ``url`` (loopback only), or None if it cannot be had."""
    try:
        request = urllib.request.Request(url, method=method)  # noqa: S310 -- loopback only
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return str(response.read().decode("utf-8", "replace"))
    except OSError:  # URLError and HTTPError too
        return None


def wait_for(check: Callable[..., bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise SystemExit(f"bench: timed out waiting for {what}")
        time.sleep(0.02)


EDITED_PAGE = "guidance/definitions.md"


def serve_reloads(project: Path, env: dict[str, str], edits: int) -> list[float]:
    """``mkdocs serve --livereload`` as ``make serve`` runs it: once the first build (and its
    PDFs) settle, ``edits`` one-line edits to a guidance page, each timed from saving the file
    to the server handing out the edited page."""
    address = f"127.0.0.1:{free_port()}"
    base = f"http://{address}/"
    page_url = base + EDITED_PAGE.removesuffix(".md") + "/"
    version = read_version(project / "pyproject.toml")
    pdfs = [f"downloads/ta-hsb-{name}-{version}.pdf" for name in ("handbook", "checklists")]
    pdfs += [f"downloads/checklists/{p.stem}.pdf" for p in (project / "checklists").glob("*.yml")]
    with_pdfs = env.get("HANDBOOK_PDF") != "false"
    source = project / "docs" / EDITED_PAGE
    original = source.read_text(encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dev-addr", address],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        # Ctrl-C works even when the bench itself runs in the background (SIGINT ignored).
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )

    def pdfs_there() -> bool:
        return not with_pdfs or all(fetch(base + p, "HEAD") is not None for p in pdfs)

    times = []
    try:
        wait_for(lambda: fetch(page_url) is not None, 120, "mkdocs serve to start")
        wait_for(pdfs_there, 300, "the first PDFs")  # let them finish: a quiet start
        lines = original.splitlines(keepends=True)
        at = next(n for n, line in enumerate(lines) if line.strip() and not line.startswith("#"))
        for i in range(edits):
            marker = f"Bench edit {i} {time.time_ns()}"
            edited = [*lines[:at], lines[at].rstrip("\n") + f" {marker}\n", *lines[at + 1 :]]
            start = time.perf_counter()
            source.write_text("".join(edited), encoding="utf-8")
            wait_for(lambda m=marker: m in (fetch(page_url) or ""), 120, "the edited page")
            times.append(time.perf_counter() - start)
            # The edit's handbook PDF is remade in the background: let it land.
            wait_for(pdfs_there, 300, "the remade handbook PDF")
    finally:
        source.write_text(original, encoding="utf-8")
        proc.send_signal(signal.SIGINT)  # Ctrl-C: serve shuts down its PDF workers too
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return times
