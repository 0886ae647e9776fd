"""The text of a printed PDF as a reader would copy it.

Fonts print "ff", "fi", "fl" and so on as single ligature glyphs, and pypdf
extracts them as one character ("ﬀ"). Whether a string contains one depends on
its letters, including a commit hash in the edition stamp, so every test that
reads PDF text spells ligatures out first.
"""

from __future__ import annotations

import unicodedata

from pypdf import PageObject, PdfReader

LIGATURES = {code: unicodedata.normalize("NFKC", chr(code)) for code in range(0xFB00, 0xFB07)}


def sheet_text(sheet: PageObject) -> str:
    return sheet.extract_text().translate(LIGATURES)


def pdf_text(reader: PdfReader, sep: str = " ") -> str:
    return sep.join(sheet_text(sheet) for sheet in reader.pages)
