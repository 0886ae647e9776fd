"""An overlay's logo, checked by content, published as ``assets/local/logo.<suffix>`` (the
file's own name never reaches a page).

A PNG or JPEG's size is read from its header (a 20 KB PNG can claim 13,000 × 13,000
pixels, 676 MB decoded). An SVG is a flat drawing from the allow-lists below referring to
nothing: no ``<style>`` (CSS fetched by routes a checker missed), no ``url(`` in any
spelling, no ``<use>``, pattern, filter, mask or clip path (one reference can draw its
target many times over), no other namespace (an XHTML ``<meta>`` redirects), no CSS
escape, at-rule or function but colours and transforms. Its drawing cost is bounded, as
pages paint nothing until it is drawn (a 144 KB logo of dashed paths held every page for
95 s): elements, path numbers in all and in one shape (a wide stroke along one long
self-crossing path took seconds), depth, no dash pattern. Our logos use at most 10
elements and 25 numbers; Chromium draws one at every limit in under 2 s
(tests/browser/test_logo_cost.py).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

MAX_LOGO_BYTES = 512 * 1024
MAX_LOGO_SIDE = 4096  # pixels; a logo is drawn at most a few hundred pixels wide
UNSAFE_NAME = re.compile(r"[\"'<>&\\]")
SUFFIXES = {".png": ".png", ".jpg": ".jpg", ".jpeg": ".jpg", ".svg": ".svg"}
SVG = "{http://www.w3.org/2000/svg}"
XML = "{http://www.w3.org/XML/1998/namespace}"
XLINK = "{http://www.w3.org/1999/xlink}"
MAX_SVG_DEPTH = 32  # a drawing nests a few groups; thousands of levels stall a browser
MAX_SVG_ELEMENTS = 2000
MAX_PATH_DATA = 50_000  # numbers and commands in every d and points together
MAX_ONE_PATH = 5000  # in one d or points: a wide stroke's cost grows faster than its length

# A plain flat drawing: shapes, paths, text and groups.
SVG_ELEMENTS = frozenset(
    {
        *("svg", "g", "defs", "title", "desc"),
        *("path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan"),
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
# Geometry, text layout and presentation. No href, clip-path, mask, filter, marker or
# cursor (each refers to something else), no event handler.
SVG_ATTRIBUTES = PLAIN_ATTRIBUTES | {
    *("style", "focusable", "preserveAspectRatio", "transform", "transform-origin"),
    *("x", "y", "width", "height", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry"),
    *("dx", "dy", "rotate", "textLength", "lengthAdjust"),
    *("color", "opacity", "display", "visibility"),
    *("fill", "fill-opacity", "fill-rule", "clip-rule", "paint-order", "vector-effect"),
    *("stroke", "stroke-width", "stroke-opacity", "stroke-linecap", "stroke-linejoin"),
    *("stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset"),
    *("shape-rendering", "text-rendering", "color-interpolation", "isolation", "mix-blend-mode"),
    *("font-family", "font-size", "font-weight", "font-style", "font-variant", "font-stretch"),
    *("letter-spacing", "word-spacing", "text-anchor", "text-decoration", "white-space"),
    *("dominant-baseline", "alignment-baseline", "baseline-shift", "writing-mode"),
    *("direction", "unicode-bidi"),
}
# CSS functions a drawing needs: colours, transforms, arithmetic.
CSS_FUNCTIONS = frozenset(
    {
        *("rgb", "rgba", "hsl", "hsla", "calc", "matrix"),
        *("translate", "translatex", "translatey", "rotate", "scale", "scalex", "scaley"),
        *("skew", "skewx", "skewy"),
    }
)
CSS_FUNCTION = re.compile(r"(?<![\w-])([A-Za-z_-][\w-]*)\s*\(")  # from a name's start only
CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|\Z)", re.S)
CSS_ESCAPE = re.compile(r"\\(?:([0-9A-Fa-f]{1,6})\s?|(.))", re.S)
DASHES = re.compile(r"(?<![\w-])stroke-dasharray\s*:\s*([^;]*)", re.IGNORECASE)
PATH_ITEM = re.compile(r"[A-Za-z]|\d+\.?\d*|\.\d+")  # a command or a number (1.5.5 is two)
XML_DECLARATION = re.compile(r"^\ufeff?\s*<\?xml\s[^?]*\?>")
DECLARATION = re.compile(r"<!(?!--)|<\?")  # DOCTYPE, ENTITY, CDATA, processing instructions
REFERENCE = "SVG with url( (a reference to another file or element) is not allowed"
DASHED = "SVG with a dash pattern (stroke-dasharray other than none) is not allowed"


class LogoError(ValueError):
    """The logo cannot be published; the message says why, in one line."""


@dataclass(frozen=True)
class Logo:
    data: bytes
    suffix: str  # ".png", ".jpg" or ".svg", from the content

    @property
    def url(self) -> str:
        return f"assets/local/logo{self.suffix}"


def _shown(name: str) -> str:
    """An element or attribute name for a message: one line, at most 80 characters."""
    for space, prefix in ((SVG, ""), (XML, "xml:"), (XLINK, "xlink:")):
        name = prefix + name.removeprefix(space) if name.startswith(space) else name
    return " ".join(name.split())[:80]  # a namespace may hold a line break (&#10;)


def refers(text: str) -> bool:
    """Whether ``text`` holds ``url(`` in any spelling: CSS escapes decoded (XML entities
    are decoded by the parser), comments and white space left out, in any case."""
    unescaped = CSS_ESCAPE.sub(lambda m: chr(min(int(m[1], 16), 0x10FFFF)) if m[1] else m[2], text)
    plain = CSS_COMMENT.sub("", unescaped)
    return "url(" in "".join(plain.split()).casefold()


def css_problem(text: str) -> str | None:
    """Why a style or attribute value could load, hide or slow something, or None."""
    if "\\" in text:
        return "SVG with a CSS escape (\\) is not allowed"
    if "@" in text:
        return "SVG with a CSS at-rule (@import, @font-face …) is not allowed"
    for match in CSS_FUNCTION.finditer(text):
        if match.group(1).casefold() not in CSS_FUNCTIONS:
            return f"SVG with the CSS function {match.group(1)[:40]}() is not allowed"
    dashes = DASHES.findall(CSS_COMMENT.sub("", text))
    if any(value.strip().casefold() != "none" for value in dashes):
        return DASHED
    return None


def svg_problem(data: bytes) -> str | None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return "not an SVG file (not UTF-8 text)"
    if DECLARATION.search(XML_DECLARATION.sub("", text, count=1)):
        return "SVG with a DOCTYPE, entity or processing instruction is not allowed"
    try:
        root = ET.fromstring(text)  # noqa: S314 (no DOCTYPE or entities: refused above)
    except ET.ParseError as exc:
        return f"not a well-formed SVG file ({exc})"
    if root.tag != SVG + "svg":
        return "not an SVG file (the root element is not <svg> in the SVG namespace)"
    elements = path_data = 0
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        tag = str(node.tag)
        elements += 1
        if elements > MAX_SVG_ELEMENTS:
            return f"SVG with more than {MAX_SVG_ELEMENTS:,} elements is not allowed"
        if depth > MAX_SVG_DEPTH:
            return f"SVG nested more than {MAX_SVG_DEPTH} elements deep is not allowed"
        if not tag.startswith(SVG):
            return f"SVG with an element from another namespace ({_shown(tag)}) is not allowed"
        if tag[len(SVG) :] not in SVG_ELEMENTS:
            return f"SVG with a <{_shown(tag)}> element is not allowed"
        for attr, value in node.attrib.items():
            if _shown(attr).casefold().startswith("on"):
                return f"SVG with an event handler ({_shown(attr)}) is not allowed"
            if attr not in SVG_ATTRIBUTES:
                return f"SVG with the attribute {_shown(attr)} on <{_shown(tag)}> is not allowed"
            if refers(value):
                return REFERENCE
            if attr not in PLAIN_ATTRIBUTES and (problem := css_problem(f"{attr}:{value}")):
                return problem
            if attr in ("d", "points"):
                items = sum(1 for _ in PATH_ITEM.finditer(value))
                if items > MAX_ONE_PATH:
                    return (
                        f"SVG with more than {MAX_ONE_PATH:,} numbers and commands in one "
                        f"{attr} attribute is not allowed (split the shape)"
                    )
                path_data += items
        if path_data > MAX_PATH_DATA:
            return (
                f"SVG with more than {MAX_PATH_DATA:,} numbers and commands of path data "
                "(d, points) is not allowed"
            )
        if any(refers(part) for part in (node.text, node.tail) if part):
            return REFERENCE
        stack += [(child, depth + 1) for child in reversed(node)]  # document order
    return None if not refers(text) else REFERENCE  # a comment: nothing else is left


def raster_problem(data: bytes, suffix: str) -> str | None:
    """Why a PNG or JPEG file is not one (by its content) or is too large, or None. Pillow
    reads only the header when opening; ``verify`` checks the chunks, decoding no pixel."""
    from PIL import JpegImagePlugin, PngImagePlugin  # only a raster logo needs Pillow

    kind = {".png": PngImagePlugin.PngImageFile, ".jpg": JpegImagePlugin.JpegImageFile}[suffix]
    try:
        with kind(BytesIO(data)) as image:
            width, height = image.size
            if max(width, height) > MAX_LOGO_SIDE:
                return (
                    f"the image is {width:,} × {height:,} pixels; "
                    f"the limit is {MAX_LOGO_SIDE:,} pixels on each side"
                )
            image.verify()
    except Exception:  # Pillow raises many kinds for a file it cannot read
        return f"the content is not a {kind.format} image"
    return None


def read_logo(folder: Path, name: str) -> Logo:
    if UNSAFE_NAME.search(name):
        raise LogoError("the file name must not contain quotes, '<', '>', '&' or '\\'")
    path = (folder / name).resolve()
    if not path.is_relative_to(folder.resolve()):
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
        raise LogoError(f"file is {path.stat().st_size:,} bytes; the limit is {MAX_LOGO_BYTES:,}")
    if problem := (svg_problem(data) if suffix == ".svg" else raster_problem(data, suffix)):
        raise LogoError(problem)
    return Logo(data, suffix)
