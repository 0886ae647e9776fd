"""An organisation's logo from its overlay: checked by content, published under a fixed name.

The logo must be a file inside the overlay's folder, a PNG, JPEG or SVG by its
content (not only its name), under a size limit. An SVG must be a plain
drawing: every element and attribute comes from the allow-lists below, in the
SVG namespace, and nothing refers to anything outside the drawing. There is
no ``<use>``, ``<pattern>``, ``<filter>``, mask or clip path (one reference
can draw its target many times over, and a few nested ones freeze a browser),
no link or ``href``, no element from another namespace (an XHTML ``<meta>``
would redirect a reader who opens the file), and no CSS escape, at-rule or
function other than colours, transforms and ``url(#id)`` for a gradient. The
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
SVG = "{http://www.w3.org/2000/svg}"
XML = "{http://www.w3.org/XML/1998/namespace}"
XLINK = "{http://www.w3.org/1999/xlink}"
SVG_ROOT = SVG + "svg"
MAX_SVG_DEPTH = 32  # a drawing nests a few groups; thousands of levels stall a browser

# A plain drawing: shapes, paths, text, groups and gradients (with their stops).
SVG_ELEMENTS = frozenset(
    {
        *("svg", "g", "defs", "title", "desc", "style"),
        *("path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan"),
        *("linearGradient", "radialGradient", "stop"),
    }
)
# Attributes that are names, labels or geometry, never read as CSS.
PLAIN_ATTRIBUTES = frozenset(
    {
        *("id", "class", "lang", XML + "lang", XML + "space", "version", "baseProfile"),
        *("role", "aria-label", "aria-labelledby", "aria-describedby", "aria-hidden"),
        *("viewBox", "d", "points"),
    }
)
# Geometry, gradients, text layout and presentation. No href, clip-path, mask,
# filter, marker or cursor (each refers to something else), no event handler.
SVG_ATTRIBUTES = PLAIN_ATTRIBUTES | {
    *("style", "type", "focusable", "preserveAspectRatio", "transform", "transform-origin"),
    *("x", "y", "width", "height", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry"),
    *("pathLength", "dx", "dy", "rotate", "textLength", "lengthAdjust"),
    *("gradientUnits", "gradientTransform", "spreadMethod", "fx", "fy", "fr"),
    *("offset", "stop-color", "stop-opacity", "color", "opacity", "display", "visibility"),
    *("fill", "fill-opacity", "fill-rule", "clip-rule", "paint-order", "vector-effect"),
    *("stroke", "stroke-width", "stroke-opacity", "stroke-linecap", "stroke-linejoin"),
    *("stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset"),
    *("shape-rendering", "text-rendering", "color-interpolation", "isolation", "mix-blend-mode"),
    *("font-family", "font-size", "font-weight", "font-style", "font-variant", "font-stretch"),
    *("letter-spacing", "word-spacing", "text-anchor", "text-decoration", "white-space"),
    *("dominant-baseline", "alignment-baseline", "baseline-shift", "writing-mode"),
    *("direction", "unicode-bidi"),
}
# CSS functions a drawing needs: colours, transforms, arithmetic, url(#id).
CSS_FUNCTIONS = frozenset(
    {
        *("rgb", "rgba", "hsl", "hsla", "url", "calc", "matrix"),
        *("translate", "translatex", "translatey", "rotate", "scale", "scalex", "scaley"),
        *("skew", "skewx", "skewy"),
    }
)
CSS_FUNCTION = re.compile(r"(?<![\w-])([A-Za-z_-][\w-]*)\s*\(")  # from a name's start only
LOCAL_URL = re.compile(r"""url\(\s*(["']?)#[A-Za-z_][\w.-]*\1\s*\)""", re.IGNORECASE)
XML_DECLARATION = re.compile(r"^\ufeff?\s*<\?xml\s[^?]*\?>")
DECLARATION = re.compile(r"<!(?!--)|<\?")  # DOCTYPE, ENTITY, CDATA, processing instructions


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


def _shown(name: str) -> str:
    """An element or attribute name for a message: on one line, at most 80 characters."""
    if name.startswith(SVG):
        name = name[len(SVG) :]
    elif name.startswith(XML):
        name = "xml:" + name[len(XML) :]
    elif name.startswith(XLINK):
        name = "xlink:" + name[len(XLINK) :]
    return " ".join(name.split())[:80]  # a namespace may hold a line break (&#10;)


def css_problem(text: str) -> str | None:
    """Why a style or attribute value could load or hide something, or None."""
    if "\\" in text:
        return "SVG with a CSS escape (\\) is not allowed"
    rest = LOCAL_URL.sub("", text)
    if re.search(r"url\s*\(", rest, re.IGNORECASE):
        return "SVG whose style refers to another file is not allowed"
    if "@" in rest:
        return "SVG with a CSS at-rule (@import, @font-face …) is not allowed"
    for match in CSS_FUNCTION.finditer(rest):
        if match.group(1).casefold() not in CSS_FUNCTIONS:
            return f"SVG with the CSS function {match.group(1)[:40]}() is not allowed"
    return None


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
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        tag = str(node.tag)
        if depth > MAX_SVG_DEPTH:
            return f"SVG nested more than {MAX_SVG_DEPTH} elements deep is not allowed"
        if not tag.startswith(SVG):
            return f"SVG with an element from another namespace ({_shown(tag)}) is not allowed"
        if tag[len(SVG) :] not in SVG_ELEMENTS:
            return f"SVG with a <{_shown(tag)}> element is not allowed"
        for attr, value in node.attrib.items():
            name = _shown(attr)
            if name.casefold().startswith("on"):
                return f"SVG with an event handler ({name}) is not allowed"
            if attr not in SVG_ATTRIBUTES:
                return f"SVG with the attribute {name} on <{_shown(tag)}> is not allowed"
            problem = None if attr in PLAIN_ATTRIBUTES else css_problem(value)
            if problem:
                return problem
        if node.text and tag == SVG + "style":
            problem = css_problem(node.text)
            if problem:
                return problem
        stack += [(child, depth + 1) for child in reversed(node)]  # document order
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
        raise LogoError(f"no such file '{name}' in the overlay's folder")
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
