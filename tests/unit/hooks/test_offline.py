"""The offline copy's files and the manifest (macros/hooks/offline.py), and the joined scripts."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from macros.data.edition import Edition
from macros.data.local_models import LocalOverlay
from macros.data.logo import Logo
from macros.hooks import offline
from macros.hooks.assets import join_scripts
from macros.hooks.offline import (
    MARKER,
    NONE,
    OFF,
    ON,
    WORKER_DIR,
    app_mode,
    cached_files,
    worker_source,
    write_root_files,
)

EDITION = Edition("2.0.0", "Slides", dt.date(2026, 12, 1), "abc1234567")
SITE = {
    "index.html": b"<p>home</p>",
    "guidance/definitions/index.html": b"<p>definitions</p>",
    "404.html": b"<p>not found</p>",
    "assets/css/handbook.1234abcd.css": b"body{}",
    "assets/javascripts/bundle.5678.min.js": b"1;",
    "assets/javascripts/bundle.5678.min.js.map": b"{}",
    "assets/javascripts/lunr/min/lunr.de.min.js": b"de",
    "assets/javascripts/iframe-worker.js": b"shim",
    "search/search_index.json": b'{"docs": []}',
    "downloads/checklists/stage-1.pdf": b"%PDF-1.7",
    "index.html.gz": b"gz",
    "index.html.br": b"br",
    "sitemap.xml": b"<urlset/>",
    ".hidden": b"x",
}
KEPT = {
    "assets/css/handbook.1234abcd.css",
    "assets/javascripts/bundle.5678.min.js",
    "downloads/checklists/stage-1.pdf",
    "guidance/definitions/index.html",
    "index.html",
    "search/search_index.json",
}


def site(tmp_path: Path) -> Path:
    for name, data in SITE.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data)
    return tmp_path


def overlay(**fields: object) -> LocalOverlay:
    return LocalOverlay.model_validate(
        {"organisation": "Org", "contacts": [{"role": "Lead"}], **fields}
    )


def test_the_edition_id_is_version_build_date_and_commit() -> None:
    assert EDITION.id == "2.0.0+2026-12-01+abc1234567"
    assert Edition("2.0.0", "Slides", dt.date(2026, 12, 1)).id == "2.0.0+2026-12-01+no-commit"


@pytest.mark.parametrize(
    ("command", "zip_build", "settings", "mode"),
    [
        ("build", False, None, ON),
        ("build", False, {}, ON),
        ("build", False, {"offline_app": True}, ON),
        ("build", False, {"offline_app": False}, OFF),
        ("serve", False, None, OFF),
        ("build", True, None, NONE),
        ("build", True, {"offline_app": False}, NONE),
    ],
)
def test_the_offline_copy_is_on_unless_turned_off(
    command: str, zip_build: bool, settings: dict[str, object] | None, mode: str
) -> None:
    chosen = None if settings is None else overlay(**settings)
    assert app_mode(command, zip_build, chosen) == mode


def test_the_overlay_switch_takes_true_or_false_only() -> None:
    with pytest.raises(ValueError, match="offline_app"):
        overlay(offline_app="sometimes")


def test_kept_files_are_what_pages_ask_for_with_their_digests(tmp_path: Path) -> None:
    files = cached_files(site(tmp_path))
    assert {f.path for f in files} == KEPT
    assert [f.path for f in files] == sorted(f.path for f in files)
    for f in files:
        assert f.size == len(SITE[f.path])
        assert f.digest == hashlib.sha256(SITE[f.path]).hexdigest()[:16]
    with_lunr = {f.path for f in cached_files(tmp_path, english_only=False)}
    assert with_lunr == KEPT | {"assets/javascripts/lunr/min/lunr.de.min.js"}


def worker_data(source: str) -> dict[str, Any]:
    found = re.search(r"const DATA = (\{.*\});", source)
    assert found is not None
    return dict(json.loads(found.group(1)))


def test_the_worker_lists_every_kept_file_and_names_its_cache_after_the_edition(
    tmp_path: Path,
) -> None:
    files = cached_files(site(tmp_path))
    source = worker_source({"id": EDITION.id}, files)
    assert MARKER not in source
    data = worker_data(source)
    assert data["files"] == [[f.path, f.digest] for f in files]
    assert data["cache"].startswith(EDITION.id + " ")
    # Another set of files (a changed page) is another cache, even with the same id.
    (tmp_path / "index.html").write_bytes(b"<p>changed</p>")
    again = worker_source({"id": EDITION.id}, cached_files(tmp_path))
    assert worker_data(again)["cache"] != data["cache"]


def test_write_root_files_on_off_and_none(tmp_path: Path) -> None:
    built = site(tmp_path / "on")
    icons = {"assets/local/icon-192.png": b"png"}
    written = write_root_files(built, EDITION, ON, {"name": "x"}, icons)
    assert (built / "assets/local/icon-192.png").read_bytes() == b"png"
    edition = json.loads((built / "edition.json").read_text(encoding="utf-8"))
    assert edition == {
        "id": EDITION.id,
        "version": "2.0.0",
        "built": "2026-12-01",
        "commit": "abc1234567",
        "guidance": "Slides",
        "offline": True,
    }
    assert json.loads((built / "manifest.webmanifest").read_text(encoding="utf-8")) == {"name": "x"}
    worker = (built / "sw.js").read_text(encoding="utf-8")
    for path in KEPT | {"edition.json", "manifest.webmanifest", "assets/local/icon-192.png"}:
        assert f'"{path}"' in worker, path
    listed = [*KEPT, "edition.json", "manifest.webmanifest", "assets/local/icon-192.png"]
    assert sorted(f.path for f in written) == sorted(listed)
    assert sum(f.size for f in written) == sum((built / p).stat().st_size for p in listed)

    off = site(tmp_path / "off")
    assert write_root_files(off, EDITION, OFF, {"name": "x"}, {}) == []
    assert (off / "sw.js").read_text(encoding="utf-8") == (WORKER_DIR / "off.js").read_text(
        encoding="utf-8"
    )
    assert "unregister()" in (off / "sw.js").read_text(encoding="utf-8")
    assert json.loads((off / "edition.json").read_text(encoding="utf-8"))["offline"] is False

    none = site(tmp_path / "none")
    assert write_root_files(none, EDITION, NONE, {"name": "x"}, icons) == []
    for name in ("sw.js", "edition.json", "manifest.webmanifest", "assets/local/icon-192.png"):
        assert not (none / name).exists()


# -- the manifest's icons -----------------------------------------------------------


def png(width: int, height: int) -> bytes:
    out = BytesIO()
    Image.new("RGB", (width, height), (29, 78, 137)).save(out, format="PNG")
    return out.getvalue()


SQUARE_SVG = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48"><rect width="48" height="48"/></svg>'
WIDE_SVG = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 60"><rect width="300" height="60"/></svg>'
SIZED_SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="64px" height="64"><rect width="9" height="9"/></svg>'


def test_without_a_fitting_logo_the_handbooks_icons() -> None:
    handbook = [i.url for i in offline.icons(None)]
    assert handbook == [url for url, _, _ in offline.HANDBOOK_ICONS]
    for logo in (Logo(WIDE_SVG, ".svg"), Logo(png(400, 100), ".png"), Logo(png(64, 64), ".png")):
        assert [i.url for i in offline.icons(logo)] == handbook


def test_the_handbooks_png_icons_are_the_sizes_they_claim() -> None:
    root = Path(__file__).resolve().parents[3] / "docs"
    for url, sizes, kind in offline.HANDBOOK_ICONS:
        if kind == "image/png":
            with Image.open(root / url) as image:
                assert f"{image.width}x{image.height}" == sizes


@pytest.mark.parametrize("data", [SQUARE_SVG, SIZED_SVG])
def test_a_square_svg_logo_is_the_icon(data: bytes) -> None:
    chosen = offline.icons(Logo(data, ".svg"))
    assert [(i.url, i.sizes, i.type) for i in chosen] == [
        ("assets/local/logo.svg", "any", "image/svg+xml")
    ]


def test_a_square_raster_logo_becomes_png_icons_the_same_each_time() -> None:
    big = offline.icons(Logo(png(600, 600), ".png"))
    assert [(i.url, i.sizes) for i in big] == [
        ("assets/local/icon-192.png", "192x192"),
        ("assets/local/icon-512.png", "512x512"),
    ]
    for icon in big:
        assert icon.data is not None
        with Image.open(BytesIO(icon.data)) as image:
            assert image.format == "PNG"
            assert f"{image.width}x{image.height}" == icon.sizes
    assert big == offline.icons(Logo(png(600, 600), ".png"))
    medium = offline.icons(Logo(png(300, 300), ".jpg"))
    assert [i.sizes for i in medium] == ["192x192"]


def test_the_manifest_names_the_organisation_and_stays_relative() -> None:
    data = offline.manifest("Org: TA-HSB practice handbook", "About it", offline.icons(None))
    assert data["name"] == "Org: TA-HSB practice handbook"
    assert data["start_url"] == data["scope"] == data["id"] == "./"
    assert data["display"] == "standalone"
    assert all(not i["src"].startswith(("/", "http")) for i in data["icons"])


def test_scripts_are_joined_in_order_each_named() -> None:
    joined = join_scripts([("a.js", b"return;\n\n"), ("b.js", b"var b = 1;")])
    assert joined == (
        b'"use strict";\n/* a.js */\n(function () {\nreturn;\n})();\n\n'
        b"/* b.js */\n(function () {\nvar b = 1;\n})();\n"
    )
