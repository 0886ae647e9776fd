"""Each place the handbook relies on something Material for MkDocs does not document as an
extension point (guides/code.md, "Theme ties"), checked against the installed theme: an upgrade
that breaks one fails here with one line naming it."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

import jinja2
import pytest

from macros.hooks.assets import THEME_SCRIPT, theme_files
from macros.hooks.search import CONFIG_SCRIPT, DIALOG, DIALOG_NAME, MATERIAL_WORKER, RESULT_LIST
from macros.hooks.security import CACHE_RULES, THEME_SCRIPTS
from tests.conftest import ROOT, material_templates

THEME = material_templates()


def text(path: str) -> str:
    file = THEME / path
    return file.read_text(encoding="utf-8") if file.is_file() else ""


def one(pattern: str) -> str:
    """The text of the theme's one file matching ``pattern`` (none or several: '')."""
    found = theme_files([str(THEME)], pattern)
    return text(found[0]) if len(found) == 1 else ""


def sources(map_pattern: str) -> str:
    """The TypeScript sources in one of the theme's source maps, joined."""
    found = one(map_pattern)
    return "\n".join(json.loads(found)["sourcesContent"]) if found else ""


def scripts_block() -> bool:
    """overrides/main.html's scripts block replaces Material's: that block must still load
    the one bundle and the extra scripts, nothing else."""
    block = re.search(r"{% block scripts %}(.*?){% endblock %}", text("base.html"), re.S)
    bundle = theme_files([str(THEME)], THEME_SCRIPT)
    expected = (
        f"<script src=\"{{{{ '{bundle[0] if bundle else ''}' | url }}}}\"></script> "
        "{% for script in config.extra_javascript %} {{ script | script_tag }} {% endfor %}"
    )
    return len(bundle) == 1 and block is not None and " ".join(block[1].split()) == expected


def search_protocol() -> bool:
    """search-worker.js reads Material's messages SETUP (0) and QUERY (2), and its stop word
    filter from ``self.lunr``."""
    enum = re.search(
        r"enum SearchMessageType \{(.*?)\}", sources("assets/javascripts/bundle.*.map"), re.S
    )
    names = re.findall(r"^\s*(\w+),?", enum[1], re.M) if enum else []
    worker = sources(f"{MATERIAL_WORKER}/search.*.min.js.map")
    return names[:3] == ["SETUP", "READY", "QUERY"] and "self.lunr = lunr" in worker


def config_script() -> bool:
    """macros/hooks/search.py finds Material's ``__config`` script and its worker's path."""
    base = text("base.html")
    config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', base, re.S)
    return (
        config is not None
        and CONFIG_SCRIPT.search(config[0]) is not None
        and re.search(rf'"search": "{MATERIAL_WORKER}/search\.\w+\.min\.js"', config[1]) is not None
    )


def index_fields() -> bool:
    """The ``aids`` field of search_index.json is searched: Material's search plugin takes
    ``fields`` and its worker builds lunr fields from the index's config."""
    plugin = text("../plugins/search/config.py")
    worker = sources(f"{MATERIAL_WORKER}/search.*.min.js.map")
    return "fields = " in plugin and "Object.entries(config.fields)" in worker


def inline_scripts() -> bool:
    """The policy's hashes (macros/hooks/security.py) are those of Material's three inline
    scripts, rendered with ``extra.scope: /``."""
    env = jinja2.Environment(autoescape=False)  # noqa: S701 -- as Material renders them
    found = set()
    for name in ("base", "palette", "content"):
        html = env.from_string(text(f"partials/javascripts/{name}.html")).render(
            config={"extra": {"scope": "/"}}, base_url="", features=[]
        )
        for script in re.findall(r"<script>(.*?)</script>", html, re.S):
            digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
            found.add(f"sha256-{digest}")
    return found == set(THEME_SCRIPTS)


def offline_shim() -> bool:
    """The offline plugin adds its iframe-worker shim (from a CDN) unless a polyfill's
    address names ``iframe-worker``; base.html loads ``extra.polyfills``."""
    plugin = text("../plugins/offline/plugin.py")
    return '"iframe-worker" in url' in plugin and "config.extra.polyfills" in text("base.html")


def worker_constructor() -> bool:
    """iframe-worker.js replaces ``window.Worker`` with what Material uses of a worker:
    ``new Worker(url)``, ``postMessage`` and "message" events (no other event, no
    ``terminate``)."""
    source = sources("assets/javascripts/bundle.*.map")
    uses = ("new Worker(url)", '(worker, "message"', "worker.postMessage(data)")
    return all(use in source for use in uses) and not re.search(r"worker\.on|\.terminate\(", source)


def partial(name: str, *changes: tuple[str, str]) -> bool:
    """overrides/partials/``name`` is Material's own with only ``changes`` (ours, theirs)."""
    ours = (ROOT / "overrides" / "partials" / name).read_text(encoding="utf-8")
    ours = ours.split("-#}\n", 1)[1]
    for mine, theirs in changes:
        ours = ours.replace(mine, theirs)
    return text(f"partials/{name}").split("-#}\n", 1)[-1] == ours


def search_dialog() -> bool:
    """macros/hooks/search.py names the search dialog after the options' label and puts the
    help between the result's meta line and its list (Material finds both by position)."""
    partial = text("partials/search.html")
    meta = re.search(
        r'<div class="md-search-result__meta">.*?</div>\s*(<ol[^>]*></ol>)', partial, re.S
    )
    return (
        partial.count(DIALOG) == 1
        and DIALOG_NAME.search(partial.replace("{{ lang.t('search') }}", "Search")) is not None
        and meta is not None
        and meta[1] == RESULT_LIST
    )


