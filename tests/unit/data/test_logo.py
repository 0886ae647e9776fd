"""The overlay's logo: inside the overlay's folder, PNG/JPEG/SVG by content, no active SVG content."""

from __future__ import annotations

import shutil
import struct
import time
import zlib
from pathlib import Path

import pytest

from macros.data.logo import (
    DASHED,
    MAX_LOGO_BYTES,
    MAX_ONE_PATH,
    MAX_PATH_DATA,
    MAX_SVG_ELEMENTS,
    REFERENCE,
    LogoError,
    read_logo,
)
from tests.conftest import ROOT

LOGOS = ROOT / "tests" / "fixtures" / "logos"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """An overlay folder holding every fixture logo, one level below tmp_path."""
    target = tmp_path / "overlay"
    shutil.copytree(LOGOS, target)
    return target


@pytest.mark.parametrize(
    ("name", "suffix"),
    [
        ("plain.svg", ".svg"),
        ("declared.svg", ".svg"),
        ("drawing.svg", ".svg"),
        ("small.png", ".png"),
        ("small.jpg", ".jpg"),
    ],
)
def test_good_logos_are_published_under_a_fixed_name(folder: Path, name: str, suffix: str) -> None:
    logo = read_logo(folder, name)
    assert logo.suffix == suffix
    assert logo.url == f"assets/local/logo{suffix}"
    assert logo.data == (folder / name).read_bytes()


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("script.svg", "SVG with a <script> element is not allowed"),
        ("prefixed-script.svg", "SVG with a <script> element is not allowed"),
        ("onload.svg", "SVG with an event handler (onload) is not allowed"),
        ("event-handler.svg", "SVG with an event handler (onmouseover) is not allowed"),
        ("external-image.svg", "SVG with a <image> element is not allowed"),
        ("javascript-link.svg", "SVG with a <a> element is not allowed"),
        ("style-import.svg", "SVG with a <style> element is not allowed"),
        ("style-after-child.svg", "SVG with a <style> element is not allowed"),
        ("style-url.svg", REFERENCE),
        ("foreign-object.svg", "SVG with a <foreignObject> element is not allowed"),
        ("set-href.svg", "SVG with a <set> element is not allowed"),
        ("use-bomb.svg", "SVG with a <use> element is not allowed"),
        ("pattern.svg", "SVG with a <pattern> element is not allowed"),
        ("filter.svg", "SVG with a <filter> element is not allowed"),
        ("clip-path.svg", "SVG with the attribute clip-path on <rect> is not allowed"),
        ("gradient-href.svg", "SVG with a <linearGradient> element is not allowed"),
        ("style-filter-function.svg", "SVG with the CSS function blur() is not allowed"),
        ("style-image-set.svg", "SVG with the CSS function image-set() is not allowed"),
        ("style-font-face.svg", "SVG with a <style> element is not allowed"),
        ("style-escape.svg", "SVG with a <style> element is not allowed"),
        ("attribute-escape.svg", REFERENCE),
        ("attribute-css-escape.svg", "SVG with a CSS escape (\\) is not allowed"),
        ("dashed.svg", DASHED),
        ("dashed-style.svg", DASHED),
        (
            "xhtml-meta-refresh.svg",
            "SVG with an element from another namespace ({http://www.w3.org/1999/xhtml}meta) is not allowed",
        ),
        (
            "xhtml-in-title.svg",
            "SVG with an element from another namespace ({http://www.w3.org/1999/xhtml}meta) is not allowed",
        ),
        ("deep.svg", "SVG nested more than 32 elements deep is not allowed"),
        ("entity.svg", "SVG with a DOCTYPE, entity or processing instruction is not allowed"),
        (
            "stylesheet-pi.svg",
            "SVG with a DOCTYPE, entity or processing instruction is not allowed",
        ),
        ("html.svg", "not an SVG file (the root element is not <svg> in the SVG namespace)"),
        (
            "no-namespace.svg",
            "not an SVG file (the root element is not <svg> in the SVG namespace)",
        ),
        ("text.png", "the content is not a PNG image"),
        ("svg-named.png", "the content is not a PNG image"),
        ("truncated.png", "the content is not a PNG image"),
        ("anim.gif", "must be a PNG, JPEG or SVG file (.png, .jpg, .svg)"),
        ("missing.svg", "no such file 'missing.svg' in the overlay's folder"),
        ("../../etc/passwd", "must be a file in the overlay's folder, not '../../etc/passwd'"),
        ("/etc/hostname", "must be a file in the overlay's folder, not '/etc/hostname'"),
        (
            'x.svg" onerror="alert(1)',
            "the file name must not contain quotes, '<', '>', '&' or '\\'",
        ),
        ("x<y.svg", "the file name must not contain quotes, '<', '>', '&' or '\\'"),
    ],
)
def test_bad_logos_are_refused_in_one_line(folder: Path, name: str, message: str) -> None:
    with pytest.raises(LogoError) as err:
        read_logo(folder, name)
    assert str(err.value) == message


