"""What the build leaves for the web server: compressed copies and hashed asset names."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import brotli

from macros.hooks.security import (
    HEADERS,
    HEADERS_FILE,
    cache_control,
    compressible,
    is_copy,
    static_headers,
)
from tests.conftest import ROOT, mkdocs_config
from tests.static_hosts import addresses, matching


def test_every_text_file_has_gzip_and_brotli_copies(site_dir: Path) -> None:
    files = list(compressible(site_dir))
    names = {p.relative_to(site_dir).as_posix() for p in files}
    assert {"index.html", "search/search_index.json", "sitemap.xml"} <= names
    assert any(n.endswith(".css") for n in names)
    assert any(n.endswith(".svg") for n in names)
    for path in files:
        data = path.read_bytes()
        assert gzip.decompress(path.with_name(path.name + ".gz").read_bytes()) == data, path
        assert brotli.decompress(path.with_name(path.name + ".br").read_bytes()) == data, path


def test_every_page_links_the_hashed_css_and_two_deferred_scripts(site_dir: Path) -> None:
    config = mkdocs_config()
    styles = config["extra_css"]
    components = [o if isinstance(o, str) else o["path"] for o in config["extra_javascript"]]
    assert styles
    assert len(components) >= 5
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        where = page.relative_to(site_dir)
        for original in styles:
            stem, ext = original.rsplit(".", 1)
            assert re.search(rf'"(/|(\.\./)*){re.escape(stem)}\.[0-9a-f]{{8}}\.{ext}"', html), where
            assert f'{original}"' not in html, where
        # Material's script, then the handbook's own scripts as one file joined in order:
        # both loaded with defer, and no other script file.
        loaded = re.findall(
            r'<script src="(?:/|(?:\.\./)*)(assets/javascripts/[^"]+)"([^>]*)>', html
        )
        assert [attrs.strip() for _, attrs in loaded] == ["defer", "defer"], where
        theme, own = (src for src, _ in loaded)
        assert re.fullmatch(r"assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js", theme), where
        assert (site_dir / theme).is_file(), where
        assert re.fullmatch(r"assets/javascripts/handbook\.[0-9a-f]{8}\.js", own), where
        assert len(re.findall(r"<script\b[^>]*\bsrc=", html)) == 2, where
        for component in components:
            assert component.removesuffix(".js") + "." not in html, where
    joined = next((site_dir / "assets" / "javascripts").glob("handbook.*.js")).read_bytes()
    sources = [(ROOT / "docs" / c).read_bytes().rstrip() for c in components]
    positions = [joined.index(source) for source in sources]
    assert positions == sorted(positions)  # every component, whole, in the order listed
    for component in components:
        assert not (site_dir / component).exists(), component


def test_the_headers_file_for_static_hosts(site_dir: Path) -> None:
    """The build writes ``_headers`` for the site as built: each address gets the handbook's
    headers and exactly the caching security.py sets for it."""
    text = (site_dir / HEADERS_FILE).read_text(encoding="utf-8")
    files = sorted(
        p.relative_to(site_dir).as_posix()
        for p in site_dir.rglob("*")
        if p.is_file() and not is_copy(p) and p.name != HEADERS_FILE
    )
    assert text == static_headers(files)
    for address, file in addresses(files).items():
        found = matching(text, address)
        assert [h["Cache-Control"] for h in found if "Cache-Control" in h] == [
            cache_control("/" + file)
        ], address
        assert {k: v for h in found for k, v in h.items() if k != "Cache-Control"} == dict(HEADERS)