def palette_partial() -> bool:
    """palette.html: the form is not Material's palette component; its values are escaped."""
    return partial("palette.html", ("data-hb-palette", 'data-md-component="palette"'), (" | e", ""))


def palette_globals() -> bool:
    """palette.js keeps the scheme where Material's inline script applies it before the first
    paint: ``__md_get``/``__md_set`` and the ``__palette`` key, with its ``color`` fields."""
    helpers = text("partials/javascripts/base.html")
    restore = text("partials/javascripts/palette.html")
    return all(f"__md_{f}=(e," in helpers for f in ("get", "set")) and all(
        mark in restore
        for mark in ('__md_get("__palette")', "palette.color", '"data-md-color-"+key')
    )


def styled_classes() -> bool:
    """Every Material class the handbook's CSS (and edition.js, and the PDF CSS) styles
    exists in Material's CSS, and so do the details transitions record.js turns off."""
    css = one("assets/stylesheets/main.*.min.css")
    ours = [
        *(ROOT / "docs" / "assets" / "css").glob("*.css"),
        *(ROOT / "macros" / "pdf" / "templates").glob("*.css"),
    ]
    used = {c for p in ours for c in re.findall(r"\.(md-[\w-]+)", p.read_text(encoding="utf-8"))}
    used |= {"md-button", "md-button--primary"}  # docs/assets/javascripts/edition.js
    transitions = re.search(r"\.md-typeset details[^{}]*\{[^}]*transition", css) and re.search(
        r"\.md-typeset summary:after\{[^}]*transition", css
    )
    return (
        bool(used) and all(re.search(rf"\.{c}(?![\w-])", css) for c in used) and bool(transitions)
    )


def article() -> bool:
    """macros/pdf/book.py reads each built page's ``article.md-content__inner`` and removes
    Material's edit button and source-file notice from it."""
    html = "".join(
        text(p) for p in ("base.html", "partials/actions.html", "partials/source-file.html")
    )
    marks = (
        '<article class="md-content__inner md-typeset">',
        "md-content__button",
        "md-source-file",
    )
    return all(mark in html for mark in marks)


def asset_names() -> bool:
    """The servers' cache rule for Material's hashed files (macros/hooks/security.py) matches
    each of its scripts and stylesheets; the service worker leaves out the language packs in
    ``assets/javascripts/lunr/`` (macros/hooks/offline.py) for a search in English only."""
    hashed = re.compile(CACHE_RULES[1].pattern + "$")
    names = [
        *theme_files([str(THEME)], "assets/javascripts/*.min.js"),
        *theme_files([str(THEME)], f"{MATERIAL_WORKER}/*.min.js"),
        *theme_files([str(THEME)], "assets/stylesheets/*.min.css"),
    ]
    lunr = theme_files([str(THEME)], "assets/javascripts/lunr/*.js")
    return len(names) == 4 and all(hashed.search(f"/{n}") for n in names) and bool(lunr)


def plugin_objects() -> bool:
    """site_hooks.py reads ``config["plugins"]``: the offline plugin's ``enabled`` and the
    search plugin's ``lang`` (the build state comes from ``macros.hooks.build``)."""
    from material.plugins.offline.config import OfflineConfig  # type: ignore[import-untyped]
    from material.plugins.search.config import SearchConfig  # type: ignore[import-untyped]

    return "enabled" in dict(OfflineConfig._schema) and "lang" in dict(SearchConfig._schema)


TIES: dict[str, Callable[[], bool]] = {
    "Material's one script, assets/javascripts/bundle.*.min.js, and its scripts block": scripts_block,
    "the search worker's messages (SETUP 0, QUERY 2) and self.lunr": search_protocol,
    "the search worker's path in the __config script": config_script,
    "the aids field in search_index.json (search plugin fields)": index_fields,
    "the hashes of Material's inline scripts (Content-Security-Policy)": inline_scripts,
    "the offline plugin's iframe-worker test and extra.polyfills": offline_shim,
    "new Worker(url), postMessage and message events, which iframe-worker.js replaces": (
        worker_constructor
    ),
    "the search dialog's markup (its name and the help when nothing matches)": search_dialog,
    "the copied partial partials/palette.html": palette_partial,
    "the palette globals __md_get, __md_set and __palette": palette_globals,
    "the CSS on Material's classes and transitions": styled_classes,
    "article.md-content__inner in the PDF": article,
    "the names of Material's hashed assets and lunr language packs": asset_names,
    "the plugin objects read from config['plugins']": plugin_objects,
}


@pytest.mark.parametrize("tie", TIES)
def test_theme_tie_holds(tie: str) -> None:
    if not TIES[tie]():
        pytest.fail(
            f"Material {version('mkdocs-material')} broke a theme tie: {tie} "
            "(guides/code.md, Theme ties)",
            pytrace=False,
        )


@pytest.mark.parametrize("tie", [t for t, check in TIES.items() if check is not plugin_objects])
def test_a_theme_without_the_files_breaks_the_tie(
    tie: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "templates").mkdir()
    monkeypatch.setattr(f"{__name__}.THEME", tmp_path / "templates")
    assert not TIES[tie]()
