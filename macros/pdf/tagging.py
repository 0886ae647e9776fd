"""Tagged PDF/UA-1: what WeasyPrint's ``pdf/ua-1`` variant leaves to do.

WeasyPrint tags the document (structure tree, ``/Lang`` from ``<html lang>``, the title
with ``DisplayDocTitle``, XMP with ``pdfuaid:part``, each form field's ``/TU`` from its
``title``, tab order by structure). :func:`finish` runs on its PDF objects just before they
are written (WeasyPrint's ``finisher``):

- the margin boxes (running head, edition stamp, page numbers) are marked content outside
  the structure tree: they become pagination artefacts, and so does an image without
  alternative text (``alt=""``: decorative);
- a table's header cells get a ``/Scope``: column in a row of header cells, else row;
- a link's description (``/Contents``) is its words, not its target's address or id;
- elements without meaning of their own (one ``/Span`` per line of text, wrappers) give
  their content to their parent, and the objects nothing refers to any more are left out:
  the tags take fewer than half the objects WeasyPrint makes for them.

All of it is deterministic: the same HTML gives the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

VARIANT = "pdf/ua-1"
#: Elements that mean nothing to a reader when they have no attributes: their content
#: can belong to their parent.
NEUTRAL = {"/Span", "/Div", "/NonStruct"}
ELEMENT_KEYS = {"Type", "S", "K", "Pg", "P"}


class Tree:
    """The structure tree of a PDF WeasyPrint is about to write (pydyf objects)."""

    def __init__(self, pdf: Any) -> None:
        self.pdf = pdf
        root = self.get(pdf.catalog["StructTreeRoot"])
        self.document = self.get(root["K"][0])
        self.nums = self.get(root["ParentTree"])["Nums"]
        self.pages = {ref: n for n, ref in enumerate(pdf.page_references)}
        self.decorative_images(list(self.walk(self.document)))
        self.elements = list(self.walk(self.document))
        self.reachable = {id(e) for e in self.elements}

    def get(self, ref: bytes) -> Any:
        return self.pdf.objects[int(ref.split()[0])]

    def kids(self, element: Any) -> Iterator[Any]:
        """The child structure elements (not marked content, not annotations)."""
        for kid in element["K"]:
            if isinstance(kid, bytes):
                obj = self.get(kid)
                if "S" in obj:  # not an /OBJR
                    yield obj

    def walk(self, element: Any) -> Iterator[Any]:
        yield element
        for kid in self.kids(element):
            yield from self.walk(kid)

    def parents(self, page: int) -> Any:
        """The page's marked-content parents: the element of each MCID, by MCID."""
        return self.nums[2 * page + 1]

    def decorative_images(self, elements: list[Any]) -> None:
        """An image without alternative text leaves the tree (its content becomes an
        artefact below): on the built pages, which pass axe, that is ``alt=""``."""
        for element in elements:
            kept = [k for k in element["K"] if not self.decorative(k)]
            if len(kept) != len(element["K"]):
                element["K"] = pydyf_array(kept)

    def decorative(self, kid: Any) -> bool:
        if not isinstance(kid, bytes):
            return False
        obj = self.get(kid)
        return obj.get("S") == "/Figure" and "Alt" not in obj

    def furniture_as_artifacts(self) -> None:
        """Marked content whose element is not in the tree (the margin boxes: WeasyPrint
        maps their text but never links it in) becomes an artefact."""
        for page, ref in enumerate(self.pdf.page_references):
            parents = self.parents(page)
            loose = {
                mcid
                for mcid, parent in enumerate(parents)
                if isinstance(parent, bytes) and id(self.get(parent)) not in self.reachable
            }
            if not loose:
                continue
            stream = self.get(self.get(ref)["Contents"]).stream
            for i, item in enumerate(stream):
                if isinstance(item, dict) and item.get("MCID") in loose:
                    parents[item["MCID"]] = "null"
                    kind = "/Layout" if stream[i - 1] == "/Figure" else "/Pagination"
                    stream[i - 1] = "/Artifact"
                    item.clear()
                    item["Type"] = kind

    def compact(self) -> None:
        """Fewer, smaller elements, the same tree for a reader: an element without meaning of
        its own (a ``/Span`` per line of text, and ``/Span``, ``/Div`` and ``/NonStruct``
        wrappers without attributes) gives its children to its parent; an annotation's
        ``/OBJR`` is written in place; ``/Type /StructElem`` (optional) is left out, and
        ``/Pg`` where the element holds no content of its own."""
        for element in reversed(self.elements):  # children before their parents
            kids = []
            for kid in element["K"]:
                obj = self.get(kid) if isinstance(kid, bytes) else None
                if obj is not None and obj.get("Type") == "/OBJR":
                    obj.pop("Pg", None)  # the element's page
                    kids.append(obj)
                elif obj is not None and self.neutral(obj, element):
                    for grandchild in obj["K"]:
                        self.adopt(element, grandchild)
                        kids.append(grandchild)
                else:
                    kids.append(kid)
            element["K"] = pydyf_array(kids)
            element.pop("Type", None)
            if not any(isinstance(k, int | dict) for k in kids):
                element.pop("Pg", None)
        self.elements = list(self.walk(self.document))

    @staticmethod
    def neutral(obj: Any, parent: Any) -> bool:
        """An element that can give its children to ``parent`` (which must name a page for
        its marked content)."""
        return (
            obj["S"] in NEUTRAL
            and set(obj) <= ELEMENT_KEYS
            and ("Pg" in parent or not any(isinstance(k, int) for k in obj["K"]))
        )

    def adopt(self, parent: Any, kid: Any) -> None:
        """``kid`` (an MCID, an element, an object reference) now belongs to ``parent``."""
        if isinstance(kid, int):
            self.parents(self.pages[parent["Pg"]])[kid] = parent.reference
        elif isinstance(kid, bytes):
            self.get(kid)["P"] = parent.reference

    def header_scope(self) -> None:
        """``/TH`` cells: ``/Column`` in a row of header cells (a table head), else ``/Row``."""
        for element in self.elements:
            if element["S"] == "/TR":
                cells = list(self.kids(element))
                scope = "/Column" if all(c["S"] == "/TH" for c in cells) else "/Row"
                for cell in cells:
                    if cell["S"] == "/TH":
                        cell["A"]["Scope"] = scope


