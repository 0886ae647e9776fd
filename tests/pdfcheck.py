"""A PDF as assistive technology reads it: the structure tree with the text each element
holds, the outline, the form fields in tab order, what is left out as an artefact, and
the PDF/UA-1 checker's findings.

pikepdf reads the objects; pypdf decodes the text of each marked-content sequence (its
text visitor, told where each sequence starts and ends), ligatures spelt out as in
tests/pdftext.py. :func:`problems` is every check the tests make on every PDF.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import pikepdf
from pypdf import PageObject, PdfReader

from tests.pdftext import LIGATURES, while_unchanged

#: The marked-content "MCID" of text in an artefact, and of text in no sequence at all.
ARTIFACT, UNMARKED = -1, -2
#: The checker (PyPI pdfua) and the standard it checks.
CHECKER, STANDARD = "pdfua", "PDF/UA-1"
#: pdfua 0.1.3's empty-heading rule cannot run with pikepdf 10 (it asks an array for
#: ``is_integer``); :func:`problems` checks for empty headings itself.
BROKEN_RULES = {"UA-14-001"}
#: What :func:`problems` checks besides the checker's rules (the accessibility statement
#: lists these).
CHECKS = (
    "tagged, with document language en-GB, the title shown (DisplayDocTitle) and the "
    "PDF/UA identification in the XMP metadata",
    "headings in order with no level skipped, none empty, and the same as the outline (bookmarks)",
    "running heads, page numbers and the edition stamp marked as artefacts, and no "
    "content outside the structure tree",
    "tables with header cells that have a scope, lists with list items, figures with "
    "alternative text",
    "every link described in words; every form field named (/TU) and in a form "
    "element, with the tab order following the structure",
)


def normalise(text: str) -> str:
    return " ".join(text.translate(LIGATURES).split()).casefold()


def marked_text(page: PageObject) -> dict[int, str]:
    """The text of each marked-content sequence on ``page`` by MCID (and ARTIFACT, UNMARKED)."""
    stack: list[int] = []
    texts: dict[int, str] = defaultdict(str)

    def before(op: bytes, args: list[Any], cm: Any, tm: Any) -> None:
        if op in (b"BDC", b"BMC"):
            props: Any = args[1] if op == b"BDC" else None
            if args[0] == "/Artifact" or ARTIFACT in stack:
                stack.append(ARTIFACT)
            elif hasattr(props, "get") and props.get("/MCID") is not None:
                stack.append(int(props["/MCID"]))
            else:
                stack.append(UNMARKED)
        elif op == b"EMC":
            stack.pop()

    def text(value: str, *_: Any) -> None:
        texts[stack[-1] if stack else UNMARKED] += value

    page.extract_text(visitor_operand_before=before, visitor_text=text)
    return dict(texts)


@dataclass
class Element:
    role: str  # "H1", "P", "Link", ...
    obj: pikepdf.Dictionary
    page: int | None
    mcids: list[int] = field(default_factory=list)
    objects: list[pikepdf.Object] = field(default_factory=list)  # annotations (/OBJR)
    children: list[Element] = field(default_factory=list)
    text: str = ""

    def walk(self) -> Iterator[Element]:
        yield self
        for child in self.children:
            yield from child.walk()


class TaggedPdf:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.pdf = pikepdf.open(path)
        self.page_numbers = {p.objgen: n for n, p in enumerate(self.pdf.pages)}
        self.marked = [marked_text(page) for page in PdfReader(path).pages]
        root = self.pdf.Root.get("/StructTreeRoot")
        self.tree = None if root is None else self.element(kids(root)[0], None)

    def element(self, obj: Any, page: int | None) -> Element:
        if "/Pg" in obj:
            page = self.page_numbers[obj.Pg.objgen]
        node = Element(str(obj.S)[1:], obj, page)
        parts = []
        for kid in kids(obj):
            if isinstance(kid, int):
                node.mcids.append(kid)
                parts.append(self.marked[page].get(kid, "") if page is not None else "")
            elif kid.get("/Type") == "/OBJR":
                node.objects.append(kid.Obj)
            elif kid.get("/Type") == "/MCR":
                raise AssertionError(f"{self.path.name}: marked-content references are not read")
            else:
                child = self.element(kid, page)
                node.children.append(child)
                parts.append(child.text)
        node.text = "".join(parts)
        return node

    def elements(self) -> Iterator[Element]:
        return self.tree.walk() if self.tree else iter(())

    def headings(self) -> list[tuple[int, str]]:
        return [
            (int(e.role[1]), normalise(e.text))
            for e in self.elements()
            if re.fullmatch(r"H[1-6]", e.role)
        ]

    def outline(self) -> list[tuple[int, str]]:
        found: list[tuple[int, str]] = []

        def walk(item: Any, level: int) -> None:
            while item is not None:
                found.append((level, normalise(str(item.Title))))
                if "/First" in item:
                    walk(item.First, level + 1)
                item = item.get("/Next")

        outlines = self.pdf.Root.get("/Outlines")
        if outlines is not None and "/First" in outlines:
            walk(outlines.First, 1)
        return found

    def annotations(self, subtype: str) -> list[tuple[int, Any]]:
        return [
            (n, annot)
            for n, page in enumerate(self.pdf.pages)
            for annot in page.obj.get("/Annots", [])
            if annot.get("/Subtype") == subtype
        ]

    def fields(self) -> list[Any]:
        """The form fields in tab order: the order of their form elements in the tree."""
        return [o for e in self.elements() if e.role == "Form" for o in e.objects]

    def artifact_text(self, page: int) -> str:
        return normalise(self.marked[page].get(ARTIFACT, ""))

    def tagged_text(self) -> str:
        return normalise(self.tree.text) if self.tree else ""

    def metadata(self) -> dict[str, str]:
        meta = self.pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False)
        return {key: str(meta.get(key, "")) for key in ("pdfuaid:part", "dc:title")}


def kids(obj: Any) -> list[Any]:
    value = obj.get("/K")
    if value is None:
        return []
    return list(value) if isinstance(value, pikepdf.Array) else [value]


def checker_findings(path: Path) -> list[str]:
    """The PDF/UA-1 checker's errors and warnings (and any rule it could not run)."""
    from pdfua import Severity, validate

    report = validate(str(path))
    found = [
        f"{f.rule_id} {f.severity.name.lower()}: {f.message} ({f.location.describe()})"
        for f in report.findings
        if f.severity >= Severity.WARNING
    ]
    found += [
        f"{o.rule_id} did not run: {o.skipped_reason}"
        for o in report.skipped
        if o.rule_id not in BROKEN_RULES
    ]
    return found


