"""An organisation's logo from its overlay: checked by content, published under a fixed name.

The logo must be a file inside the overlay's folder, a PNG, JPEG or SVG by its
content (not only its name), under a size limit. SVGs with scripts, event
handlers, embedded documents or references to other files are refused. The
site only ever uses ``assets/local/logo.<png|jpg|svg>``: the file's own name
never reaches a page.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

MAX_LOGO_BYTES = 512 * 1024
RASTER = {".png": "PNG", ".jpg": "JPEG"}  # suffix → Pillow's format name
UNSAFE_NAME = re.compile(r"[\"'<>&\\]")
SUFFIXES = {".png": ".png", ".jpg": ".jpg", ".jpeg": ".jpg", ".svg": ".svg"}
SVG_ROOT = "{http://www.w3.org/2000/svg}svg"
# Scripts, embedded documents, and animation (which can rewrite a link's target).
SVG_FORBIDDEN_ELEMENTS = {"script", "foreignobject", "iframe", "embed", "object", "handler", "set"}
XML_DECLARATION = re.compile(r"^\ufeff?\s*<\?xml\s[^?]*\?>")
DECLARATION = re.compile(r"<!(?!--)|<\?")  # DOCTYPE, ENTITY, CDATA, processing instructions
EXTERNAL_URL = re.compile(r"url\(\s*['\"]?\s*(?!#)|@import", re.IGNORECASE)


class LogoError(ValueError):
    """The logo cannot be published; the message says why, in one line."""


@dataclass(frozen=True)
class Logo:
    data: bytes
    suffix: str  # ".png", ".jpg" or ".svg", from the content

    @property
    def url(self) -> str:
        """Where the built site publishes it (relative to the site root)."""
        return f"assets/local/logo{self.suffix}"


def _local_name(name: str) -> str:
    return name.rsplit("}", 1)[-1].rsplit(":", 1)[-1].casefold()


def svg_problem(text: str) -> str | None:
    """Why an SVG document cannot be published, or None if it is a plain drawing."""
    if DECLARATION.search(XML_DECLARATION.sub("", text, count=1)):
        return "SVG with a DOCTYPE, entity or processing instruction is not allowed"
    try:
        root = ET.fromstring(text)  # noqa: S314 (no DOCTYPE or entities: refused above)
    except ET.ParseError as exc:
        return f"not a well-formed SVG file ({exc})"
    if root.tag != SVG_ROOT:
        return "not an SVG file (the root element is not <svg> in the SVG namespace)"
    for node in root.iter():
        tag = _local_name(str(node.tag))
        if tag in SVG_FORBIDDEN_ELEMENTS or tag.startswith("animate"):
            return f"SVG with a <{tag}> element is not allowed"
        if tag == "style" and EXTERNAL_URL.search(node.text or ""):
            return "SVG whose style refers to another file is not allowed"
        for attr, value in node.attrib.items():
            name = _local_name(attr)
            if name.startswith("on"):
                return f"SVG with an event handler ({name}) is not allowed"
            if name == "href" and not value.strip().startswith("#"):
                return "SVG that refers to another file or address is not allowed"
            if EXTERNAL_URL.search(value):
                return "SVG whose style refers to another file is not allowed"
    return None


def raster_problem(data: bytes, suffix: str) -> str | None:
    """Why a PNG or JPEG file is not one (by its content), or None."""
    from PIL import Image  # only an overlay with a raster logo needs Pillow

    try:
        with Image.open(BytesIO(data), formats=[RASTER[suffix]]) as image:
            image.verify()
    except Exception:  # Pillow raises many kinds for a file it cannot read
        return f"the content is not a {RASTER[suffix]} image"
    return None


def read_logo(folder: Path, name: str) -> Logo:
    """The logo ``name`` from the overlay's ``folder``; every problem is one line."""
    if UNSAFE_NAME.search(name):
        raise LogoError("the file name must not contain quotes, '<', '>', '&' or '\\'")
    base = folder.resolve()
    path = (folder / name).resolve()
    if not path.is_relative_to(base):
        raise LogoError(f"must be a file in the overlay's folder, not '{name}'")
    suffix = SUFFIXES.get(path.suffix.casefold())
    if suffix is None:
        raise LogoError("must be a PNG, JPEG or SVG file (.png, .jpg, .svg)")
    if not path.is_file():
        raise LogoError(f"no such file '{name}' next to the overlay")
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_LOGO_BYTES + 1)
    except OSError as exc:
        raise LogoError(f"'{name}' cannot be read ({exc.strerror})") from None
    if len(data) > MAX_LOGO_BYTES:
        size = path.stat().st_size
        raise LogoError(f"file is {size:,} bytes; the limit is {MAX_LOGO_BYTES:,}")
    if suffix == ".svg":
        try:
            problem = svg_problem(data.decode("utf-8"))
        except UnicodeDecodeError:
            problem = "not an SVG file (not UTF-8 text)"
    else:
        problem = raster_problem(data, suffix)
    if problem:
        raise LogoError(problem)
    return Logo(data, suffix)
