"""Validated data models for the handbook's YAML data.

Each model rejects unknown fields, so a typo in a field name is an error,
never silently ignored content. Cross-file rules (citation keys exist,
glossary terms exist, ids are unique) live in :mod:`macros.loading`.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AnyHttpUrl, BaseModel, ConfigDict, Field, StringConstraints, model_validator

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Reference(_Model):
    """A work cited by the guidance, as the source gives it."""

    key: Slug
    authors: Text | None = None
    year: int | None = Field(default=None, ge=1900, le=2100)
    title: Text | None = None
    publisher: Text | None = None
    url: AnyHttpUrl | None = None
    cited_for: Text
    from_outside_source: Text | None = None  # where any field not on the slides comes from

    @model_validator(mode="after")
    def _named(self) -> Reference:
        if self.authors is None and self.title is None:
            raise ValueError("needs authors or a title")
        return self

    @property
    def name(self) -> str:
        """Who or what is cited: the authors, or the title when the source names no author."""
        return self.authors or self.title or ""

    @property
    def label(self) -> str:
        """The author–year label used in running text, e.g. ``Lim et al., 2017``."""
        return self.name if self.year is None else f"{self.name}, {self.year}"


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


class LocalOverlay(_Model):
    """An organisation's local details, set in one small YAML file."""

    organisation: Text
    logo: Text | None = None
    site_url: AnyHttpUrl | None = None
    banner: Text | None = None
    contacts: tuple[Contact, ...] = Field(min_length=1)
    out_of_hours: Text | None = None
    referral_route: Text | None = None
