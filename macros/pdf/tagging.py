"""Tagged PDF/UA-1: what WeasyPrint's ``pdf/ua-1`` variant (structure tree, ``/Lang``,
title, XMP, fields' ``/TU``) leaves to do, in its ``finisher``. Deterministic."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pydyf

VARIANT = "pdf/ua-1"


class Tree:
    """The structure tree of a PDF WeasyPrint is about to write (pydyf objects)."""

    def __init__(self, pdf: Any) -> None:
        self.pdf = pdf
        root = self.get(pdf.catalog["StructTreeRoot"])
        self.document = self.get(root["K"][0])
        self.nums = self.get(root["ParentTree"])["Nums"]
        # An image without alternative text (on the built pages, which pass axe: alt="")
        # leaves the tree; its content becomes an artefact below.
        for element in list(self.walk(self.document)):
            kept = [k for k in element["K"] if not self.decorative(k)]
            if len(kept) != len(element["K"]):
                element["K"] = pydyf.Array(kept)
        self.elements = list(self.walk(self.document))
        self.reachable = {id(e) for e in self.elements}

    def get(self, ref: bytes) -> Any:
        return self.pdf.objects[int(ref.split()[0])]

    def decorative(self, kid: Any) -> bool:
        obj = self.get(kid) if isinstance(kid, bytes) else {}
        return obj.get("S") == "/Figure" and "Alt" not in obj

    def kids(self, element: Any) -> Iterator[Any]:
        """The child structure elements (not marked content, not annotations' /OBJR)."""
        return (o for k in element["K"] if isinstance(k, bytes) and "S" in (o := self.get(k)))

    def walk(self, element: Any) -> Iterator[Any]:
        yield element
        for kid in self.kids(element):
            yield from self.walk(kid)

    def furniture_as_artifacts(self) -> None:
        """Marked content outside the tree (margin boxes: WeasyPrint never links them in)."""
        for page, ref in enumerate(self.pdf.page_references):
            parents = self.nums[2 * page + 1]  # the element of each MCID on the page
            loose = {
                mcid
                for mcid, parent in enumerate(parents)
                if isinstance(parent, bytes) and id(self.get(parent)) not in self.reachable
            }
            stream = self.get(self.get(ref)["Contents"]).stream
            for i, item in enumerate(stream):
                if isinstance(item, dict) and item.get("MCID") in loose:
                    parents[item["MCID"]] = "null"
                    kind = "/Layout" if stream[i - 1] == "/Figure" else "/Pagination"
                    stream[i - 1] = "/Artifact"
                    item.clear()
                    item["Type"] = kind

    def links_hold_their_annotations(self) -> None:
        """WeasyPrint puts a link's annotation (its ``/OBJR``) in the element of the box that
        carries it: a ``/NonStruct`` inside the link when its words are an element of their
        own (``<a><abbr>``). It belongs in the ``/Link``."""
        for link in (e for e in self.elements if e["S"] == "/Link"):
            for inner in list(self.walk(link))[1:]:
                moved = [k for k in inner["K"] if isinstance(k, bytes) and "Obj" in self.get(k)]
                if inner["S"] == "/Link" or not moved:
                    continue
                inner["K"] = pydyf.Array([k for k in inner["K"] if k not in moved])
                link["K"].extend(moved)
                for ref in moved:  # the parent tree names the annotation's element
                    key = self.get(self.get(ref)["Obj"])["StructParent"]
                    self.nums[self.nums.index(key) + 1] = link.reference

    def header_scope(self) -> None:
        """``/TH`` cells: ``/Column`` in a row of header cells (a table head), else ``/Row``."""
        for row in (e for e in self.elements if e["S"] == "/TR"):
            cells = list(self.kids(row))
            scope = "/Column" if all(c["S"] == "/TH" for c in cells) else "/Row"
            for cell in (c for c in cells if c["S"] == "/TH"):
                cell["A"]["Scope"] = scope


def finish(document: Any, pdf: Any) -> None:
    """Margin boxes and ``alt=""`` images as artefacts, each link's annotation in its
    ``/Link``, header cells' ``/Scope``, links' descriptions (their words)."""
    tree = Tree(pdf)
    tree.furniture_as_artifacts()
    tree.links_hold_their_annotations()
    tree.header_scope()
    for page in document.pages:  # each link's description (/Contents): its words, as printed
        for _, target, _, box in page.links:
            annotation = getattr(box, "link_annotation", None)
            if annotation is not None and box.element is not None:
                words = " ".join("".join(box.element.itertext()).split())
                annotation["Contents"] = pydyf.String(words or target)
