"""What `make verify-release` reads from a release, checked before use: a commit is a hex id
(never an option to git), the time digits, an overlay a relative path of plain names; no path
leaves its folder, no symbolic link is followed; each problem one line naming file and value."""

from __future__ import annotations

import re
from pathlib import Path

from .sbom import properties
from .source import SourceError

PLAIN_SEGMENT = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}")
COMMIT = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")
EPOCH = re.compile(r"[0-9]{1,11}")


def recorded_properties(release: Path) -> dict[str, str]:
    """The commit, time and overlay the release's SBOM records, each checked (SourceError)."""
    sboms = sorted(p for p in release.iterdir() if p.name.endswith(".cdx.json"))
    if len(sboms) != 1:
        found = "no SBOM" if not sboms else f"{len(sboms)} SBOMs"
        raise SourceError(f"{shown(release.name)}: {found} (*.cdx.json); a release has one")
    sbom = sboms[0]
    try:
        recorded = properties(sbom.read_text(encoding="utf-8"))
    except (OSError, ValueError, LookupError, TypeError, AttributeError):
        raise SourceError(
            f"{shown(sbom.name)}: not the SBOM of a release (CycloneDX JSON)"
        ) from None
    checks = {"commit": COMMIT, "source-date-epoch": EPOCH}
    for name, pattern in checks.items():
        value = recorded.get(name)
        if not isinstance(value, str) or not pattern.fullmatch(value):
            what = "missing" if value is None else f"'{shown(str(value))}' is not valid"
            raise SourceError(f"{shown(sbom.name)}: property ta-hsb:{name}: {what}")
    return recorded


def plain_path(path: str) -> bool:
    """A relative path of plain names (no '..', '.', empty or hidden segment) to a .yml file."""
    parts = path.split("/")
    return path.endswith(".yml") and all(PLAIN_SEGMENT.fullmatch(p) for p in parts)


def inside(base: Path, relative: str) -> Path:
    """``base / relative``, refused if any folder on the way or the end is a symbolic link."""
    path = base
    for part in relative.split("/"):
        path = path / part
        if path.is_symlink():
            raise SourceError(f"{relative}: {path.relative_to(base)} is a symbolic link")
    return path


def shown(text: str, limit: int = 120) -> str:
    """A value from a release on one line: control characters escaped, at most ``limit``."""
    return "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text[:limit])


def entry_problems(release: Path) -> list[str]:
    """One line per entry of ``release`` that is not a plain file with a plain name."""
    return [
        f"{shown(p.name)}: " + ("a symbolic link" if p.is_symlink() else "not a plain file")
        for p in sorted(release.iterdir())
        if p.is_symlink() or not p.is_file() or not PLAIN_SEGMENT.fullmatch(p.name)
    ]
