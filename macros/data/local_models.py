"""An organisation's overlay file: its details, contacts, local pages, notes, checklist items,
review dates and search aids. Every model refuses unknown fields; every text is plain text,
escaped wherever it is shown."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from markupsafe import escape
from pydantic import (
    AfterValidator,
    AnyHttpUrl,
    Field,
    PrivateAttr,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from .files import DataError, message
from .marks import where
from .models import Name, PagePath, Slug, Text, _Model


def _plain_url(url: AnyHttpUrl) -> AnyHttpUrl:
    # MkDocs writes site_url into pages and sitemap.xml; refuse anything needing escaping.
    if str(escape(str(url))) != str(url) or len(str(url)) > 500:
        raise ValueError(
            "must be a plain http(s) address of at most 500 characters, without quotes, '<', '>' or '&'"
        )
    return url


SiteUrl = Annotated[AnyHttpUrl, AfterValidator(_plain_url)]


def site_url(value: str, label: str) -> str:
    """``HANDBOOK_SITE_URL``, checked as an overlay's ``site_url`` is."""
    try:
        return str(TypeAdapter(SiteUrl).validate_python(value))
    except ValidationError as exc:
        raise DataError(f"{label}: {message(exc.errors()[0]['msg'])}") from None


class Contact(_Model):
    role: Name
    name: Name | None = None
    phone: Name | None = None
    email: Name | None = None
    hours: Name | None = None
    notes: Text | None = None


# A Markdown file inside the overlay's folder: no "..", no absolute path, no hidden names.
LocalFile = Annotated[
    str,
    Field(
        pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*(?:/[A-Za-z0-9][A-Za-z0-9_-]*)*\.md$", max_length=200
    ),
]


def _no_angle_brackets(value: str) -> str:
    # Material puts page titles through Jinja's ``striptags``, which unescapes them.
    if "<" in value or ">" in value:
        raise ValueError("must not contain '<' or '>'")
    return value


LocalTitle = Annotated[Name, AfterValidator(_no_angle_brackets)]


class LocalPage(_Model):
    file: LocalFile
    title: LocalTitle


class LocalPageMeta(_Model):
    """The only front matter a local page may have: its title for the browser tab."""

    title: LocalTitle | None = None


class PracticeNote(_Model):
    """A short local note attached to a guidance page, or to one heading on it."""

    page: PagePath
    anchor: Slug | None = None
    text: Text


class LocalItem(_Model):
    checklist: Slug
    section: Slug
    id: Slug
    text: Text
    note: Text | None = None


class Review(_Model):
    responsible_role: Name
    last_review: dt.date
    next_review: dt.date

    @field_validator("next_review")
    @classmethod
    def _after_last(cls, value: dt.date, info: ValidationInfo) -> dt.date:
        last = info.data.get("last_review")
        if last is not None and value <= last:
            raise ValueError(f"must be after last_review ({last})")
        return value


class AccessibilityDetails(_Model):
    contact: Name | None = None
    prepared: dt.date | None = None


class LocalSearchAids(_Model):
    page: LocalFile
    aids: tuple[Name, ...] = Field(min_length=1, max_length=100)


class LocalOverlay(_Model):
    organisation: Name
    logo: Name | None = None
    site_url: SiteUrl | None = None
    banner: Text | None = None
    contacts: tuple[Contact, ...] = Field(min_length=1, max_length=30)
    out_of_hours: Text | None = None
    referral_route: Text | None = None
    pages: tuple[LocalPage, ...] = Field(default=(), max_length=50)
    allow_raw_html: bool = False
    notes: tuple[PracticeNote, ...] = Field(default=(), max_length=200)
    checklist_items: tuple[LocalItem, ...] = Field(default=(), max_length=200)
    search_aids: tuple[LocalSearchAids, ...] = Field(default=(), max_length=50)
    review: Review | None = None
    accessibility: AccessibilityDetails | None = None
    # The offline copy (sw.js): on unless the organisation turns it off; off also removes
    # one that an earlier build installed in readers' browsers (macros/hooks/offline.py).
    offline_app: bool = Field(default=True, strict=True)
    # Where each entry of a list field was in the file, when entries with problems were
    # set aside (macros/data/loading.py, ``read_overlay``); empty when none were.
    _positions: dict[str, tuple[int, ...]] = PrivateAttr(default_factory=dict)
    # The file's data as read, with its lines (macros/data/marks.py), for messages.
    _data: Any = PrivateAttr(default=None)

    def at(self, label: str, *loc: int | str) -> str:
        return where(label, self._data, loc)

    def numbered(self, field: str) -> list[tuple[int, Any]]:
        entries = getattr(self, field)
        places = self._positions.get(field, tuple(range(len(entries))))
        return list(zip(places, entries, strict=True))
