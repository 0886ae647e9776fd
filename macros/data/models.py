"""The handbook's YAML data as pydantic models. Each refuses unknown fields, so a typo in a
field name is an error, never silently ignored content (cross-file rules: loading.py)."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import (
    AfterValidator,
    AnyHttpUrl,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _no_control_characters(value: str) -> str:
    if found := CONTROL.search(value):
        raise ValueError(f"control character U+{ord(found.group()):04X} is not allowed")
    return value


# Every text field has a maximum length, so oversized input is refused at load time: a Text is
# a paragraph (a definition, a note, an intro), a Name one line (a title, a term, a phone number).
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=64)]
_Stripped = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
_Plain = AfterValidator(_no_control_characters)
Text = Annotated[_Stripped, Field(max_length=2000), _Plain]
Name = Annotated[_Stripped, Field(max_length=200), _Plain]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Reference(_Model):
    key: Slug
    authors: Name | None = None
    year: int | None = Field(default=None, ge=1900, le=2100)
    title: Name | None = None
    publisher: Name | None = None
    url: AnyHttpUrl | None = None
    cited_for: Text
    from_outside_source: Text | None = None  # where any field not on the slides comes from
    # The handbook's own attribution: why it cites this work for passages the slides do not
    # connect to it. Every citation of the work then carries a mark leading to this note.
    attribution: Text | None = None

    @model_validator(mode="after")
    def _named(self) -> Reference:
        if self.authors is None and self.title is None and self.publisher is None:
            raise ValueError("needs authors, a title or a publisher")
        return self

    @property
    def anchor(self) -> str:
        """The id of its entry on the References page."""
        return f"ref-{self.key}"

    @property
    def note_anchor(self) -> str:
        """The id of its attribution note on the References page."""
        return f"attribution-{self.key}"

    @property
    def name(self) -> str:
        return self.authors or self.title or self.publisher or ""

    @property
    def label(self) -> str:
        return self.name if self.year is None else f"{self.name}, {self.year}"


# A page of the handbook by its Markdown source, optionally with one of its heading ids.
PageRef = Annotated[
    str,
    StringConstraints(
        pattern=r"^[a-z0-9][a-z0-9/_-]*\.md(?:#[a-z0-9]+(?:-[a-z0-9]+)*)?$", max_length=270
    ),
]


class GlossaryEntry(_Model):
    id: Slug
    term: Name
    explained: PageRef | None = None  # the page (and heading) that explains the term
    abbreviation: Name | None = None
    aliases: tuple[Name, ...] = Field(default=(), max_length=20)
    short: Name  # the tooltip
    definition: Text
    cite: tuple[Slug, ...] = Field(default=(), max_length=20)
    related: tuple[Slug, ...] = Field(default=(), max_length=20)

    @property
    def names(self) -> tuple[str, ...]:
        extra = (self.abbreviation,) if self.abbreviation else ()
        return (self.id, self.term, *extra, *self.aliases)

    @property
    def heading(self) -> str:
        if self.abbreviation and self.abbreviation not in self.term:
            return f"{self.term} ({self.abbreviation})"
        return self.term


class ChecklistItem(_Model):
    id: Slug
    text: Text
    note: Text | None = None
    terms: tuple[Slug, ...] = Field(default=(), max_length=20)
    local: bool = False  # added by an organisation's overlay, not part of the guidance


class ChecklistSection(_Model):
    id: Slug
    title: Name
    intro: Text | None = None
    items: tuple[ChecklistItem, ...] = Field(min_length=1, max_length=100)


#: The paper and PDF checklists' case fields: (field name, label).
CASE_FIELDS = (
    ("case-reference", "Case reference"),
    ("date", "Date"),
    ("assessor", "Assessor"),
    ("agency", "Agency"),
)


class Checklist(_Model):
    id: Slug
    title: Name
    page: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9/-]*\.md$", max_length=200)]
    cite: tuple[Slug, ...] = Field(min_length=1, max_length=20)
    intro: Text | None = None
    sections: tuple[ChecklistSection, ...] = Field(min_length=1, max_length=30)

    @property
    def items(self) -> tuple[ChecklistItem, ...]:
        return tuple(item for section in self.sections for item in section.items)


PagePath = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9/_-]*\.md$", max_length=200)]


class SearchAidGroup(_Model):
    """Words a reader may type for one glossary entry or one page (data/search-aids.yml):
    ``aids`` are in the index only; ``spellings`` (a glossary entry's own names written
    another way) are indexed too, and the Glossary shows them under the entry."""

    term: Slug | None = None
    page: PagePath | None = None
    aids: tuple[Name, ...] = Field(default=(), max_length=100)
    spellings: tuple[Name, ...] = Field(default=(), max_length=100)

    @model_validator(mode="after")
    def _one_target(self) -> SearchAidGroup:
        if self.term is None and self.page is None:
            raise ValueError("needs 'term' (a glossary id) or 'page' (a page)")
        if self.term is not None and self.page is not None:
            raise ValueError("has both 'term' and 'page'; give one")
        if self.page is not None and self.spellings:
            raise ValueError("has 'spellings' for a page; spellings are a glossary entry's")
        if not self.aids and not self.spellings:
            raise ValueError("needs 'aids' or 'spellings' (at least one word)")
        return self


def reserved_item_ids(checklist: Checklist) -> dict[str, str]:
    """Item ids the checklist's own page ids and PDF field names use, with what uses each:
    an item is ``cl-<checklist>-<item>`` on the page and ``<checklist>.<item>`` in the PDF,
    as are the title (``cl-<checklist>-title``), the PDF's case fields (``<checklist>.date``)
    and each section's notes (``<section>-notes``)."""
    reserved = {"title": "the checklist's title"}
    reserved |= {name: f"the PDF's '{label}' field" for name, label in CASE_FIELDS}
    reserved |= {f"{s.id}-notes": f"the notes of section '{s.id}'" for s in checklist.sections}
    return reserved
