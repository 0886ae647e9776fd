"""A small font for the checklist PDFs' form fields.

WeasyPrint 70 embeds the *whole* font file of any font a form field uses
(``font.used_in_forms`` turns subsetting off, so that a reader can draw any
character typed in later). With the system's DejaVu Sans that is about 400 KB
per PDF. The fields use this font instead: DejaVu Sans cut down to the
characters people type in UK case notes (Latin, Latin-1, Latin Extended-A,
punctuation, €, ™), about 33 KB, which WeasyPrint then embeds whole. The text
of the page keeps the system font, subset to the glyphs it uses.

The subset is made once from the system font and kept in the PDF cache folder.
Documents carry :data:`MARKER` where the ``@font-face`` rule goes; the worker
that renders them puts the rule in (see macros/pdf/cache.py), so making the
subset never holds up the page build.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import io
import os
import subprocess
from pathlib import Path

from markupsafe import Markup

FAMILY = "Handbook Form"
MARKER = "/* handbook-form-font */"
SOURCE = "DejaVu Sans:style=Book"
FALLBACK = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
#: Unicode ranges kept for typed text (inclusive).
RANGES = (
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x017F),  # Latin-1 Supplement, Latin Extended-A
    (0x2010, 0x2027),  # dashes, quotation marks, bullet, ellipsis
    (0x2030, 0x203A),  # per mille, primes, single guillemets
    (0x20AC, 0x20AC),  # euro sign
    (0x2122, 0x2122),  # trade mark sign
)


#: Changes when the way the subset is made changes, so older cached subsets (and the PDFs
#: made with them) are not used: 2 keeps the source font's date.
SUBSET_FORMAT = 2


class FontError(Exception):
    """The form-field font could not be made; the message says why."""


def source_font() -> Path:
    """The system file for DejaVu Sans (fontconfig's answer, else Debian's path)."""
    try:
        found = subprocess.run(
            ["fc-match", "--format=%{file}", SOURCE],
            capture_output=True,
            text=True,
            check=False,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        found = ""
    path = Path(found) if found else FALLBACK
    if path.name.startswith("DejaVuSans") and path.is_file():
        return path
    if FALLBACK.is_file():
        return FALLBACK
    raise FontError(
        "checklist PDFs: the DejaVu Sans font is not installed (Debian: fonts-dejavu-core)"
    )


def subset(source: Path) -> bytes:
    """``source`` cut down to :data:`RANGES`, without hinting or layout tables."""
    from fontTools import subset as ft_subset  # imported late: only when the cache misses
    from fontTools.ttLib import TTFont

    options = ft_subset.Options()
    options.layout_features = []
    options.hinting = False
    options.notdef_outline = True
    options.name_IDs = ["*"]
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "kern", "FFTM"]
    # recalcTimestamp=False: the subset keeps the source font's date, not the time it was
    # made, so a cached subset and a new one are the same bytes (reproducible PDFs).
    font = TTFont(str(source), recalcTimestamp=False)
    subsetter = ft_subset.Subsetter(options)
    subsetter.populate(unicodes=[c for first, last in RANGES for c in range(first, last + 1)])
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


@functools.cache
def font_id() -> str:
    """Identifies the subset: the source file (path, size, time) and :data:`RANGES`.
    Worked out once per process (a font installed meanwhile counts from the next run)."""
    source = source_font()
    stat = source.stat()
    ident = f"{source}\0{stat.st_size}\0{stat.st_mtime_ns}\0{RANGES}\0{SUBSET_FORMAT}".encode()
    return hashlib.sha256(ident).hexdigest()[:16]


def form_font(cache_dir: Path) -> bytes:
    """The subset font, made once per source font file and kept in ``cache_dir``."""
    cached = cache_dir / f"form-font-{font_id()}.ttf"
    if cached.is_file():
        return cached.read_bytes()
    data = subset(source_font())
    cache_dir.mkdir(parents=True, exist_ok=True)
    partial = cached.with_suffix(f".{os.getpid()}.part")
    partial.write_bytes(data)
    partial.replace(cached)
    return data


def font_face(cache_dir: Path) -> Markup:
    """An ``@font-face`` rule carrying the form font as a ``data:`` URL (no file to fetch)."""
    encoded = base64.b64encode(form_font(cache_dir)).decode("ascii")
    # Trusted: a constant family name and base64 text.
    return Markup(  # noqa: S704
        f'@font-face {{ font-family: "{FAMILY}"; '
        f'src: url(data:font/ttf;base64,{encoded}) format("truetype"); }}'
    )
