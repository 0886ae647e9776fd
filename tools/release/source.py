"""What a release is built from: the commit, its time, the version, the release's name."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from macros.data.edition import epoch_seconds
from macros.data.files import DataError

PROJECT = "ta-hsb-handbook"


class SourceError(DataError):
    """A release cannot be made or checked: its source, changelog or SBOM (one line saying why)."""


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
    return epoch_seconds(given) if given else int(git(root, "log", "-1", "--format=%ct"))


def overlay_in(root: Path, overlay: str | None) -> str | None:
    """The overlay as a path from the checkout's root (no build machine's path belongs in a
    release, and verify rebuilds in a clone); an overlay outside the checkout is refused."""
    if not overlay:
        return None
    path = Path(os.path.normpath(Path(root, overlay)))  # an absolute overlay stays itself
    if not path.is_relative_to(root):
        raise SourceError(
            f"the overlay {overlay} is outside the checkout {root}: a release is built "
            "from an overlay inside it (copy the overlay and its folder there)"
        )
    return path.relative_to(root).as_posix()


def commit(root: Path) -> str:
    """The full id of the commit the release is built from (``HANDBOOK_COMMIT`` without git)."""
    try:
        return git(root, "rev-parse", "HEAD")
    except (SourceError, OSError):
        if os.environ.get("HANDBOOK_COMMIT"):
            return os.environ["HANDBOOK_COMMIT"]
        raise


def release_name(version: str, overlay: str | None) -> str:
    """``ta-hsb-handbook-<version>[-north]`` (for ``areas/north.yml``), as `make dist` names it."""
    return f"{PROJECT}-{version}" + (f"-{Path(overlay).stem}" if overlay else "")
