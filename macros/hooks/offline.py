"""The offline copy, written at the site root last: ``edition.json`` (a page compares its
edition with it), ``manifest.webmanifest`` (for "Install") and ``sw.js``: ``worker/sw.js``
with this edition's files and their SHA-256 prefixes (one cache per edition; a file not
this edition's refused), or with ``offline_app: false`` and in ``make serve``
``worker/off.js`` (deletes the caches, unregisters). The offline zip (``file://``) gets none.
"""

from __future__ import annotations

import hashlib
import json
import re
import xml.etree.ElementTree as ET  # the logo was parsed and checked the same way (data/logo.py)
from collections.abc import Sequence
from io import BytesIO
from pathlib import Path
from typing import Any, NamedTuple

from ..data.edition import Edition
from ..data.local_models import LocalOverlay
from ..data.logo import Logo

ON, OFF, NONE = "on", "off", "none"
WORKER_DIR = Path(__file__).with_name("worker")
DIGEST_LENGTH = 16  # hex digits of SHA-256 the worker checks each file against
#: Files no page of a served copy asks for: compressed copies (the server's business),
#: source maps, the crawlers' sitemap, the offline zip's file:// search shim, the
#: server's own error page (nginx serves 404.html only as the answer to a missing
#: address) and the worker itself. Lunr's language packs: for a search in English only.
NEVER = re.compile(
    r"(^|/)\.|\.(gz|br|map)$|^(sitemap\.xml|404\.html|sw\.js)$"
    r"|^assets/javascripts/iframe-worker\.js$"
)
LUNR = re.compile(r"^assets/javascripts/lunr/")
MARKER = "/* EDITION */ null"
HANDBOOK_ICONS: tuple[tuple[str, str, str], ...] = (
    ("assets/favicon.svg", "any", "image/svg+xml"),
    ("assets/icons/handbook-192.png", "192x192", "image/png"),
    ("assets/icons/handbook-512.png", "512x512", "image/png"),
)
ICON_SIZES = (192, 512)
SQUARE = 0.02  # how far from square a logo may be (width / height)
NUMBER = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*(?:px)?\s*$")
THEME_COLOUR = "#1d4e89"  # --md-primary-fg-color in docs/assets/css/handbook.css


def app_mode(command: str, offline_build: bool, overlay: LocalOverlay | None) -> str:
    if offline_build:
        return NONE
    return OFF if command == "serve" or (overlay and not overlay.offline_app) else ON


class Cached(NamedTuple):
    path: str  # relative to the site root, "/"-separated
    size: int
    digest: str


def cached_files(site_dir: Path, english_only: bool = True) -> list[Cached]:
    """What the worker keeps for offline reading, in a stable order."""
    found = []
    for file in sorted(site_dir.rglob("*")):
        path = file.relative_to(site_dir).as_posix()
        if not file.is_file() or NEVER.search(path) or (english_only and LUNR.search(path)):
            continue
        data = file.read_bytes()
        found.append(Cached(path, len(data), hashlib.sha256(data).hexdigest()[:DIGEST_LENGTH]))
    return found


def worker_source(edition: dict[str, Any], files: Sequence[Cached]) -> str:
    """``worker/sw.js`` with this edition and its files in place of its marker."""
    listing = [[f.path, f.digest] for f in files]
    content = hashlib.sha256(json.dumps(listing).encode()).hexdigest()[:DIGEST_LENGTH]
    data = {"edition": edition, "cache": f"{edition['id']} {content}", "files": listing}
    template = (WORKER_DIR / "sw.js").read_text(encoding="utf-8")
    # JSON is a JavaScript expression; ensure_ascii keeps U+2028 and U+2029 out of it.
    return template.replace(MARKER, json.dumps(data, ensure_ascii=True, sort_keys=True), 1)


def write_root_files(
    site_dir: Path,
    edition: Edition,
    app: str,
    manifest: dict[str, Any],
    icon_files: dict[str, bytes],
    english_only: bool = True,
) -> list[Cached]:
    """Write the icons made at build time, then edition.json, the manifest and sw.js; the
    files the worker keeps."""
    if app == NONE:
        return []
    for path, icon in icon_files.items():
        (site_dir / path).parent.mkdir(parents=True, exist_ok=True)
        (site_dir / path).write_bytes(icon)
    data = {
        "id": edition.id,
        "version": edition.version,
        "built": edition.build_date.isoformat(),
        "commit": edition.commit,
        "guidance": edition.source_edition,
        "offline": app == ON,
    }
    (site_dir / "edition.json").write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    text = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
    (site_dir / "manifest.webmanifest").write_text(text, encoding="utf-8")
    if app == OFF:
        source = (WORKER_DIR / "off.js").read_text(encoding="utf-8")
        (site_dir / "sw.js").write_text(source, encoding="utf-8")
        return []
    files = cached_files(site_dir, english_only)
    (site_dir / "sw.js").write_text(worker_source(data, files), encoding="utf-8")
    return files


# -- The web app manifest and its icons ------------------------------------------------


class Icon(NamedTuple):
    url: str  # relative to the site root
    sizes: str
    type: str
    data: bytes | None = None  # bytes to write, for an icon made at build time


def _square(width: float, height: float) -> bool:
    return width > 0 and height > 0 and abs(width / height - 1) <= SQUARE


def svg_is_square(data: bytes) -> bool:
    """By the ``viewBox``, or ``width`` and ``height``."""
    root = ET.fromstring(data)  # noqa: S314 (checked against the allow-list in data/logo.py)
    box = root.get("viewBox", "").replace(",", " ").split()
    if len(box) == 4:
        try:
            return _square(float(box[2]), float(box[3]))
        except ValueError:
            return False
    sizes = [NUMBER.match(root.get(name, "")) for name in ("width", "height")]
    return all(sizes) and _square(*(float(m.group(1)) for m in sizes if m))


def png_icons(data: bytes) -> list[Icon]:
    """192 and 512 pixel PNG icons from a square raster logo big enough for them."""
    from PIL import Image  # only an overlay with a raster logo needs Pillow

    with Image.open(BytesIO(data)) as image:
        if not _square(*image.size):
            return []
        picture = image.convert("RGBA")
    icons = []
    for size in (s for s in ICON_SIZES if s <= min(picture.size)):
        out = BytesIO()
        picture.resize((size, size), Image.Resampling.LANCZOS).save(out, format="PNG")
        icons.append(
            Icon(f"assets/local/icon-{size}.png", f"{size}x{size}", "image/png", out.getvalue())
        )
    return icons


def icons(logo: Logo | None) -> list[Icon]:
    """The overlay's logo where it fits an app icon (a square SVG; a square raster of 192 px
    or more, as 192 and 512 px PNGs, the same bytes each time), else the handbook's."""
    if logo is not None:
        if logo.suffix == ".svg" and svg_is_square(logo.data):
            return [Icon(logo.url, "any", "image/svg+xml")]
        if logo.suffix != ".svg":
            made = png_icons(logo.data)
            if made:
                return made
    return [Icon(url, sizes, kind) for url, sizes, kind in HANDBOOK_ICONS]


def manifest(name: str, description: str, chosen: Sequence[Icon]) -> dict[str, Any]:
    """The manifest; every address is relative to it, so a copy may live in a sub-folder."""
    return {
        "name": name,
        "short_name": "TA-HSB handbook",
        "description": description,
        "lang": "en-GB",
        "id": "./",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOUR,
        "icons": [{"src": i.url, "sizes": i.sizes, "type": i.type} for i in chosen],
    }