def checker_version() -> str:
    import pdfua

    return f"{CHECKER} {pdfua.__version__}"


tagged = while_unchanged(TaggedPdf)


def problems(path: Path) -> list[str]:
    """Everything wrong with ``path`` as a tagged PDF/UA-1 file: the checker's findings and
    the project's own checks (:data:`CHECKS`)."""
    doc = tagged(path)
    found = checker_findings(path)
    if doc.tree is None:
        return [*found, "no structure tree"]
    found += document_problems(doc)
    found += heading_problems(doc)
    found += content_problems(doc)
    found += element_problems(doc)
    found += annotation_problems(doc)
    return found


def document_problems(doc: TaggedPdf) -> list[str]:
    root: Any = doc.pdf.Root
    found = []
    if str(root.get("/Lang", "")) != "en-GB":
        found.append(f"/Lang is {root.get('/Lang')!r}, not en-GB")
    if root.get("/ViewerPreferences", pikepdf.Dictionary()).get("/DisplayDocTitle") is not True:
        found.append("/ViewerPreferences/DisplayDocTitle is not true")
    if root.get("/MarkInfo", pikepdf.Dictionary()).get("/Marked") is not True:
        found.append("/MarkInfo/Marked is not true")
    meta = doc.metadata()
    if meta["pdfuaid:part"] != "1":
        found.append(f"XMP pdfuaid:part is {meta['pdfuaid:part']!r}, not 1")
    title = str(doc.pdf.docinfo.get("/Title", ""))
    if not title or meta["dc:title"] != title:
        found.append(f"title {title!r} and XMP dc:title {meta['dc:title']!r} differ or are empty")
    return found