def test_logo_outside_the_folder_through_a_link_is_refused(folder: Path) -> None:
    (folder.parent / "secret.svg").write_bytes((LOGOS / "plain.svg").read_bytes())
    (folder / "link.svg").symlink_to(folder.parent / "secret.svg")
    with pytest.raises(LogoError, match="must be a file in the overlay's folder"):
        read_logo(folder, "link.svg")


def test_oversized_logo_is_refused(folder: Path) -> None:
    svg = (LOGOS / "plain.svg").read_text(encoding="utf-8")
    padding = "<!-- " + "x" * MAX_LOGO_BYTES + " -->"
    (folder / "big.svg").write_text(svg.replace("</svg>", padding + "</svg>"), encoding="utf-8")
    with pytest.raises(LogoError) as err:
        read_logo(folder, "big.svg")
    assert str(err.value).startswith("file is 524,")
    assert str(err.value).endswith("bytes; the limit is 524,288")


@pytest.mark.parametrize(
    "path",
    [
        Path("examples/local/local/logo.svg"),
        Path("tests/fixtures/overlays/hostile/local/logo.svg"),
    ],
)
def test_shipped_example_logos_are_accepted(path: Path) -> None:
    root = ROOT
    logo = read_logo(root / path.parent, path.name)
    assert logo.suffix == ".svg"


def test_every_fixture_logo_is_in_a_test() -> None:
    """A new fixture without a test proves nothing."""
    source = Path(__file__).read_text(encoding="utf-8")
    untested = [p.name for p in LOGOS.iterdir() if f'"{p.name}"' not in source]
    assert untested == []


def test_a_line_break_in_a_namespace_stays_out_of_the_message(folder: Path) -> None:
    (folder / "ns.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:h="x&#10;y"><h:meta/></svg>',
        encoding="utf-8",
    )
    with pytest.raises(LogoError) as err:
        read_logo(folder, "ns.svg")
    assert str(err.value) == "SVG with an element from another namespace ({x y}meta) is not allowed"


def test_a_long_style_value_is_checked_in_linear_time(folder: Path) -> None:
    """A 250,000-character word once took hours: each start of a name is tried only once."""
    word = "a" * 250_000
    (folder / "long.svg").write_text(
        f'<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:{word}"/>'
        f'<rect fill="{word}x(1)"/></svg>',
        encoding="utf-8",
    )
    start = time.process_time()  # this process's CPU: others' load does not count
    with pytest.raises(LogoError) as err:
        read_logo(folder, "long.svg")
    assert time.process_time() - start < 1
    assert str(err.value).startswith("SVG with the CSS function aaaa")


def svg(body: str) -> str:
    return f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48">{body}</svg>'


