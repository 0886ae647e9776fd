"""PDFs made once per set of inputs (cached in ``.cache/pdf/`` or ``$HANDBOOK_PDF_CACHE``,
keyed by everything that shows in them), in a pool of worker processes, off the page-reload
path: ``mkdocs build`` waits for every PDF (never a stale one), ``make serve`` does not."""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
import re
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Iterable, Mapping
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from importlib.metadata import version
from pathlib import Path
from typing import Any

from ..data.nav import NavPage
from ..data.state import State
from .book import Book, PdfJob, article_from_content, book_pages, checklist_jobs
from .writer import PdfError, write_pdf

log = logging.getLogger("mkdocs.plugins.handbook")

#: Bump when the way a job becomes a PDF changes (e.g. ``write_pdf`` options, tagging.py).
FORMAT = "5"
KEEP = 64  # cached PDFs kept; the least recently used beyond this are removed
LOCAL_REF = re.compile(r"""\b(?:src|href)=["']([^"'#?:]+)["']""")
_pool: ProcessPoolExecutor | None = None  # kept across ``serve`` rebuilds
_lock = threading.Lock()  # held while a PDF is copied in and while a build takes over
_current: Batch | None = None  # the build whose site folder PDFs may be copied into


def cache_key(job: PdfJob, base_url: Path) -> str:
    """A hash of the HTML, the WeasyPrint version and the bytes of the local files it names."""
    digest = hashlib.sha256(f"{FORMAT}\0weasyprint {version('weasyprint')}\0{job.forms}\0".encode())
    digest.update(job.html.encode())
    site = base_url.resolve()
    for ref in sorted(set(LOCAL_REF.findall(job.html))):
        path = (base_url / ref).resolve()
        if path.is_relative_to(site) and path.is_file():  # an image it embeds: bytes count
            digest.update(f"\0{ref}\0".encode() + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:40]


def render(job: PdfJob, base_url: Path, cache: Path) -> tuple[Path, bool]:
    """The cached PDF for ``job`` and whether this call rendered it (runs in a worker)."""
    cached = cache / f"{cache_key(job, base_url)}.pdf"
    if cached.is_file():
        return cached, False
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache, prefix=".render-") as tmp:
        out = Path(tmp) / Path(job.target).name  # the real name: errors name the file
        write_pdf(job.html, out, base_url, forms=job.forms)
        out.replace(cached)
    return cached, True


def render_book(
    state: State, pages: list[NavPage], texts: Mapping[str, str], conf: Any, site: Path, cache: Path
) -> tuple[Path, bool]:
    """Assemble the handbook from ``texts`` and render it if it is not cached (in a worker)."""
    html = Book(state, pages, texts).html(conf["site_name"], conf["copyright"] or "")
    return render(PdfJob(state.downloads.handbook, html), site, cache)


