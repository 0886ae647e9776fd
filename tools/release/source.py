"""What a release is built from: the commit, its time, the version, the release's name."""

from __future__ import annotations

import os
import subprocess
import tomllib
from pathlib import Path

PROJECT = "ta-hsb-handbook"


class SourceError(Exception):
    """The release cannot say what it was built from (the message says why)."""


def git(root: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", *args], cwd=root, capture_output=True, text=True, check=False, timeout=60
    )
    if result.returncode != 0:
        raise SourceError(f"git {' '.join(args)}: {result.stderr.strip() or 'failed'}")
    return result.stdout.strip()


def source_date_epoch(root: Path) -> int:
    """``SOURCE_DATE_EPOCH``, else the time of the last commit: every time stamp in a
    release (pages, PDFs, archives, SBOM) is this one."""
    given = os.environ.get("SOURCE_DATE_EPOCH", "")
    if given:
        if not given.isdigit():
            raise SourceError(f"SOURCE_DATE_EPOCH={given!r}: seconds since 1970, digits only")
        return int(given)
    return int(git(root, "log", "-1", "--format=%ct"))


def commit(root: Path) -> str:
    """The full id of the commit the release is built from (``HANDBOOK_COMMIT`` without git)."""
    try:
        return git(root, "rev-parse", "HEAD")
    except (SourceError, OSError):
        given = os.environ.get("HANDBOOK_COMMIT", "")
        if given:
            return given
        raise


def version(root: Path) -> str:
    with (root / "pyproject.toml").open("rb") as fh:
        return str(tomllib.load(fh)["project"]["version"])


def release_name(version: str, overlay: str | None) -> str:
    """``ta-hsb-handbook-<version>``, with the overlay's name for an area's copy
    (``areas/north.yml`` → ``ta-hsb-handbook-<version>-north``), as `make dist` names it."""
    return f"{PROJECT}-{version}" + (f"-{Path(overlay).stem}" if overlay else "")
