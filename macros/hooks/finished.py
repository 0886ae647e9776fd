"""The last check: every HTML file the build wrote (the theme's as much as the handbook's),
read back, so markup from any route (template, overlay, local page, theme upgrade) stops the
build. One line per file names its first problem: an inline script the CSP does not allow;
an element or attribute outside :data:`ELEMENTS` and :data:`ATTRIBUTES` (the one list to
change); an ``on…`` attribute; a ``<meta http-equiv>`` but the handbook's own policy; a URL
scheme not in :data:`URL_SCHEMES`; in overlay content, an id the theme or the handbook
uses (:data:`RESERVED_ID`, or the page's).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from macros.data.local_pages import LOCAL_PREFIX
from macros.hooks.security import inline_script_problem, meta_policy
from macros.render.sanitise import TAGS

#: Every element the theme and the handbook write today (a default build, the example
#: overlay, the offline copy), and what a local page's sanitiser lets through.
ELEMENTS = frozenset(
    {
        *("html", "head", "meta", "title", "link", "script", "body", "header", "main"),
        *("nav", "article", "aside", "section", "footer", "form", "fieldset", "legend"),
        *("label", "input", "button", "textarea", "img", "svg", "path", "time", "dialog"),
        *TAGS,
    }
)
#: Every attribute they write, on any element (html.parser gives names in lower case).
ATTRIBUTES = frozenset(
    {
        *("id", "class", "lang", "dir", "title", "hidden", "role", "tabindex", "for"),
        *("href", "rel", "src", "alt", "type", "defer", "charset", "name", "content"),
        *("http-equiv", "datetime", "open", "scope", "start", "colspan", "rowspan"),
        *("checked", "required", "maxlength", "placeholder", "accept", "rows", "method", "value"),
        *("autocapitalize", "autocomplete", "autocorrect", "spellcheck"),
        *("viewbox", "xmlns", "d"),
        *("aria-atomic", "aria-describedby", "aria-expanded", "aria-hidden"),
        *("aria-label", "aria-labelledby", "aria-live"),
        # Material's components
        *("data-md-color-accent", "data-md-color-media", "data-md-color-primary"),
        *("data-md-color-scheme", "data-md-component", "data-md-level"),
        *("data-md-scrollfix", "data-md-toggle", "data-md-type"),
        # The handbook's components (docs/assets/javascripts/)
        *("data-action", "data-app", "data-built", "data-changes", "data-checklist"),
        *("data-edition", "data-hb-palette", "data-label", "data-record"),
        *("data-record-checklist", "data-root", "data-search-exclude", "data-stamp"),
        *("data-total", "data-version"),
    }
)
#: Attributes a browser reads as a URL (srcset: several, comma-separated).
URL_ATTRIBUTES = frozenset(
    {
        *("href", "src", "srcset", "imagesrcset", "action", "formaction", "xlink:href"),
        *("poster", "cite", "data", "background", "ping", "manifest", "longdesc"),
        *("codebase", "usemap", "lowsrc", "dynsrc", "profile", "archive", "classid"),
    }
)
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
#: Ids of the theme (``__drawer``, ``__search``, ``md-…``) and of the handbook (``hb-…``),
#: but for the glossary tooltips a local page's term() calls bring (``hb-tip-1`` …).
RESERVED_ID = re.compile(r"^(?:__|md-|hb-(?!tip-[0-9]+$))")
CSP = "content-security-policy"


def scheme(url: str) -> str:
    """The scheme of ``url`` as a browser reads it, in lower case ("": none). urlsplit drops
    what a browser drops (tabs, line breaks, leading C0 controls and spaces); cut at the
    first "/", no host is left for it to reject ("http://[x" raises)."""
    return urlsplit(url.partition("/")[0]).scheme


class _Page(HTMLParser):
    """One page read back: its problems, and the ids inside and outside local content
    (``region``: the element that holds local content, and how deep in it we are)."""

    def __init__(self, local_page: bool) -> None:
        # Text is never looked at (attribute values are unescaped all the same).
        super().__init__(convert_charrefs=False)
        self.local_page = local_page
        self.problems: list[str] = []
        self.ids: dict[bool, dict[str, str]] = {True: {}, False: {}}
        self.region: tuple[str, int] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if self.region is not None and self.region[0] == tag:
            self.region = (tag, self.region[1] + 1)
        elif self.region is None and (
            (tag == "article" and self.local_page)
            or (tag == "aside" and "hb-practice-note" in (values.get("class") or "").split())
        ):
            self.region = (tag, 1)
        if tag not in ELEMENTS:
            self.problems.append(f"<{tag}>: element not in the allow-list")
        for name, value in attrs:
            self._attribute(tag, name, value or "")
        if tag == "meta" and "http-equiv" in values:
            kind = (values["http-equiv"] or "").lower()
            if kind != CSP or values.get("content") != meta_policy():
                self.problems.append(
                    f'<meta http-equiv="{kind[:40]}">: only the handbook\'s own '
                    "Content-Security-Policy may be a meta http-equiv"
                )

    def _attribute(self, tag: str, name: str, value: str) -> None:
        where = f"<{tag} {name}>"
        if name.startswith("on"):
            self.problems.append(f"{where}: event handler attribute")
        elif name not in ATTRIBUTES:
            self.problems.append(f"{where}: attribute not in the allow-list")
        if name in URL_ATTRIBUTES:
            urls = [value]
            if name in ("srcset", "imagesrcset"):  # "url 2x, url 480w": the URLs alone
                urls = [p.split()[0] for p in value.split(",") if p.split()]
            for url in urls:
                found = scheme(url)
                if found and found not in URL_SCHEMES:
                    self.problems.append(f"{where}: URL scheme '{found[:20]}:' not allowed")
        if name == "id":
            local = self.region is not None
            self.ids[local].setdefault(value, where)
            if local and RESERVED_ID.match(value):
                self.problems.append(
                    f"{where}: id {value[:40]!r} is the theme's or the handbook's own, "
                    "in local content"
                )

    def handle_endtag(self, tag: str) -> None:
        if self.region is not None and self.region[0] == tag:
            depth = self.region[1] - 1
            self.region = (tag, depth) if depth else None

    def first_problem(self) -> str | None:
        for value, where in self.ids[True].items():
            if value in self.ids[False]:
                self.problems.append(
                    f"{where}: id {value[:40]!r} is used by the page around the local content"
                )
        return self.problems[0] if self.problems else None


def check_site(site: Path) -> list[str]:
    """One line for each HTML file of ``site`` with a problem: the file and its first."""
    problems = []
    for path in sorted(p for p in site.rglob("*.htm*") if p.suffix in (".html", ".htm")):
        name = path.relative_to(site).as_posix()
        html = path.read_text(encoding="utf-8", errors="replace")
        page = _Page(name.startswith(LOCAL_PREFIX))
        page.feed(html)
        page.close()
        found = inline_script_problem(html) or page.first_problem()
        if found is not None:
            problems.append(f"finished site: {name}: {found} (macros/hooks/finished.py)")
    return problems
