"""The edition stamp carried by every page footer, printed page and PDF."""

from __future__ import annotations

import datetime as dt
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .files import DataError


@dataclass(frozen=True)
class Edition:
    version: str
    source_edition: str
    build_date: dt.date
    commit: str | None = None

    @property
    def line(self) -> str:
        commit = f" · commit {self.commit}" if self.commit else ""
        return (
            f"Handbook version {self.version} · Guidance edition: {self.source_edition} · "
            f"Built {self.build_date.isoformat()}{commit}"
        )

    @property
    def id(self) -> str:
        """``1.1.0+2026-12-02+9c13567a6a``: one offline cache per edition, and pages compare
        it with the deployed ``edition.json`` to say a newer one is out."""
        return f"{self.version}+{self.build_date.isoformat()}+{self.commit or 'no-commit'}"


def read_version(pyproject: Path) -> str:
    return str(tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"])


MAX_EPOCH = 253_402_300_799  # 9999-12-31 23:59:59 UTC: the last second a date can hold


def epoch_seconds(value: str) -> int:
    """``SOURCE_DATE_EPOCH`` as seconds; anything else is a :class:`DataError` in one line
    (the reproducible-builds specification asks a build to stop on a malformed value)."""
    if not re.fullmatch(r"[0-9]{1,12}", value) or int(value) > MAX_EPOCH:
        raise DataError(
            f"SOURCE_DATE_EPOCH={value[:40]!r}: must be whole seconds since 1970-01-01 UTC, "
            f"digits only, at most {MAX_EPOCH} (the end of the year 9999)"
        )
    return int(value)


def build_date(environ: Mapping[str, str] = os.environ) -> dt.date:
    """Today (UTC), or the date of ``SOURCE_DATE_EPOCH`` for reproducible builds."""
    if epoch := environ.get("SOURCE_DATE_EPOCH"):
        return dt.datetime.fromtimestamp(epoch_seconds(epoch), tz=dt.UTC).date()
    return dt.datetime.now(tz=dt.UTC).date()


def git_commit(
    git: dict[str, object] | None, environ: Mapping[str, str] = os.environ
) -> str | None:
    """The commit the site is built from: ``HANDBOOK_COMMIT``, else the first ten digits of
    mkdocs-macros' ``git.commit`` (empty without a git checkout, a message if git failed), not
    its ``git.short_commit``: git abbreviates to more digits as a repository grows, so a fresh
    clone could stamp fewer than the checkout and a release would not rebuild the same."""
    commit = str((git or {}).get("commit", ""))
    found = commit[:10] if re.fullmatch(r"[0-9a-f]{40}", commit) else None
    return environ.get("HANDBOOK_COMMIT") or found
