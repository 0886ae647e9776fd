"""The units of guidance as a reader sees them, for an edition's snapshot: from the data, and
from a page's HTML one unit per section (by heading id) without what ``LEFT_OUT`` names."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from html.parser import HTMLParser
from typing import Any

from .editions import Unit
from .models import Checklist, GlossaryEntry, Reference
from .paths import GLOSSARY_PAGE, REFERENCES_PAGE


def names(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: The pages whose sections are guidance: Home and every page under these folders.
GUIDANCE_FOLDERS = ("guidance/", "assessment/", "prompts/", "checklists/", "local/")
LEFT_OUT = names(
    # the section links; blocks made from the data, units of their own
    "headerlink hb-checklist hb-paper hb-record hb-downloads hb-glossary hb-references "
    # the slides' own words and their provenance; tooltips (the glossary's short texts)
    "hb-source-wording hb-term__tip "
    # the theme's and the build's additions; buttons
    "hb-update hb-print-stamp hb-changed hb-print-actions hb-handbook-pdf "
    # an overlay's notice, notes, review and contacts (its notes are units of their own)
    "hb-local-notice hb-practice-note hb-review hb-paper__contacts hb-local"
)
HEADING = re.compile(r"^h[1-6]$")
VOID = names("area br col embed hr img input link meta source wbr")
#: Elements whose edges separate words, whatever the white space in the HTML.
BLOCK = names(
    "p li td th dt dd div section article blockquote details summary figure figcaption "
    "table tr ul ol dl pre h1 h2 h3 h4 h5 h6 br"
)
UNIT_FIELDS = ("id", "kind", "group", "label", "page", "anchor", "text", "local")


def words(text: str | None) -> str:
    return " ".join((text or "").split())


def is_guidance_page(src: str) -> bool:
    return src == "index.md" or src.startswith(GUIDANCE_FOLDERS)


class _Sections(HTMLParser):
    """The words of each section. Streaming, not a tree: a tree of the large blocks that are
    only skipped (checklists, the record) costs seconds on every build."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, bool]] = []  # each open element: (tag, left out)
        self.skip = 0  # open elements that are left out
        self.heading: tuple[str, str, list[str]] | None = None  # (tag, id, words) being read
        self.sections: list[tuple[str, str, list[str]]] = [("", "", [])]  # (id, heading, words)
        self.title: str | None = None  # the first h1's words

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCK:
            self.handle_data(" ")
        if tag in VOID:
            return
        found = dict(attrs)
        left_out = not LEFT_OUT.isdisjoint((found.get("class") or "").split())
        self.open.append((tag, left_out))
        self.skip += left_out
        if HEADING.match(tag) and found.get("id") and not self.skip and self.heading is None:
            self.heading = (tag, str(found["id"]), [])

    def handle_endtag(self, tag: str) -> None:
        if not any(t == tag for t, _ in self.open):
            return  # a stray end tag
        while self.open:
            name, left_out = self.open.pop()
            self.skip -= left_out
            if name == tag:
                break
        if tag in BLOCK:
            self.handle_data(" ")
        if self.heading is not None and self.heading[0] == tag:
            _, anchor, text = self.heading
            label = words("".join(text))
            self.sections.append((anchor, label, [label]))
            self.heading = None
            if tag == "h1" and self.title is None:
                self.title = label

    def handle_data(self, data: str) -> None:
        if not self.skip:
            (self.heading[2] if self.heading else self.sections[-1][2]).append(data)


def _unit(*fields: str | bool) -> Unit:
    """A unit from its fields in order: id, kind, group, label, page, anchor, text[, local]."""
    return Unit.model_validate(dict(zip(UNIT_FIELDS, fields, strict=False)))


def page_units(src: str, html: str, title: str = "", local: bool = False) -> list[Unit]:
    parser = _Sections()
    parser.feed(html)
    parser.close()
    group = parser.title or title or src
    return [
        _unit(f"page:{src}#{anchor}", "section", group, label or group, src, anchor, text, local)
        for anchor, label, parts in parser.sections
        if (text := words("".join(parts)))
    ]


def checklist_units(checklist: Checklist) -> list[Unit]:
    cid, title, page = checklist.id, words(checklist.title), checklist.page

    def unit(uid: str, kind: str, label: str, text: str, anchor: str, local: bool = False) -> Unit:
        uid = f"checklist:{cid}{uid}"
        return _unit(uid, kind, title, label, page, anchor, words(text), local)

    intro = f"{title} {checklist.intro or ''}"
    units = [unit("", "checklist", "Title and introduction", intro, f"cl-{cid}-title")]
    for section in checklist.sections:
        name = words(section.title)
        text = f"{name} {section.intro or ''}"
        units.append(unit(f":section:{section.id}", "checklist-section", name, text, ""))
        for item in section.items:
            uid, anchor, local = f":item:{item.id}", f"cl-{cid}-{item.id}", item.local
            units.append(unit(uid, "item", name, item.text, anchor, local))
            if item.note:
                units.append(unit(f"{uid}:note", "item-note", name, item.note, anchor, local))
    return units


def glossary_units(entries: Iterable[GlossaryEntry]) -> list[Unit]:
    units = []
    for e in entries:
        for part, what in (("short", "short text"), ("definition", "definition")):
            uid, kind = f"glossary:{e.id}:{part}", f"glossary-{part}"
            label, text = words(f"{e.heading} ({what})"), words(getattr(e, part))
            units.append(_unit(uid, kind, "Glossary", label, GLOSSARY_PAGE, e.id, text))
    return units


def reference_units(references: Iterable[Reference]) -> list[Unit]:
    units = []
    for ref in references:
        parts = [ref.label, ref.title, ref.publisher, ref.url, f"Cited for: {ref.cited_for}"]
        if ref.from_outside_source:
            parts.append(f"Not from the slides: {ref.from_outside_source}")
        text = words(". ".join(str(p) for p in parts if p))
        name, uid = words(ref.label), f"reference:{ref.key}"
        units.append(_unit(uid, "reference", "References", name, REFERENCES_PAGE, ref.anchor, text))
    return units


def note_units(notes: Iterable[Mapping[str, Any]], titles: Mapping[str, str]) -> list[Unit]:
    """An overlay's practice notes: local units, numbered in order on each place."""
    units, count = [], Counter[str]()
    for note in notes:
        page, anchor, text = note["page"], note.get("anchor") or "", words(note["text"])
        count[place := f"{page}#{anchor}"] += 1
        uid, group = f"note:{place}:{count[place]}", titles.get(page, page)
        units.append(_unit(uid, "note", group, "Practice note", page, anchor, text, True))
    return units


def state_units(
    checklists: Iterable[Checklist],
    glossary: Iterable[GlossaryEntry],
    references: Iterable[Reference],
) -> list[Unit]:
    units = [u for c in checklists for u in checklist_units(c)]
    return units + glossary_units(glossary) + reference_units(references)
