"""The PDF cache: each PDF is made once per set of inputs.

Each PDF is made from one self-contained HTML document (:class:`PdfJob`): the
checklist data, the templates, the CSS (inlined), the form font, the version and
build stamp and the overlay's details all end up in it, and for the handbook PDF
the built pages too. The cache key hashes that document with the WeasyPrint
version and the bytes of any local file it refers to, so a PDF is remade exactly
when something that shows in it changed. Cached PDFs live outside the site
(``.cache/pdf/`` in the project, or ``$HANDBOOK_PDF_CACHE``) and are copied into it.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

from ..data.nav import NavPage
from ..data.state import State
from . import font
from .book import Book, handbook_job
from .documents import PdfJob
from .writer import PdfError, write_pdf

#: Bump when the way a job becomes a PDF changes (e.g. ``write_pdf`` options, tagging.py).
FORMAT = "5"
#: Cached PDFs kept; the least recently used beyond this are removed.
KEEP = 64
LOCAL_REF = re.compile(r"""\b(?:src|href)=["']([^"'#?:]+)["']""")


def cache_dir(root: Path) -> Path:
    return Path(os.environ.get("HANDBOOK_PDF_CACHE") or root / ".cache" / "pdf")


def cache_key(job: PdfJob, base_url: Path) -> str:
    """A hash of everything the PDF is made from."""
    digest = hashlib.sha256()
    digest.update(f"{FORMAT}\0weasyprint {version('weasyprint')}\0{job.forms}\0".encode())
    digest.update(job.html.encode())
    if font.MARKER in job.html:
        digest.update(f"\0form font {font.font_id()}".encode())
    site = base_url.resolve()
    for ref in sorted(set(LOCAL_REF.findall(job.html))):
        path = (base_url / ref).resolve()
        if path.is_relative_to(site) and path.is_file():  # an image it embeds: bytes count
            digest.update(f"\0{ref}\0".encode() + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:40]


@dataclass(frozen=True)
class Made:
    """A PDF in the cache, and whether this run rendered it."""

    path: Path
    rendered: bool


def render(job: PdfJob, base_url: Path, cache: Path) -> Made:
    """The cached PDF for ``job``, rendered first if there is none (runs in a worker)."""
    cached = cache / f"{cache_key(job, base_url)}.pdf"
    if cached.is_file():
        return Made(cached, rendered=False)
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache, prefix=".render-") as tmp:
        out = Path(tmp) / Path(job.target).name  # the real name: errors name the file
        html = job.html
        if font.MARKER in html:
            try:
                html = html.replace(font.MARKER, font.font_face(cache))
            except font.FontError as exc:
                raise PdfError(str(exc)) from None
        write_pdf(html, out, base_url, forms=job.forms)
        out.replace(cached)
    return Made(cached, rendered=True)


class SnapshotBook(Book):
    """The book read from copies of the built pages taken when the build finished."""

    def __init__(
        self,
        state: State,
        site_dir: Path,
        pages: list[NavPage],
        texts: Mapping[str, str],
    ) -> None:
        super().__init__(state, site_dir, pages)
        self.texts = texts

    def page_text(self, page: NavPage) -> str:
        text = self.texts.get(page.src)
        return super().page_text(page) if text is None else text


def render_book(
    state: State,
    pages: list[NavPage],
    texts: Mapping[str, str],
    conf: Mapping[str, Any],
    site: Path,
    cache: Path,
) -> Made:
    """Assemble the handbook from ``texts`` and render it if it is not cached (in a worker)."""
    return render(handbook_job(SnapshotBook(state, site, pages, texts), conf), site, cache)


_warm = False


def warm_up() -> None:
    """Load WeasyPrint, the system fonts, BeautifulSoup and the CSS selectors the book
    uses (compiling soupsieve's patterns takes ~0.1 s) once in this worker."""
    global _warm
    if not _warm:
        from weasyprint import HTML

        Book.warm_up()
        HTML(string="<p>warm</p>").write_pdf()
        _warm = True


def copy(made: Made, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    os.utime(made.path)  # recently used: kept by prune()
    shutil.copyfile(made.path, target)


def prune(cache: Path, keep: int = KEEP, idle: float = 600) -> None:
    """Remove the least recently used cached PDFs beyond ``keep``; never one used in the last
    ``idle`` seconds (another build may be about to copy it)."""
    try:
        entries = sorted(
            ((p.stat().st_mtime, p) for p in cache.glob("*.pdf")), key=lambda e: e[0], reverse=True
        )
    except OSError:
        return
    for used, stale in entries[keep:]:
        if used < time.time() - idle:
            stale.unlink(missing_ok=True)
