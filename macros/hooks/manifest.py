"""The web app manifest (``manifest.webmanifest``): the name and icons a phone or a desktop
browser shows for "Add to Home Screen" or "Install".

The icons are the overlay's logo where it fits an app icon, otherwise the handbook's own
(``docs/assets/favicon.svg`` and its PNG renderings in ``docs/assets/icons/``):

- a square SVG logo (by its ``viewBox``, or ``width`` and ``height``) is the icon, at any size;
- a square PNG or JPEG logo of at least 192 pixels becomes 192 and (from 512 pixels) 512
  pixel PNG icons, made with Pillow: the same logo always gives the same bytes;
- any other logo (a wide banner, a small image) is left to the page header.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET  # the logo was parsed and checked the same way (data/logo.py)
from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from ..data.logo import Logo

HANDBOOK_ICONS: tuple[tuple[str, str, str], ...] = (
    ("assets/favicon.svg", "any", "image/svg+xml"),
    ("assets/icons/handbook-192.png", "192x192", "image/png"),
    ("assets/icons/handbook-512.png", "512x512", "image/png"),
)
ICON_SIZES = (192, 512)
SQUARE = 0.02  # how far from square a logo may be (width / height)
NUMBER = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*(?:px)?\s*$")
THEME_COLOUR = "#1d4e89"  # --md-primary-fg-color in docs/assets/css/handbook.css


@dataclass(frozen=True)
class Icon:
    url: str  # relative to the site root
    sizes: str
    type: str
    data: bytes | None = None  # bytes to write, for an icon made at build time

    def entry(self) -> dict[str, str]:
        return {"src": self.url, "sizes": self.sizes, "type": self.type}


def _square(width: float, height: float) -> bool:
    return width > 0 and height > 0 and abs(width / height - 1) <= SQUARE


def svg_is_square(data: bytes) -> bool:
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
        if not _square(*image.size) or min(image.size) < ICON_SIZES[0]:
            return []
        picture = image.convert("RGBA")
    icons = []
    for size in ICON_SIZES:
        if min(picture.size) < size:
            break
        out = BytesIO()
        picture.resize((size, size), Image.Resampling.LANCZOS).save(out, format="PNG")
        icons.append(
            Icon(f"assets/local/icon-{size}.png", f"{size}x{size}", "image/png", out.getvalue())
        )
    return icons


def icons(logo: Logo | None) -> list[Icon]:
    """The manifest's icons: the overlay's logo where it fits, else the handbook's."""
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
        "icons": [icon.entry() for icon in chosen],
    }
