"""Tagged PDF/UA-1: what WeasyPrint's ``pdf/ua-1`` variant leaves to do.

WeasyPrint tags the document (structure tree, ``/Lang`` from ``<html lang>``, the title
with ``DisplayDocTitle``, XMP with ``pdfuaid:part``, each form field's ``/TU`` from its
``title``, tab order by structure). :func:`finish` runs on its PDF objects just before they
are written (WeasyPrint's ``finisher``):

- the margin boxes (running head, edition stamp, page numbers) are marked content outside
  the structure tree: they become pagination artefacts, and so does an image without
  alternative text (``alt=""``: decorative);
- a link's annotation is in its ``/Link`` element, also when its words are in an element
  of their own;
- a table's header cells get a ``/Scope``: column in a row of header cells, else row;
- a link's description (``/Contents``) is its words, not its target's address or id.

All of it is deterministic: the same HTML gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

VARIANT = "pdf/ua-1"


class Tree:
    """The structure tree of a PDF WeasyPrint is about to write (pydyf objects)."""

    def __init__(self, pdf: Any) -> None:
        self.pdf = pdf
        root = self.get(pdf.catalog["StructTreeRoot"])
        self.document = self.get(root["K"][0])
        self.nums = self.get(root["ParentTree"])["Nums"]
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

    def links_hold_their_annotations(self) -> None:
        """A link's annotation (its ``/OBJR``) belongs in its ``/Link`` element: WeasyPrint
        puts it in the element of the box that carries it, a ``/NonStruct`` inside the link
        when the link's words are in an element of their own (``<a><abbr>``)."""
        for link in (e for e in self.elements if e["S"] == "/Link"):
            for inner in list(self.walk(link))[1:]:
                moved = [k for k in inner["K"] if isinstance(k, bytes) and "Obj" in self.get(k)]
                if inner["S"] == "/Link" or not moved:
                    continue
                inner["K"] = pydyf_array([k for k in inner["K"] if k not in moved])
                link["K"].extend(moved)
                for ref in moved:  # the parent tree names the annotation's element
                    key = self.get(self.get(ref)["Obj"])["StructParent"]
                    self.nums[self.nums.index(key) + 1] = link.reference

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


def describe_links(document: Any) -> None:
    """Each link annotation's description (``/Contents``): the link's words, as printed."""
    import pydyf

    for page in document.pages:
        for _, target, _, box in page.links:
            annotation = getattr(box, "link_annotation", None)
            if annotation is not None and box.element is not None:
                words = " ".join("".join(box.element.itertext()).split())
                annotation["Contents"] = pydyf.String(words or target)


def finish(document: Any, pdf: Any) -> None:
    """WeasyPrint's ``finisher``: runs on the tagged PDF's objects before they are written."""
    tree = Tree(pdf)
    tree.furniture_as_artifacts()
    tree.links_hold_their_annotations()
    tree.header_scope()
    describe_links(document)
