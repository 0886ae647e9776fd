"""A small font for the checklist PDFs' form fields: data/fonts/handbook-form.ttf.

WeasyPrint embeds the *whole* font file of any font a form field uses (so that a reader
can draw any character typed in later); with DejaVu Sans that is about 400 KB per PDF.
The fields use this committed subset instead, 33 KB, DejaVu Sans 2.37 cut down once to the
characters people type in UK case notes (Latin, Latin-1, Latin Extended-A, dashes,
quotation marks, €, ™), so the PDFs do not depend on the build machine's DejaVu. The text
of the page keeps the system font, subset by WeasyPrint to the glyphs it uses. Made with::

    pyftsubset /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf \\
      --unicodes=U+0020-007E,U+00A0-017F,U+2010-2027,U+2030-203A,U+20AC,U+2122 \\
      --layout-features= --no-hinting --notdef-outline --name-IDs='*' --recalc-bounds \\
      --drop-tables+=GSUB,GPOS,GDEF,kern,FFTM --output-file=data/fonts/handbook-form.ttf

Documents carry :data:`MARKER` where the ``@font-face`` rule goes; the worker that renders
them puts the rule in (macros/pdf/cache.py).
"""

from __future__ import annotations

import base64
import functools
import hashlib
from pathlib import Path

from markupsafe import Markup

FAMILY = "Handbook Form"
MARKER = "/* handbook-form-font */"
FONT = Path(__file__).resolve().parents[2] / "data" / "fonts" / "handbook-form.ttf"


class FontError(Exception):
    """The form-field font could not be read; the message says why."""


@functools.cache
def _font() -> bytes:
    try:
        return FONT.read_bytes()
    except OSError as exc:
        raise FontError(f"checklist PDFs: {FONT}: {exc.strerror}") from None


def font_id() -> str:
    """Identifies the font (a hash of the file), for the PDF cache's keys."""
    return hashlib.sha256(_font()).hexdigest()[:16]


def font_face(_cache_dir: Path | None = None) -> Markup:
    """An ``@font-face`` rule carrying the form font as a ``data:`` URL (no file to fetch).
    The argument is not used: the font is committed, not made in the PDF cache folder."""
    encoded = base64.b64encode(_font()).decode("ascii")
    # Trusted: a constant family name and base64 text.
    return Markup(  # noqa: S704
        f'@font-face {{ font-family: "{FAMILY}"; '
        f'src: url(data:font/ttf;base64,{encoded}) format("truetype"); }}'
    )
