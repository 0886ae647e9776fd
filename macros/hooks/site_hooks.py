"""MkDocs hooks (``hooks:`` in mkdocs.yml), only wiring, in the order MkDocs calls them; the
check of every HTML file comes last of all."""

from __future__ import annotations

import logging
import sys
from html import unescape
from pathlib import Path
from typing import Any

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

# MkDocs puts only this file's folder on sys.path while it loads a hook; the
# `macros` package lives in the project root and is not installed (pyproject.toml).
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from macros import hooks
from macros.hooks import assets, offline
from macros.hooks.finished import check_site
from macros.hooks.security import HEADERS_FILE, compress_site, is_copy, meta_policy, static_headers

log = logging.getLogger("mkdocs.plugins.handbook")
_state: dict[str, Any] = {"command": "build"}


def on_startup(*, command: str, dirty: bool) -> None:
    _state["command"] = command


def on_shutdown() -> None:
    """``serve`` is stopping and will delete its site folder: no PDF may land in it now."""
    if "macros.pdf.workers" in sys.modules:  # PDFs were on
        sys.modules["macros.pdf.workers"].shutdown()


def zip_build(config: Any) -> bool:
    """Whether this is the offline zip (Material's offline plugin on)."""
    plugin = config["plugins"].get("material/offline")
    return plugin is not None and bool(plugin.config.enabled)


def on_config(config: Any) -> Any:
    # The policy as a meta element in every built page (overrides/main.html); not in
    # `serve`, which adds an inline live-reload script to each page it sends.
    config["extra"]["csp"] = None if _state["command"] == "serve" else meta_policy()
    if not zip_build(config):  # the iframe-worker shim is for file:// only: one script less
        config["extra"]["polyfills"] = [
            p for p in config["extra"].get("polyfills", []) if "iframe-worker" not in str(p)
        ]
    config["extra"]["theme_script"] = assets.theme_file(
        config["theme"].dirs, assets.THEME_SCRIPT, "overrides/main.html"
    )
    app = offline.app_mode(_state["command"], zip_build(config), hooks.build.state.overlay)
    config["extra"]["stamp"]["app"] = app
    config["extra"]["manifest"] = None if app == offline.NONE else "manifest.webmanifest"
    return config


def on_files(files: Files, config: Any) -> Files:
    """``extra_css`` under content-hashed names, the site's own ``extra_javascript`` joined
    into one deferred, hashed file (one request, nothing holds up the first paint): each
    written under its new name only (a URL or an absolute path is no file and stays); the
    overlay's checked logo under its fixed name (``assets/local/logo.*``), never its own."""
    logo = hooks.build.state.logo
    if logo is not None:
        files.append(File.generated(config, logo.url, content=logo.data))
    css = []
    for path in map(str, config["extra_css"]):
        file = files.get_file_from_path(path)
        if file is not None:
            files.remove(file)
            path = assets.hashed_name(path, file.content_bytes)
            files.append(File.generated(config, path, content=file.content_bytes))
        css.append(path)
    config["extra_css"] = css
    own = [f for s in config["extra_javascript"] if (f := files.get_file_from_path(str(s)))]
    if own:
        content = assets.join_scripts([(f.src_uri, f.content_bytes) for f in own])
        joined = ExtraScriptValue(assets.hashed_name(assets.SCRIPT_BUNDLE, content))
        joined.defer = True
        kept = [s for s in config["extra_javascript"] if not files.get_file_from_path(str(s))]
        config["extra_javascript"] = [*kept, joined]
        for f in own:
            files.remove(f)
        files.append(File.generated(config, joined.path, content=content))
    return files


def on_page_content(html: str, page: Any, config: Any, files: Files) -> str:
    """Put the block HTML the macros kept out of Markdown in place (macros/pages/blocks.py)."""
    src = page.file.src_uri
    html, lost = hooks.build.blocks.restore(src, html)
    if lost:
        hooks.build.problems.append(
            f"{src}: {lost} block macro output(s) found no place in the page: "
            "call block macros (checklist, glossary, source_wording, ...) outside code"
        )
    return html


def on_env(env: Any, config: Any, files: Files) -> Any:
    """Every page's content is ready: start the handbook PDF now (macros/pdf/workers.py)."""
    build = hooks.build
    if build.pdfs is not None:
        pages = [f.page for f in files.documentation_pages() if f.page is not None]
        build.pdfs.add_book(build.state, config, pages)
    return env


def write_offline_copy(config: Any) -> None:
    """edition.json, manifest.webmanifest and sw.js at the site root (macros/hooks/offline.py)."""
    state = hooks.build.state
    icons = offline.icons(state.logo)
    name = unescape(str(config["site_name"]))  # HTML: the theme prints it as it is
    search = config["plugins"].get("material/search")
    languages = set((search.config.lang if search else None) or ["en"])
    written = offline.write_root_files(
        Path(config["site_dir"]),
        state.edition,
        config["extra"]["stamp"]["app"],
        offline.manifest(name, config["site_description"] or "", icons),
        {icon.url: icon.data for icon in icons if icon.data is not None},
        english_only=languages <= {"en"},
    )
    if written:
        log.info(
            "Offline copy (sw.js): %d files, %d KiB, kept on a reader's device after one visit",
            len(written),
            sum(f.size for f in written) // 1024,
        )


def write_server_copies(config: Any) -> None:
    """The ``_headers`` file for static hosts and the .gz/.br copies for nginx."""
    site = Path(config["site_dir"])
    files = [p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()]
    headers = static_headers(f for f in files if f != HEADERS_FILE and not is_copy(site / f))
    (site / HEADERS_FILE).write_text(headers, encoding="utf-8")
    if not config["extra"].get("handbook", {}).get("compress", True):
        return
    sizes = compress_site(site)
    kib = [sum(s[i] for s in sizes) // 1024 for i in range(3)]
    log.info("Compressed copies of %d files: %d KiB → %d KiB gzip, %d KiB Brotli", len(sizes), *kib)


@event_priority(-100)  # last: after every other post-build step has written
def on_post_build(config: Any) -> None:
    if hooks.build.pdfs is not None:  # before the offline copy lists the site's files
        hooks.build.pdfs.publish(Path(config["site_dir"]))
    write_offline_copy(config)
    if _state["command"] != "serve" and not zip_build(config):
        write_server_copies(config)  # no server reads them in the live preview or the zip
    problems = check_site(Path(config["site_dir"]))  # last of all (macros/hooks/finished.py)
    if problems:
        raise PluginError("\n".join(problems))