def pydyf_array(items: list[Any]) -> Any:
    import pydyf

    return pydyf.Array(items)


#: Decimal places kept in a link's rectangle: a hundredth of a point (0.004 mm). WeasyPrint
#: writes six, which over the handbook's 1,256 links cost 3.9 KB for nothing visible.
RECT_PLACES = 2


def finish_links(document: Any) -> None:
    """Each link annotation's rectangle (``/Rect``) to a hundredth of a point, and its
    description (``/Contents``): the link's words, as printed."""
    import pydyf

    for page in document.pages:
        for _, target, _, box in page.links:
            annotation = getattr(box, "link_annotation", None)
            if annotation is None:
                continue
            annotation["Rect"] = pydyf.Array(round(v, RECT_PLACES) for v in annotation["Rect"])
            if box.element is not None:
                words = " ".join("".join(box.element.itertext()).split())
                annotation["Contents"] = pydyf.String(words or target)


def finish(document: Any, pdf: Any) -> None:
    """WeasyPrint's ``finisher``: runs on the tagged PDF's objects before they are written."""
    tree = Tree(pdf)
    tree.furniture_as_artifacts()
    tree.header_scope()
    tree.compact()
    finish_links(document)
    Collector(pdf).collect()


REF = re.compile(rb"(\d+) 0 R")


class Collector:
    """Keeps only the objects the document refers to, numbered again in their order (what
    qpdf would do on saving): the elements and references the tree no longer uses go."""

    def __init__(self, pdf: Any) -> None:
        self.pdf = pdf
        self.rename: dict[int, int] | None = None
        self.done: set[int] = set()

    def refs(self, value: Any) -> Iterator[int]:
        """The object numbers ``value`` refers to; renamed in place once ``rename`` is set."""
        import pydyf

        if isinstance(value, pydyf.Stream):
            value = value.extra
        if isinstance(value, dict | list) and id(value) not in self.done:
            if self.rename is not None:
                self.done.add(id(value))
            keys = value.keys() if isinstance(value, dict) else range(len(value))
            for key in keys:
                item = value[key]
                if isinstance(item, bytes) and (match := REF.fullmatch(item)):
                    yield int(match[1])
                    if self.rename is not None:
                        value[key] = f"{self.rename[int(match[1])]} 0 R".encode()
                else:
                    yield from self.refs(item)

    def collect(self) -> None:
        objects, kids = self.pdf.objects, self.pdf.pages["Kids"]
        seen = {self.pdf.catalog.number, self.pdf.pages.number, *kids[::3]}
        todo = list(seen)
        while todo:
            for number in self.refs(objects[todo.pop()]):
                if number not in seen:
                    seen.add(number)
                    todo.append(number)
        kept = [o for o in objects[1:] if o.number in seen]
        self.rename = {o.number: n for n, o in enumerate(kept, start=1)}
        kids[::3] = [self.rename[k] for k in kids[::3]]  # the page tree: [n, 0, "R", ...]
        for obj in kept:
            for _ in self.refs(obj):
                pass
        for obj in kept:
            obj.number = self.rename[obj.number]
        objects[1:] = kept
