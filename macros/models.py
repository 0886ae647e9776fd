"""Validated data models for the handbook's YAML data.

Each model rejects unknown fields, so a typo in a field name is an error,
never silently ignored content. Cross-file rules (citation keys exist,
glossary terms exist, ids are unique) live in :mod:`macros.loading`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import AnyHttpUrl, BaseModel, ConfigDict, Field, StringConstraints

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Reference(_Model):
    """A work cited by the guidance, as the source gives it."""

    key: Slug
    authors: Text
    year: int | None = Field(default=None, ge=1900, le=2100)
    title: Text | None = None
    publisher: Text | None = None
    url: AnyHttpUrl | None = None
    cited_for: Text

    @property
    def label(self) -> str:
        """The author–year label used in running text, e.g. ``Lim et al., 2017``."""
        return self.authors if self.year is None else f"{self.authors}, {self.year}"


class GlossaryEntry(_Model):
    """One glossary term with its definition."""

    id: Slug
    term: Text
    abbreviation: Text | None = None
    aliases: tuple[Text, ...] = ()
    short: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    definition: Text
    cite: tuple[Slug, ...] = ()
    related: tuple[Slug, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the entry answers to: id, term, abbreviation and aliases."""
        extra = (self.abbreviation,) if self.abbreviation else ()
        return (self.id, self.term, *extra, *self.aliases)

    @property
    def heading(self) -> str:
        """The entry's heading: ``Term (ABBR)`` or just the term."""
        if self.abbreviation and self.abbreviation not in self.term:
            return f"{self.term} ({self.abbreviation})"
        return self.term


class ChecklistItem(_Model):
    id: Slug
    text: Text
    note: Text | None = None
    terms: tuple[Slug, ...] = ()
    local: bool = False  # added by an organisation's overlay, not part of the guidance


class ChecklistSection(_Model):
    id: Slug
    title: Text
    intro: Text | None = None
    items: tuple[ChecklistItem, ...] = Field(min_length=1)


class Checklist(_Model):
    """A checklist: a stage of the assessment or one prompt list."""

    id: Slug
    title: Text
    page: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9/-]*\.md$")]
    cite: tuple[Slug, ...] = Field(min_length=1)
    intro: Text | None = None
    sections: tuple[ChecklistSection, ...] = Field(min_length=1)

    @property
    def items(self) -> tuple[ChecklistItem, ...]:
        return tuple(item for section in self.sections for item in section.items)


class Contact(_Model):
    """One entry in an organisation's local contacts block."""

    role: Text
    name: Text | None = None
    phone: Text | None = None
    email: Text | None = None
    hours: Text | None = None
    notes: Text | None = None


# A Markdown file inside the overlay's folder: no "..", no absolute path, no hidden names.
LocalFile = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*(?:/[A-Za-z0-9][A-Za-z0-9_-]*)*\.md$"),
]
PagePath = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9/_-]*\.md$")]


class LocalPage(_Model):
    """A Markdown page of the organisation's own, in the folder next to the overlay."""

    file: LocalFile
    title: Text


class PracticeNote(_Model):
    """A short local note attached to a guidance page, or to one heading on it."""

    page: PagePath
    anchor: Slug | None = None
    text: Text


class LocalItem(_Model):
    """An extra checklist item appended to one section of a guidance checklist."""

    checklist: Slug
    section: Slug
    id: Slug
    text: Text
    note: Text | None = None


class Review(_Model):
    """Who reviews the local copy, and when."""

    responsible_role: Text
    last_review: dt.date
    next_review: dt.date


class AccessibilityDetails(_Model):
    """The organisation's part of the accessibility statement."""

    contact: Text | None = None
    prepared: dt.date | None = None


class LocalOverlay(_Model):
    """An organisation's local details, set in one small YAML file."""

    organisation: Text
    logo: Text | None = None
    site_url: AnyHttpUrl | None = None
    banner: Text | None = None
    contacts: tuple[Contact, ...] = Field(min_length=1)
    out_of_hours: Text | None = None
    referral_route: Text | None = None
    pages: tuple[LocalPage, ...] = ()
    allow_raw_html: bool = False
    notes: tuple[PracticeNote, ...] = ()
    checklist_items: tuple[LocalItem, ...] = ()
    review: Review | None = None
    accessibility: AccessibilityDetails | None = None
