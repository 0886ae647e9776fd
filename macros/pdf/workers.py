"""PDFs on every core, off the page-reload path.

PDFs are rendered in worker processes on two lanes: the checklist PDFs need
no built page, so they start as soon as the data is loaded, while MkDocs
builds the pages; the handbook PDF, the longest, has a worker of its own,
warmed up (WeasyPrint and BeautifulSoup loaded) while the pages build, and
starts as soon as every page's content is converted (``on_env``), while the
theme still renders the pages. ``mkdocs build`` waits for
every PDF, so it never publishes a stale one. In background mode (``make
serve``) the build returns at once: cached PDFs are copied, the others are
left out of the site until they are ready, then copied in, unless a newer
build has started meanwhile.
"""

from __future__ import annotations

import functools
import logging
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Iterable, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ..data.state import State
from . import font
from .book import Book, article_from_content, book_pages
from .cache import Made, cache_dir, cache_key, copy, prune, render, render_book, warm_up
from .documents import PdfJob, checklist_jobs
from .writer import PdfError

log = logging.getLogger("mkdocs.plugins.handbook")

# -- worker processes ----------------------------------------------------------

CHECKLISTS, BOOK = "checklists", "book"
_executors: dict[str, ProcessPoolExecutor] = {}
_lock = threading.Lock()
_generation = 0
_current: Batch | None = None


def workers(lane: str) -> int:
    """The handbook lane has one worker; the checklists get the other cores (at least one)."""
    if lane == BOOK:
        return 1
    given = os.environ.get("HANDBOOK_PDF_WORKERS", "")
    if given.isdigit() and int(given) > 0:
        return int(given)
    return max(1, min(len(os.sched_getaffinity(0)) - 1, 4))


def _start_worker(low_priority: bool) -> None:
    """In each worker: leave Ctrl-C to the parent (it shuts the pool down), exit if the
    parent dies (a forked worker holds copies of the parent's files and sockets, e.g.
    ``serve``'s port), and let the checklists yield the CPU to the critical path."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()
    if low_priority:
        os.nice(10)


def executor(lane: str) -> ProcessPoolExecutor:
    """Pools kept across ``serve`` rebuilds. Forked workers start fast: they inherit the
    loaded modules (the first build forks them before any server thread runs)."""
    if lane not in _executors:
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        _executors[lane] = ProcessPoolExecutor(
            max_workers=workers(lane),
            mp_context=context,
            initializer=_start_worker,
            initargs=(lane == CHECKLISTS,),
        )
    return _executors[lane]


def supersede() -> None:
    """No PDF of any build so far may land in the site folder any more."""
    global _generation
    with _lock:
        _generation += 1
        if _current is not None:
            for future in _current.pending.values():
                future.cancel()


class _ServeShutdown(logging.Filter):
    """``mkdocs serve`` logs "Shutting down..." and then deletes its site folder: a PDF
    copied in meanwhile would make that fail. No hook of mkdocs-macros runs then."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.getMessage().startswith("Shutting down"):
            supersede()
        return True


def watch_serve_shutdown() -> None:
    serve_log = logging.getLogger("mkdocs.commands.serve")
    if not any(isinstance(f, _ServeShutdown) for f in serve_log.filters):
        serve_log.addFilter(_ServeShutdown())


def shutdown() -> None:
    """Stop the worker processes (they are started again when needed)."""
    while _executors:
        _executors.popitem()[1].shutdown(wait=True, cancel_futures=True)


