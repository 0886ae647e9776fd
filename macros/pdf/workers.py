"""PDFs on every core, off the page-reload path.

PDFs are rendered in two process pools: the checklist PDFs need no built page, so they
start as soon as the data is loaded, while MkDocs builds the pages; the handbook PDF, the
longest, has a worker of its own, warmed up (WeasyPrint and BeautifulSoup loaded) while
the pages build, and starts as soon as every page's content is converted (``on_env``),
while the theme still renders the pages. ``mkdocs build`` waits for every PDF, so it
never publishes a stale one. In background mode (``make serve``) the build returns at
once: cached PDFs are copied, the others are left out of the site until they are ready,
then copied in if no newer build has started meanwhile. ``serve`` stops the pools when it
shuts down (MkDocs' ``on_shutdown``, macros/hooks/site_hooks.py), before it deletes its
site folder.
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

CHECKLISTS, BOOK = "checklists", "book"
_executors: dict[str, ProcessPoolExecutor] = {}
_lock = threading.Lock()  # held while a PDF is copied in and while a build takes over
_current: Batch | None = None  # the build whose site folder PDFs may be copied into


def _start_worker(low_priority: bool) -> None:
    """In each worker: leave Ctrl-C to the parent (it shuts the pools down), and let the
    checklists yield the CPU to the critical path."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if low_priority:
        os.nice(10)


def executor(lane: str) -> ProcessPoolExecutor:
    """Pools kept across ``serve`` rebuilds; the handbook lane has one worker, the checklists
    the other cores. Forked workers start fast: they inherit the loaded modules."""
    if lane not in _executors:
        methods = multiprocessing.get_all_start_methods()
        _executors[lane] = ProcessPoolExecutor(
            max_workers=1 if lane == BOOK else max(1, min(len(os.sched_getaffinity(0)) - 1, 4)),
            mp_context=multiprocessing.get_context("fork" if "fork" in methods else None),
            initializer=_start_worker,
            initargs=(lane == CHECKLISTS,),
        )
    return _executors[lane]


def _take_over(batch: Batch | None) -> None:
    """From now on only ``batch`` (None: no build) may copy PDFs into its site folder; the
    previous build's PDFs that have not started yet are not made."""
    global _current
    with _lock:
        previous, _current = _current, batch
    # Outside the lock: cancelling runs the future's done callback (Batch._arrived) at once,
    # in this thread, and that callback takes the lock.
    for future in previous.pending.values() if previous is not None else ():
        future.cancel()


def shutdown() -> None:
    """No PDF lands any more; stop the worker processes (they start again when needed)."""
    _take_over(None)
    while _executors:
        _executors.popitem()[1].shutdown(wait=True, cancel_futures=True)


class Batch:
    """The PDFs of one build: started early, published when the site is built."""

    def __init__(self, cache: Path, background: bool) -> None:
        self.cache = cache
        self.background = background
        self.started = time.perf_counter()
        self.ready: dict[str, Made] = {}
        self.pending: dict[str, Future[Made]] = {}
        self.arrivals: list[threading.Event] = []
        _take_over(self)

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
        """A PDF made in the background: copied in unless a newer build owns the site folder."""
        try:
            error = None if future.cancelled() else future.exception()
            with _lock:
                if future.cancelled() or self is not _current:
                    return
                if error is not None:
                    log.error("%s", error if isinstance(error, PdfError) else repr(error))
                    return
                copy(future.result(), site_dir / target)
            elapsed = time.perf_counter() - self.started
            log.info("PDF ready: %s (%.1f s after the build started)", target, elapsed)
        finally:
            arrived.set()

    def wait(self) -> None:
        """Block until every background PDF has arrived or been dropped (tests, benchmarks)."""
        for arrived in self.arrivals:
            arrived.wait()


def start(state: State, conf: Any, root: Path, background: bool) -> Batch:
    """Start the checklist PDFs now (they need no built page); see :meth:`Batch.publish`."""
    batch = Batch(cache_dir(root), background)
    site_dir = Path(conf["site_dir"])
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
