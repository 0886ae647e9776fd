"""How a PDF is rendered: a self-contained HTML document through WeasyPrint, which may read
only files inside the built site and the PDF templates (macros/pdf/templates/)."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

from markupsafe import Markup
from mkdocs.exceptions import PluginError

from . import tagging

TEMPLATES = Path(__file__).parent / "templates"
# The checklist PDFs' form-field font. WeasyPrint embeds a field's font whole (DejaVu Sans:
# ~400 KB a PDF), so the fields use a 33 KB subset made once and committed with its licence
# (the command is in data/fonts/LICENSE): the PDFs do not depend on the machine's DejaVu.
FORM_FONT = Path(__file__).resolve().parents[2] / "data" / "fonts" / "handbook-form.ttf"


class PdfError(PluginError):
    """A PDF could not be made; the message names the page or file (one line, no traceback)."""


def form_font_face() -> Markup:
    """The form font as a ``data:`` URL: in the document, so in the PDF cache's key."""
    try:
        encoded = base64.b64encode(FORM_FONT.read_bytes()).decode("ascii")
    except OSError as exc:
        raise PdfError(f"checklist PDFs: {FORM_FONT}: {exc.strerror}") from None
    # Trusted: a constant family name and base64 text.
    return Markup(  # noqa: S704
        '@font-face { font-family: "Handbook Form"; '
        f'src: url(data:font/ttf;base64,{encoded}) format("truetype"); }}'
    )


DOCUMENT = Markup(
    '<!doctype html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n<title>{}</title>\n'
    "<style>\n{}\n</style>\n</head>\n<body>\n{}\n</body>\n</html>\n"
)


def document(title: str, body: Markup, *css: str, font_face: Markup | None = None) -> str:
    """A complete, self-contained HTML document for WeasyPrint."""
    # Trusted: the project's own stylesheets, not data.
    sheets = [Markup((TEMPLATES / n).read_text(encoding="utf-8")) for n in ("pdf-base.css", *css)]  # noqa: S704
    style = Markup("\n").join([font_face, *sheets] if font_face else sheets)
    return str(DOCUMENT.format(title, style, body))


def write_pdf(html: str, target: Path, base_url: Path, forms: bool = False) -> None:
    """Render ``html`` to ``target``, loading only files in the site and the templates (no
    other file, no network); any other resource stops the build with one line naming it."""
    from urllib.parse import urlsplit
    from urllib.request import url2pathname

    from weasyprint import HTML  # imported late: loading pango is slow
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetchingError

    allowed = (base_url.resolve(), TEMPLATES.resolve())

    class SiteOnlyFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            parts = urlsplit(url)
            if parts.scheme.lower() == "data":
                return super().fetch(url, headers)
            if parts.scheme.lower() == "file" and parts.netloc in ("", "localhost"):
                path = Path(url2pathname(parts.path))
                if path.is_absolute() and any(path.resolve().is_relative_to(f) for f in allowed):
                    return super().fetch(url, headers)
            raise FatalURLFetchingError(f"'{url[:200]}' is outside the built site")

    target.parent.mkdir(parents=True, exist_ok=True)
    fetcher = SiteOnlyFetcher(allowed_protocols=["file", "data"], fail_on_errors=True)
    try:
        HTML(string=html, base_url=str(base_url), url_fetcher=fetcher).write_pdf(
            target, pdf_forms=forms, pdf_variant=tagging.VARIANT, finisher=tagging.finish
        )
    except (URLFetchingError, FatalURLFetchingError) as exc:
        reason = " ".join(str(exc).split())
        raise PdfError(f"{target.name}: a resource could not be loaded: {reason}") from None