class Batch:
    """The PDFs of one build: started early, published when the site is built."""

    def __init__(self, cache: Path, background: bool) -> None:
        global _generation, _current
        self.cache = cache
        self.background = background
        self.started = time.perf_counter()
        self.ready: dict[str, Made] = {}
        self.pending: dict[str, Future[Made]] = {}
        self.arrivals: list[threading.Event] = []
        with _lock:
            _generation += 1
            self.generation = _generation
            if _current is not None:  # a newer build supersedes unfinished work
                for future in _current.pending.values():
                    future.cancel()
            _current = self

    def add(self, job: PdfJob, base_url: Path) -> None:
        cached = self.cache / f"{cache_key(job, base_url)}.pdf"
        if cached.is_file():
            os.utime(cached)  # in use: prune() leaves it alone
            self.ready[job.target] = Made(cached, rendered=False)
        else:
            self.pending[job.target] = self._submit(CHECKLISTS, render, job, base_url, self.cache)

    def add_book(
        self,
        state: State,
        site_dir: Path,
        conf: Any,
        articles: Mapping[str, str] | None = None,
    ) -> None:
        """Start the handbook PDF, once: from ``articles`` (each page's article HTML by source
        path) if they cover every page, else from the built pages."""
        target = state.downloads.handbook
        if target in self.pending:
            return  # started already, from the articles
        pages = book_pages(state, conf["nav"])
        if articles is not None:
            if any(p.src not in articles for p in pages):
                return  # a page without an article yet: wait for the built site
            texts = {p.src: articles[p.src] for p in pages}
        else:
            book = Book(state, site_dir, pages)
            texts = {p.src: book.page_text(p) for p in pages}  # before a rebuild can clean site/
        view = {"site_name": conf["site_name"], "copyright": conf["copyright"]}
        self.pending[target] = self._submit(
            BOOK, render_book, state, pages, texts, view, site_dir, self.cache
        )

    def _submit(self, lane: str, *call: Any) -> Future[Any]:
        try:
            return executor(lane).submit(*call)
        except BrokenProcessPool:  # a worker died (e.g. killed): start a new pool
            _executors.pop(lane, None)
            return executor(lane).submit(*call)

    # -- publishing --------------------------------------------------------------

    def publish(self, site_dir: Path) -> None:
        if self.background:
            self._publish_later(site_dir)
        else:
            self._publish_now(site_dir)
        prune(self.cache)

    def _publish_now(self, site_dir: Path) -> None:
        """Wait for every PDF and copy it in: what is published is never stale."""
        for target, future in self.pending.items():
            try:
                self.ready[target] = future.result()
            except BrokenProcessPool:
                _executors.clear()
                raise PdfError(f"{target}: the PDF worker process stopped") from None
            except PdfError:
                raise
            except Exception as exc:  # one line naming the PDF, no traceback
                raise PdfError(f"{target}: {type(exc).__name__}: {exc}") from None
        for target, made in self.ready.items():
            copy(made, site_dir / target)
        rendered = sum(m.rendered for m in self.ready.values())
        log.info(
            "PDFs: %d made, %d from the cache (%s) in %.1f s",
            rendered,
            len(self.ready) - rendered,
            self.cache,
            time.perf_counter() - self.started,
        )

    def _publish_later(self, site_dir: Path) -> None:
        """Copy the cached PDFs now; each other one when it is ready, if still current."""
        for target, made in self.ready.items():
            copy(made, site_dir / target)
        for target, future in self.pending.items():
            (site_dir / target).unlink(missing_ok=True)
            arrived = threading.Event()
            self.arrivals.append(arrived)
            future.add_done_callback(functools.partial(self._arrived, site_dir, target, arrived))
        if self.pending:
            log.info(
                "PDFs: %d from the cache, %d being checked or made in the background",
                len(self.ready),
                len(self.pending),
            )

    def _arrived(
        self, site_dir: Path, target: str, arrived: threading.Event, future: Future[Made]
    ) -> None:
        try:
            self._copy_if_current(site_dir, target, future)
        finally:
            arrived.set()

    def _copy_if_current(self, site_dir: Path, target: str, future: Future[Made]) -> None:
        if future.cancelled():
            return
        error = future.exception()
        with _lock:
            if self.generation != _generation:
                return  # a newer build owns the site folder now
            if error is not None:
                log.error("%s", error if isinstance(error, PdfError) else repr(error))
                return
            copy(future.result(), site_dir / target)
        log.info("PDF ready: %s (%.1f s after the build started)", target, self.elapsed())

    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def wait(self) -> None:
        """Block until every background PDF has arrived or been dropped (tests, benchmarks)."""
        for arrived in self.arrivals:
            arrived.wait()


def start(state: State, conf: Any, root: Path, background: bool) -> Batch:
    """Start the checklist PDFs now (they need no built page); see :meth:`Batch.publish`."""
    batch = Batch(cache_dir(root), background)
    site_dir = Path(conf["site_dir"])
    if background:
        watch_serve_shutdown()
    batch._submit(BOOK, warm_up)
    face = Markup(font.MARKER)  # noqa: S704 -- a constant CSS comment
    for job in checklist_jobs(state, conf["site_name"], face):
        batch.add(job, site_dir)
    return batch


def start_book(batch: Batch, state: State, conf: Any, pages: Iterable[Any]) -> None:
    """Start the handbook PDF as soon as every page's content is converted (MkDocs'
    ``on_env``), while the theme still renders the pages: the PDF is the longest job."""
    articles = {
        page.file.src_uri: article_from_content(
            page.content or "",
            page.title or conf["site_name"],  # as Material's template does
        )
        for page in pages
    }
    batch.add_book(state, Path(conf["site_dir"]), conf, articles)


def finish(batch: Batch, state: State, site_dir: Path, conf: Any) -> None:
    """After the pages are built: start the handbook PDF if it has not started, then publish
    every PDF."""
    batch.add_book(state, site_dir, conf)
    batch.publish(site_dir)