@pytest.mark.parametrize(
    "body",
    [
        '<rect width="9" height="9" fill="url(#g)"/>',  # even a reference inside the file
        '<rect width="9" height="9" fill="URL( #g )"/>',
        '<rect width="9" height="9" style="fill: &#117;rl(https://example.org/x)"/>',
        '<rect width="9" height="9" style="fill: u\\72l(https://example.org/x)"/>',
        '<rect width="9" height="9" style="fill: u\\000072 l(https://example.org/x)"/>',
        '<rect width="9" height="9" style="fill: u&#x5c;72l(https://example.org/x)"/>',
        '<rect width="9" height="9" style="fill: url/**/(https://example.org/x)"/>',
        '<rect width="9" height="9" id="url(x)"/>',  # a plain attribute too
        "<title>url(https://example.org/x)</title>",  # text
        '<g><rect width="9" height="9"/>url (https://example.org/x)</g>',  # after a child
        "<!-- url(https://example.org/x) -->",  # even a comment
    ],
)
def test_no_url_in_any_spelling_anywhere(folder: Path, body: str) -> None:
    (folder / "url.svg").write_text(svg(body), encoding="utf-8")
    with pytest.raises(LogoError) as err:
        read_logo(folder, "url.svg")
    assert str(err.value) == REFERENCE


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            '<rect width="1" height="1"/>' * MAX_SVG_ELEMENTS,
            f"SVG with more than {MAX_SVG_ELEMENTS:,} elements is not allowed",
        ),
        (
            '<path d="' + "1 " * (MAX_ONE_PATH + 1) + '"/>',
            f"SVG with more than {MAX_ONE_PATH:,} numbers and commands in one d attribute "
            "is not allowed (split the shape)",
        ),
        (
            ('<polygon points="' + "1,1 " * (MAX_ONE_PATH // 2) + '"/>') * 11,
            f"SVG with more than {MAX_PATH_DATA:,} numbers and commands of path data "
            "(d, points) is not allowed",
        ),
    ],
    ids=["elements", "one-path", "path-data"],
)
def test_a_logo_too_costly_to_draw_is_refused(folder: Path, body: str, message: str) -> None:
    (folder / "big.svg").write_text(svg(body), encoding="utf-8")
    with pytest.raises(LogoError) as err:
        read_logo(folder, "big.svg")
    assert str(err.value) == message


def test_a_logo_just_inside_the_limits_is_accepted(folder: Path) -> None:
    """Every limit reached, none passed (the root is an element too)."""
    shapes = '<rect width="1" height="1"/>' * (MAX_SVG_ELEMENTS - 12)
    paths = ('<path d="' + "1 " * MAX_ONE_PATH + '"/>') * (MAX_PATH_DATA // MAX_ONE_PATH)
    (folder / "edge.svg").write_text(svg(shapes + paths + "<title>x</title>"), encoding="utf-8")
    assert read_logo(folder, "edge.svg").suffix == ".svg"


def png_header(width: int, height: int) -> bytes:
    """A PNG that claims ``width`` × ``height`` pixels in a few bytes: a valid header and a
    tiny compressed image data chunk (whose pixels would fill width × height once decoded)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\0" * 65536, 9)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def jpeg_claiming(width: int, height: int) -> bytes:
    """The small JPEG fixture with its frame header claiming ``width`` × ``height``."""
    data = bytearray((LOGOS / "small.jpg").read_bytes())
    frame = data.index(b"\xff\xc0") + 5  # marker, length, precision: then height, width
    data[frame : frame + 4] = struct.pack(">HH", height, width)
    return bytes(data)


@pytest.mark.parametrize(
    ("name", "data", "size"),
    [
        ("huge.png", png_header(13_000, 13_000), "13,000 × 13,000"),
        ("wide.png", png_header(4097, 1), "4,097 × 1"),
        ("bomb.png", png_header(65_535, 65_535), "65,535 × 65,535"),  # past Pillow's own limit
        ("huge.jpg", jpeg_claiming(20_000, 20_000), "20,000 × 20,000"),
    ],
)
def test_an_oversized_raster_logo_is_refused_from_its_header(
    folder: Path, name: str, data: bytes, size: str
) -> None:
    (folder / name).write_bytes(data)
    assert len(data) < 4096
    start = time.process_time()  # this process's CPU: others' load does not count
    with pytest.raises(LogoError) as err:
        read_logo(folder, name)
    assert time.process_time() - start < 0.5  # nothing decoded
    assert str(err.value) == f"the image is {size} pixels; the limit is 4,096 pixels on each side"


def test_a_raster_logo_at_the_size_limit_is_accepted(folder: Path) -> None:
    (folder / "edge.png").write_bytes(png_header(4096, 4096))
    assert read_logo(folder, "edge.png").suffix == ".png"