def heading_problems(doc: TaggedPdf) -> list[str]:
    headings, found, level = doc.headings(), [], 0
    for depth, text in headings:
        if not text:
            found.append(f"empty H{depth}")
        if depth > level + 1:
            found.append(f"H{depth} {text!r} follows H{level}: a level skipped")
        level = depth
    outline = doc.outline()
    deepest = max((d for d, _ in outline), default=0)
    if [h for h in headings if h[0] <= deepest] != outline:
        found.append(f"headings {headings} are not the outline {outline}")
    return found


def content_problems(doc: TaggedPdf) -> list[str]:
    """Every marked-content sequence belongs to an element of the tree; the rest of the
    content is an artefact; page furniture ("Page n of N") is an artefact, not content."""
    found = []
    in_tree = {(e.page, m) for e in doc.elements() for m in e.mcids}
    for n, page in enumerate(doc.pdf.pages):
        for operands, _ in cast(Any, pikepdf.parse_content_stream(page, "BDC")):
            props = operands[1]
            mcid = props.get("/MCID") if isinstance(props, pikepdf.Dictionary) else None
            if mcid is not None and (n, int(mcid)) not in in_tree:
                found.append(f"page {n + 1}: MCID {int(mcid)} is in no element")
        if doc.marked[n].get(UNMARKED, "").strip():
            found.append(f"page {n + 1}: text outside any marked content")
        number = f"page {n + 1} of {len(doc.pdf.pages)}"
        if n and number not in doc.artifact_text(n):  # the first page may be a cover
            found.append(f"page {n + 1}: the page number is not an artefact")
    if re.search(r"page \d+ of \d+", doc.tagged_text()):
        found.append("a page number is in the structure tree")
    return found


def element_problems(doc: TaggedPdf) -> list[str]:
    found = []
    for e in doc.elements():
        roles = [c.role for c in e.children]
        if e.role == "Table" and "TH" not in [c.role for c in e.walk()]:
            found.append(f"table on page {e.page} has no header cell")
        if e.role == "TH" and "/Scope" not in e.obj.get("/A", {}):
            found.append(f"header cell {normalise(e.text)!r} has no /Scope")
        if e.role == "L" and not roles:
            found.append(f"list on page {e.page} has no items")
        if e.role == "LI" and "LBody" not in roles:
            found.append(f"list item {normalise(e.text)!r} has no body")
        if e.role == "Figure" and not str(e.obj.get("/Alt", "")).strip():
            found.append(f"figure on page {e.page} has no alternative text")
    return found


def annotation_problems(doc: TaggedPdf) -> list[str]:
    """Links: described, in a Link element; fields: named (/TU), in a Form element; the tab
    order of each page with fields follows the structure."""
    found = []
    tagged = {
        o.objgen: e.role for e in doc.elements() for o in e.objects if e.role in ("Link", "Form")
    }
    # The words of every link, in order (a link broken across pages is one run of words)
    link_words = re.sub(
        r"\s", "", normalise("".join(e.text for e in doc.elements() if e.role == "Link"))
    )
    for n, link in doc.annotations("/Link"):
        words = re.sub(r"\s", "", normalise(str(link.get("/Contents", ""))))
        if not words or words not in link_words:
            found.append(f"page {n + 1}: link {link.get('/Contents')!r} is not described in words")
        if tagged.get(link.objgen) != "Link":
            found.append(f"page {n + 1}: link {link.get('/Contents')!r} is in no Link element")
    for n, widget in doc.annotations("/Widget"):
        if not str(widget.get("/TU", "")).strip():
            found.append(f"page {n + 1}: field {widget.get('/T')!r} has no /TU")
        if tagged.get(widget.objgen) != "Form":
            found.append(f"page {n + 1}: field {widget.get('/T')!r} is in no Form element")
        if doc.pdf.pages[n].obj.get("/Tabs") != "/S":
            found.append(f"page {n + 1}: the tab order does not follow the structure")
    return found