def copy(cached: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    os.utime(cached)  # recently used: kept by prune()
    shutil.copyfile(cached, target)


def prune(cache: Path, keep: int = KEEP, idle: float = 600) -> None:
    """Remove the least recently used cached PDFs beyond ``keep``; never one used in the last
    ``idle`` seconds (another build may be about to copy it)."""
    try:
        entries = sorted(((p.stat().st_mtime, p) for p in cache.glob("*.pdf")), reverse=True)
    except OSError:
        return
    for used, stale in entries[keep:]:
        if used < time.time() - idle:
            stale.unlink(missing_ok=True)


def submit(*call: Any) -> Future[Any]:
    """Run ``call`` in the pool: forked workers start fast (they inherit the loaded modules)
    and leave Ctrl-C to the parent, which stops the pool."""
    global _pool
    for _ in range(2):  # a worker that died (e.g. killed) breaks the pool: start a new one
        if _pool is None:
            fork = "fork" in multiprocessing.get_all_start_methods()
            _pool = ProcessPoolExecutor(
                mp_context=multiprocessing.get_context("fork" if fork else None),
                initializer=signal.signal,
                initargs=(signal.SIGINT, signal.SIG_IGN),
            )
        try:
            return _pool.submit(*call)
        except BrokenProcessPool:
            _pool = None
    raise PdfError("PDFs: the worker processes could not start")


def _take_over(batch: Batch | None) -> None:
    """Only ``batch`` (None: no build) may copy PDFs in from now; the previous build's PDFs not
    started yet are not made."""
    global _current
    with _lock:
        for future in _current.pending.values() if _current is not None else ():
            future.cancel()
        _current = batch


def shutdown() -> None:
    """No PDF lands any more; stop the worker processes (they start again when needed)."""
    global _pool
    _take_over(None)
    if _pool is not None:
        _pool.shutdown(wait=True, cancel_futures=True)
        _pool = None


class Batch:
    """The PDFs of one build: started early, published when the site is built."""

    def __init__(self, cache: Path, background: bool) -> None:
        self.cache = cache
        self.background = background
        self.started = time.perf_counter()
        self.ready: dict[str, tuple[Path, bool]] = {}
        self.pending: dict[str, Future[tuple[Path, bool]]] = {}
        _take_over(self)

    def add(self, job: PdfJob, base_url: Path) -> None:
        cached = self.cache / f"{cache_key(job, base_url)}.pdf"
        if cached.is_file():
            os.utime(cached)  # in use: prune() leaves it alone
            self.ready[job.target] = (cached, False)
        else:
            self.pending[job.target] = submit(render, job, base_url, self.cache)

    def add_book(self, state: State, conf: Any, pages: Iterable[Any]) -> None:
        """Start the handbook PDF (the longest job) from the pages' content (``on_env``), while
        the theme renders the pages."""
        articles = {
            p.file.src_uri: article_from_content(p.content or "", p.title or conf["site_name"])
            for p in pages
        }
        view = {"site_name": conf["site_name"], "copyright": conf["copyright"]}
        book = (state, book_pages(state, conf["nav"]), articles, view, Path(conf["site_dir"]))
        self.pending[state.downloads.handbook] = submit(render_book, *book, self.cache)

    def publish(self, site_dir: Path) -> None:
        """Copy every PDF in now, or in background mode each one not cached when it is ready."""
        if not self.background:
            self.ready |= {t: result(t, f) for t, f in self.pending.items()}
            self.pending = {}
            made = sum(rendered for _, rendered in self.ready.values())
            elapsed = time.perf_counter() - self.started
            log.info(
                f"PDFs: {made} made, {len(self.ready) - made} from the cache ({self.cache})"
                f" in {elapsed:.1f} s"
            )
        elif self.pending:
            log.info(
                f"PDFs: {len(self.ready)} from the cache, {len(self.pending)} being checked"
                " or made in the background"
            )
        for target, (cached, _) in self.ready.items():
            copy(cached, site_dir / target)
        for target in self.pending:
            (site_dir / target).unlink(missing_ok=True)
        self.landing = threading.Thread(target=self._land, args=(site_dir,), daemon=True)
        self.landing.start()
        prune(self.cache)

    def _land(self, site_dir: Path) -> None:
        """Copy each background PDF in as it is made, unless a newer build owns the site folder."""
        targets = {future: target for target, future in self.pending.items()}
        for future in as_completed(targets):
            try:
                with _lock:
                    if future.cancelled() or self is not _current:
                        continue
                    copy(result(targets[future], future)[0], site_dir / targets[future])
                elapsed = time.perf_counter() - self.started
                log.info(f"PDF ready: {targets[future]} ({elapsed:.1f} s after the build started)")
            except PdfError as exc:
                log.error(str(exc))


def result(target: str, future: Future[tuple[Path, bool]]) -> tuple[Path, bool]:
    """The PDF, or one line naming it and what went wrong (no traceback; a worker that died:
    ``BrokenProcessPool``)."""
    try:
        return future.result()
    except PdfError:
        raise
    except Exception as exc:
        raise PdfError(f"{target}: {type(exc).__name__}: {exc}") from None


def start(state: State, conf: Any, root: Path, background: bool) -> Batch:
    """Start the checklist PDFs now (they need no built page); see :meth:`Batch.publish`."""
    batch = Batch(Path(os.environ.get("HANDBOOK_PDF_CACHE") or root / ".cache" / "pdf"), background)
    for job in checklist_jobs(state, conf["site_name"]):
        batch.add(job, Path(conf["site_dir"]))
    return batch
