"""mkdocs-macros entry point: load and validate the data once, register the macros.

All logic lives in plain modules (``site``, ``loading``, ``render``, ``pdf``);
this file only wires them to MkDocs.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape
from mkdocs.exceptions import PluginError
from mkdocs_macros.errors import format_error

from .blocks import Blocks
from .edition import Edition, build_date, git_commit, read_version
from .loading import DataError, load_logo
from .logo import Logo
from .overlay import NAV_TITLE
from .render.local import contacts_text
from .render.overlay import overdue
from .site import Handbook

log = logging.getLogger("mkdocs.plugins.handbook")


def nav_sources(nav: Any) -> list[str]:
    """Every Markdown source path in the ``nav`` config, in navigation order."""
    if isinstance(nav, str):
        return [nav] if nav.endswith(".md") else []
    if isinstance(nav, dict):
        return [src for value in nav.values() for src in nav_sources(value)]
    if isinstance(nav, list):
        return [src for value in nav for src in nav_sources(value)]
    return []


def define_env(env: Any) -> None:
    conf = env.conf
    root = Path(env.project_dir)
    settings = conf["extra"]["handbook"]
    edition = Edition(
        version=read_version(root / "pyproject.toml"),
        source_edition=settings["source_edition"],
        build_date=build_date(),
        commit=git_commit(root),
    )
    try:
        handbook = Handbook(
            root=root,
            docs_dir=Path(conf["docs_dir"]),
            pages=nav_sources(conf["nav"]),
            edition=edition,
            directory_urls=conf["use_directory_urls"],
            overlay_file=settings.get("local") or None,
            a11y_results=os.environ.get("HANDBOOK_A11Y_RESULTS") or None,
        )
    except DataError as exc:
        raise PluginError(str(exc)) from None
    for problem in handbook.unused():
        log.warning(problem)
    env.variables["_handbook"] = handbook
    try:
        apply_overlay(conf, handbook)
    except DataError as exc:
        raise PluginError(str(exc)) from None
    conf["extra"]["stamp"] = {
        "line": edition.line,
        "version": edition.version,
        "handbook_pdf": handbook.downloads.handbook,
    }
    start_pdfs(env, handbook, root)

    blocks = env.variables["_blocks"] = Blocks()

    def page() -> Any:
        return env.page

    def block(html: Markup) -> Markup:
        """Block HTML stays out of Markdown (see macros/blocks.py)."""
        return blocks.hold(Handbook.where(page()), html)

    env.macro(lambda *keys: handbook.cite(page(), *keys), "cite")
    env.macro(lambda name, text=None: handbook.term(page(), name, text), "term")
    env.macro(lambda cid: block(handbook.checklist(page(), cid)), "checklist")
    env.macro(lambda cid: block(handbook.checklist_print(page(), cid)), "checklist_print")
    env.macro(lambda: block(handbook.checklist_downloads(page())), "checklist_downloads")
    env.macro(lambda: block(handbook.record(page())), "assessment_record")
    env.macro(lambda: block(handbook.glossary_page(page())), "glossary")
    env.macro(lambda: block(handbook.references_page(page())), "references")
    env.macro(lambda: block(handbook.local_contacts()), "local_contacts")
    env.macro(lambda: handbook.handbook_pdf_link(page()), "handbook_pdf_link")
    env.macro(lambda tid: block(handbook.source_wording(page(), tid)), "source_wording")
    env.macro(lambda: block(handbook.source_coverage(page())), "source_coverage")
    env.macro(handbook.local.review, "local_review")
    env.macro(handbook.local.accessibility, "accessibility")
    env.macro(handbook.local.host_name, "host_name")


def overlay_logo(handbook: Handbook) -> Logo | None:
    overlay, path = handbook.overlay, handbook.overlay_path
    if overlay is None or not overlay.logo or path is None:
        return None
    label = path.relative_to(handbook.root) if path.is_relative_to(handbook.root) else path
    return load_logo(path, overlay.logo, label.as_posix())


def apply_overlay(conf: Any, handbook: Handbook) -> None:
    """Put the organisation's details where the theme templates read them.

    Material's templates do not autoescape, so every value is escaped here
    (``Markup``); the templates and the PDF step use it as it is.
    """
    overlay = handbook.overlay
    conf["extra"]["local"] = None
    if overlay is None:
        return
    logo = overlay_logo(handbook)
    conf["extra"]["local"] = {
        "organisation": escape(overlay.organisation),
        "banner": escape(overlay.banner) if overlay.banner else None,
        "contacts": escape(contacts_text(overlay)),
        "logo": logo.url if logo else None,  # a fixed name, never the file's own
    }
    if handbook.local_pages:
        conf["nav"] = [
            *conf["nav"],
            {NAV_TITLE: [{escape(p.title): p.src_uri} for p in handbook.local_pages]},
        ]
    notice = overdue(overlay.review, handbook.edition.build_date)
    if notice:
        log.info(notice)  # a notice, not a warning: an old copy can still be rebuilt with --strict
    conf["site_name"] = escape(f"{overlay.organisation}: TA-HSB practice handbook")
    if overlay.site_url:
        conf["site_url"] = str(overlay.site_url)


@format_error.register
def _one_line(error: Exception, markdown: str, page: Any) -> str:
    """A macro or template error in a page: one line naming the page, no traceback.

    mkdocs-macros formats rendering errors through the ``format_error`` dispatcher
    (its default adds a traceback); Jinja syntax errors keep the plugin's own
    handler, which already names the page and line.
    """
    return f"{page.file.src_path}: {type(error).__name__}: {error}"


def on_pre_page_macros(env: Any) -> None:
    env.variables["_handbook"].start_page(env.page)


def pdf_mode(settings: Any) -> str:
    """``extra.handbook.pdf``: true (wait for every PDF), false, or ``background`` (serve)."""
    value = settings.get("pdf", True)
    if isinstance(value, str):
        value = value.strip().lower()
        if value == "background":
            return "background"
        return "off" if value in ("false", "no", "off", "0", "") else "wait"
    return "wait" if value else "off"


def start_pdfs(env: Any, handbook: Handbook, root: Path) -> None:
    """Start the checklist PDFs while MkDocs builds the pages (see macros/pdfcache.py)."""
    mode = pdf_mode(env.conf["extra"]["handbook"])
    env.variables["_pdfs"] = None
    if mode == "off":
        return
    from . import pdf, pdfcache  # imported here: PDF-less builds never load them

    try:
        env.variables["_pdfs"] = pdfcache.start(handbook, env.conf, root, mode == "background")
    except pdf.PdfError as exc:
        raise PluginError(str(exc)) from None


def on_post_build(env: Any) -> None:
    handbook: Handbook = env.variables["_handbook"]
    site_dir = Path(env.conf["site_dir"])
    if handbook.overlay is not None:
        from . import pdf  # imported here: only an overlay has assets to copy

        try:
            pdf.copy_overlay_assets(overlay_logo(handbook), site_dir)
        except DataError as exc:
            raise PluginError(str(exc)) from None
    batch = env.variables.get("_pdfs")
    if batch is not None:
        from . import pdf, pdfcache

        try:
            pdfcache.finish(batch, handbook, site_dir, env.conf)
        except pdf.PdfError as exc:
            raise PluginError(str(exc)) from None
