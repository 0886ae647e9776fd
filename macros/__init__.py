"""mkdocs-macros entry point: assemble the handbook's state once, register the macros
(guides/code.md has the pipeline it starts)."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape
from mkdocs.exceptions import PluginError
from mkdocs_macros.errors import format_error

from . import hooks
from .data.edition import Edition, build_date, git_commit, read_version
from .data.files import DataError
from .data.loading import NAV_TITLE, overdue
from .data.local_models import site_url
from .data.nav import nav_sources
from .data.state import State, assemble
from .pages import Macros
from .pages.blocks import Blocks
from .pages.links import where
from .pdf import pdf_mode
from .render.changes import PLACEHOLDER
from .render.local import contacts_text

log = logging.getLogger("mkdocs.plugins.handbook")


@dataclass
class Build:
    """What one build's hooks read (``hooks.build``)."""

    state: State
    macros: Macros
    blocks: Blocks
    pdfs: Any = None  # macros.pdf.workers.Batch, imported only when PDFs are on
    #: Found while pages render, raised together in local_hooks.on_env: raised from a page
    #: event, MkDocs would wrap each in its "Error reading page" line.
    problems: list[str] = field(default_factory=list)


def define_env(env: Any) -> None:
    conf = env.conf
    root = Path(env.project_dir)
    settings = conf["extra"]["handbook"]
    try:
        edition = Edition(
            version=read_version(root / "pyproject.toml"),
            source_edition=settings["source_edition"],
            build_date=build_date(),
            commit=git_commit(env.variables.get("git")),
        )
        if conf["site_url"]:  # HANDBOOK_SITE_URL: into every page's canonical link and sitemap
            conf["site_url"] = site_url(conf["site_url"], "HANDBOOK_SITE_URL (site_url)")
        state = assemble(
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
    for problem in state.unused():
        log.warning(problem)
    apply_overlay(conf, state)
    conf["extra"]["stamp"] = {
        "line": edition.line,
        "version": edition.version,
        "id": edition.id,
        "built": edition.build_date.isoformat(),
        "handbook_pdf": state.downloads.handbook,
    }
    build = hooks.build = Build(state, Macros(state), Blocks())
    mode = pdf_mode(settings)
    if mode != "off":  # the checklist PDFs start now; PDF-less builds never load the modules
        from .pdf import workers

        build.pdfs = workers.start(state, conf, root, mode == "background")
    register(env, build)


def register(env: Any, build: Build) -> None:
    """The macros pages call, by name; block macros' HTML stays out of Markdown."""
    macros = build.macros
    reference, checklists, local = macros.reference, macros.checklists, macros.local

    def block(html: Markup) -> Markup:
        return build.blocks.hold(where(env.page), html)

    env.macro(lambda *keys: reference.cite(env.page, *keys), "cite")
    env.macro(lambda name, text=None: reference.term(env.page, name, text), "term")
    env.macro(lambda cid: block(checklists.checklist(env.page, cid)), "checklist")
    env.macro(lambda cid: block(checklists.checklist_print(env.page, cid)), "checklist_print")
    env.macro(lambda: block(checklists.checklist_downloads(env.page)), "checklist_downloads")
    env.macro(lambda: block(checklists.record(env.page)), "assessment_record")
    env.macro(lambda: block(reference.glossary_page(env.page)), "glossary")
    env.macro(lambda: block(reference.references_page(env.page)), "references")
    env.macro(lambda: block(local.contacts()), "local_contacts")
    env.macro(lambda: reference.handbook_pdf_link(env.page), "handbook_pdf_link")
    env.macro(lambda tid: block(reference.source_wording(env.page, tid)), "source_wording")
    env.macro(lambda: block(reference.source_coverage(env.page)), "source_coverage")
    env.macro(lambda: block(reference.licences_page()), "licences")
    # The list is filled in once every page is ready (macros/hooks/local_hooks.py).
    env.macro(lambda: block(Markup(PLACEHOLDER)), "guidance_changes")  # noqa: S704
    env.macro(local.review, "local_review")
    env.macro(local.accessibility, "accessibility")
    env.macro(local.host_name, "host_name")
    env.macro(local.offline_copy, "offline_copy")


def apply_overlay(conf: Any, state: State) -> None:
    """The organisation's details where the templates read them, escaped here (``Markup``):
    Material's templates do not autoescape."""
    overlay = state.overlay
    conf["extra"]["local"] = None
    if overlay is None:
        return
    conf["extra"]["local"] = {
        "organisation": escape(overlay.organisation),
        "banner": escape(overlay.banner) if overlay.banner else None,
        "contacts": escape(contacts_text(overlay)),
        "logo": state.logo.url if state.logo else None,  # a fixed name, never the file's own
    }
    if state.local_pages:
        conf["nav"] = [
            *conf["nav"],
            {NAV_TITLE: [{escape(p.title): p.src_uri} for p in state.local_pages]},
        ]
    notice = overdue(overlay.review, state.edition.build_date)
    if notice:
        log.info(notice)  # a notice, not a warning: an old copy can still be rebuilt with --strict
    conf["site_name"] = escape(f"{overlay.organisation}: TA-HSB practice handbook")
    if overlay.site_url:
        conf["site_url"] = str(overlay.site_url)


@format_error.register
def _one_line(error: Exception, markdown: str, page: Any) -> str:
    """A macro or template error: one line naming the page, not mkdocs-macros' traceback
    (Jinja syntax errors keep its own handler, which names the line)."""
    return f"{page.file.src_path}: {type(error).__name__}: {error}"


def on_pre_page_macros(env: Any) -> None:
    hooks.build.macros.reference.start_page(env.page)
