"""An overlay's local pages, read and checked before any page is built.

A local page never reaches a template engine: each ``{{ term("…"[, "text"]) }}`` becomes a
placeholder word that macros/hooks/local_hooks.py turns into the glossary link after the
page is rendered and sanitised; any other ``{{`` or ``{%`` is refused. Front matter holds
only a ``title`` (MkDocs reads the handbook's own, ``render_macros: false``, first). Size,
``[`` runs and nesting are bounded: Python-Markdown is quadratic in unclosed ``[`` and
recursive in nested lists, and later steps walk raw HTML recursively (a few thousand
nested elements stopped the build with a traceback).
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from itertools import count, pairwise
from pathlib import Path

from .files import DataError, fail, read_text, read_yaml_text, validate
from .loading import first_link, overlay_folder, shown
from .local_models import LocalOverlay, LocalPageMeta
from .units import VOID, names

LOCAL_PREFIX = "local/"  # where local pages live in the built site
MAX_PAGE_BYTES = 128 * 1024  # a long local page is a few KB
MAX_BRACKETS = 100  # "[" in one block: Python-Markdown's link search is quadratic in them
MAX_INDENT = 80  # columns of leading white space (about 20 nested list levels)
MAX_MARKERS = 20  # block quote and list markers at the start of one line
# All local pages together: the handbook PDF lays out every one (about 5 s per 128 KiB of
# plain text; macros/pdf/book.py bounds their HTML elements, which cost far more).
MAX_LOCAL_BYTES = 512 * 1024
MAX_HTML_DEPTH = 40  # a real page nests a few levels: a table in a list in a details block
# Elements that hold no others, and those the next of their kind ends: neither nests.
FLAT = VOID | names(
    "base track p li dt dd tr td th option optgroup thead tbody tfoot colgroup caption rb rt rp"
)

FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
TERM_CALL = re.compile(
    r"""\{\{-?[ \t]*term\([ \t]*(?P<q1>["'])(?P<name>[^"'{}\\\n]{1,200})(?P=q1)"""
    r"""(?:[ \t]*,[ \t]*(?P<q2>["'])(?P<text>[^"'{}\\\n]{1,200})(?P=q2))?[ \t]*\)[ \t]*-?\}\}"""
)
JINJA = re.compile(r"\{\{|\{%")
# As Python-Markdown reads them: no space is needed after the #s, and a heading may stand
# in a quote or a list (the rendered page is checked too: macros/hooks/local_hooks.py).
ATX_HEADING = re.compile(r"^#")
SETEXT_RULE = re.compile(r"^(?:=+|-+)[ \t]*$")
MARKERS = re.compile(r"[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))")


@dataclass(frozen=True)
class TermCall:
    name: str
    text: str
    source: str  # the call as written (shown as it is inside code)
    line: int  # where it is in the file


@dataclass(frozen=True)
class LocalSource:
    """One local page; ``markdown`` (what MkDocs reads) has the i-th term call replaced by
    ``hbterm<token>n<i>x`` after the handbook's front matter."""

    src_uri: str
    label: str  # the file as messages name it
    title: str  # the overlay's title: the navigation
    meta_title: str | None  # the page's own front-matter title: the browser tab
    markdown: str
    terms: tuple[TermCall, ...]
    token: str


def destination(src_uri: str) -> str:
    """The address a source path gets (``a/index.md``, ``a/README.md`` and ``a.md`` are all
    ``a/``), case-folded: two local pages with the same one would overwrite each other."""
    stem = re.sub(r"(?:^|/)(?:index|readme)\Z", "", src_uri.removesuffix(".md"), flags=re.I)
    return f"{stem.casefold()}/" if stem else ""


def _front_matter(text: str, label: str) -> tuple[str | None, str]:
    match = FRONT_MATTER.match(text)
    if match is None:
        return None, text
    # A leading newline makes YAML's line numbers the file's (the front matter starts on 2).
    data = read_yaml_text("\n" + (match.group(1) or ""), label)
    if not isinstance(data, dict | None):
        raise DataError(f"{label}: front matter: expected 'title: ...' or nothing")
    meta = validate(LocalPageMeta, data or {}, f"{label}: front matter")
    return meta.title, text[match.end() :]


def _markers(line: str) -> tuple[int, str]:
    count = 0
    while (m := MARKERS.match(line)) is not None:
        count += 1
        line = line[m.end() :]
    return count, line.strip()


class _Depth(HTMLParser):
    """The line where raw HTML first nests deeper than :data:`MAX_HTML_DEPTH`, if it does."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.too_deep: int | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in FLAT or self.too_deep is not None:
            return
        self.open.append(tag)
        if len(self.open) > MAX_HTML_DEPTH:
            self.too_deep = self.getpos()[0]

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:  # closes everything opened after the last one of its kind
            while self.open.pop() != tag:
                pass


def _problems(body: str, label: str, first_line: int, known: Sequence[str]) -> list[str]:
    """Deep nesting, long runs of '[', anything but a term call, a term call in a heading,
    an unknown term."""
    problems: list[str] = []
    start = first_line
    for block in re.split(r"\n[ \t]*\n", body):
        if block.count("[") > MAX_BRACKETS:
            problems.append(
                f"{label}: line {start}: more than {MAX_BRACKETS} '[' in one paragraph "
                "(split it into several)"
            )
            break
        start += block.count("\n") + 2
    names = {n.casefold() for n in known}
    deep = False  # said once, at the first line nested too deeply
    for number, (line, below) in enumerate(pairwise([*body.split("\n"), ""]), first_line):
        indent = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())
        if not deep and (deep := indent > MAX_INDENT or _markers(line)[0] > MAX_MARKERS):
            problems.append(
                f"{label}: line {number}: nested too deeply (at most {MAX_INDENT} columns "
                f"of indentation and {MAX_MARKERS} quote or list markers at the start of a line)"
            )
        if JINJA.search(TERM_CALL.sub("", line)):
            problems.append(
                f'{label}: line {number}: only {{{{ term("...") }}}} may be used in a local '
                "page; other {{ ... }} and {% ... %} are not allowed"
            )
        calls = list(TERM_CALL.finditer(line))
        text = _markers(line)[1] if calls else ""
        if ATX_HEADING.match(text) or (text and SETEXT_RULE.match(_markers(below)[1])):
            problems.append(f"{label}: line {number}: term() is for running text, not headings")
        problems += [
            f"{label}: line {number}: term('{c.group('name')}'): not in the glossary"
            for c in calls
            if c.group("name").strip().casefold() not in names
        ]
    return problems


def read_page(
    path: Path,
    label: str,
    src_uri: str,
    title: str,
    glossary_names: Sequence[str],
    raw_html: bool = False,
) -> LocalSource:
    """One local page, checked; with ``raw_html`` its HTML's nesting is bounded too."""
    text = read_text(path, label, limit=MAX_PAGE_BYTES)
    if text.startswith("\ufeff"):  # it would hide the front matter from the checks below
        raise DataError(
            f"{label}: line 1: starts with a byte-order mark (U+FEFF): save the file as "
            "UTF-8 without one"
        )
    meta_title, body = _front_matter(text, label)
    first_line = text.count("\n", 0, len(text) - len(body)) + 1
    problems = _problems(body, label, first_line, glossary_names)
    if raw_html and (line := _Depth("\n" * (first_line - 1) + body).too_deep) is not None:
        problems.append(
            f"{label}: line {line}: HTML elements nested more than {MAX_HTML_DEPTH} deep"
        )
    fail(problems)
    token = secrets.token_hex(6)
    calls = tuple(
        TermCall(
            m.group("name").strip(),
            (m.group("text") or m.group("name")).strip(),
            m.group(0),
            first_line + body.count("\n", 0, m.start()),
        )
        for m in TERM_CALL.finditer(body)
    )
    number = count()
    body = TERM_CALL.sub(lambda _: f"hbterm{token}n{next(number)}x", body)
    markdown = "---\nrender_macros: false\n---\n\n" + body
    return LocalSource(src_uri, label, title, meta_title, markdown, calls, token)


def local_pages(
    overlay: LocalOverlay, overlay_path: Path, root: Path, glossary_names: Sequence[str]
) -> list[LocalSource]:
    own = overlay_folder(overlay_path)
    folder = own.resolve()
    shown_folder = shown(own, root)
    out: list[LocalSource] = []
    problems: list[str] = []
    seen: dict[str, str] = {}
    total = 0  # bytes of every local page so far
    for i, page in overlay.numbered("pages"):
        where = overlay.at(shown(overlay_path, root), "pages", i, "file")
        dest = destination(page.file)
        if link := first_link(own, page.file, root):  # before resolve() follows any link
            problems.append(f"{where}: {link}")
        elif not (path := (folder / page.file).resolve()).is_relative_to(folder):
            problems.append(
                f"{where}: '{page.file}' is outside the overlay's own folder {shown_folder}/"
            )
        elif not path.is_file():
            problems.append(f"{where}: no such file '{page.file}' in {shown_folder}/")
        elif dest in seen:
            problems.append(
                f"{where}: '{page.file}' would have the same address as '{seen[dest]}' "
                f"(local/{dest})"
            )
        else:
            seen[dest] = page.file
            args = (path, shown(path, root), LOCAL_PREFIX + page.file, page.title, glossary_names)
            try:
                out.append(read_page(*args, overlay.allow_raw_html))
            except DataError as exc:
                problems.append(str(exc))
                continue
            total += path.stat().st_size
            if total > MAX_LOCAL_BYTES:
                problems.append(
                    f"{shown(path, root)}: the local pages up to this one are {total:,} bytes "
                    f"together; the limit for all of them is {MAX_LOCAL_BYTES:,} (the handbook "
                    "PDF lays out every one)"
                )
                break
    fail(problems)
    return out
