"""`make verify-release`: a release checked against its source: its checksums, then every file
byte for byte against a rebuild, in a fresh clone at the commit and time its SBOM records. An
area's copy is rebuilt with its overlay, from the commit or else from this checkout (``--local``
names it if it was built from another path).

What it reads from the release is checked before use: a commit is a hex id (never an option to
git), the time digits, an overlay a relative path of plain names; no path leaves its folder, no
symbolic link is followed; each problem one line naming file and value."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

from .build import SUMS
from .sbom import PREFIX
from .source import SourceError, git

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
        component = json.loads(sbom.read_text(encoding="utf-8"))["metadata"]["component"]
        listed: list[dict[str, str]] = component.get("properties", [])
        recorded = {p["name"].removeprefix(f"{PREFIX}:"): p.get("value", "") for p in listed}
    except (OSError, ValueError, LookupError, TypeError, AttributeError):
        raise SourceError(
            f"{shown(sbom.name)}: not the SBOM of a release (CycloneDX JSON)"
        ) from None
    for name, pattern in (("commit", COMMIT), ("source-date-epoch", EPOCH)):
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


def check_sums(folder: Path, target: str = "SHA256SUMS") -> list[str]:
    """One line per file whose hash differs, listed file missing or file not listed."""
    sums = folder / target
    if not sums.is_file():
        return [f"{sums}: missing"]
    lines = sums.read_text(encoding="utf-8").splitlines()
    listed = {name: digest for digest, _, name in (line.partition("  ") for line in lines)}
    problems = []
    for name, digest in sorted(listed.items()):
        path = folder / name
        if not PLAIN_SEGMENT.fullmatch(name):  # a name from the release: never a path
            problems.append(f"{shown(name)}: listed in {target}, not a file name")
        elif not path.is_file():
            problems.append(f"{name}: listed in {target} but missing")
        elif hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            problems.append(f"{name}: its SHA-256 differs from {target}")
    present = {p.name for p in folder.iterdir() if p.is_file()} - {target}
    problems += [f"{name}: not listed in {target}" for name in sorted(present - set(listed))]
    return problems


def archive_members(path: Path) -> dict[str, bytes]:
    """An archive's members (name → bytes) for naming the ones that differ."""
    if path.name.endswith(".tar.gz"):
        with tarfile.open(path, "r:gz") as tar:
            return {
                m.name: (tar.extractfile(m) or io.BytesIO()).read() if m.isfile() else b""
                for m in tar.getmembers()
            }
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as zf:
            return {name: zf.read(name) for name in zf.namelist()}
    return {}


def compare(expected: Path, actual: Path, limit: int = 10) -> list[str]:
    """One line per file missing from either folder or differing (and an archive's first
    members that differ)."""
    names = sorted({p.name for p in expected.iterdir()} | {p.name for p in actual.iterdir()})
    problems = []
    for name in names:
        ours, theirs = expected / name, actual / name
        if not ours.is_file() or not theirs.is_file():
            problems.append(f"{shown(name)}: only in {ours.parent if ours.is_file() else actual}")
        elif ours.read_bytes() != theirs.read_bytes():
            problems.append(f"{shown(name)}: differs")
            a, b = archive_members(ours), archive_members(theirs)
            inner = [m for m in sorted(set(a) | set(b)) if a.get(m) != b.get(m)]
            problems += [f"  {shown(m)}: differs" for m in inner[:limit]]
            if inner[limit:]:
                problems.append(f"  … and {len(inner) - limit} more")
    return problems


def clone(root: Path, commit: str, into: Path) -> Path:
    git(root, "clone", "--quiet", "--no-checkout", "--no-hardlinks", str(root), str(into))
    try:
        git(into, "checkout", "--quiet", commit)
    except SourceError:
        raise SourceError(
            f"commit {commit} is not in this checkout: fetch it (git fetch) and run again"
        ) from None
    return into


def bring_overlay(root: Path, source: Path, overlay: str) -> None:
    """The overlay and its folder in ``source``, from this checkout if the commit lacks them
    (``overlay`` is a :func:`plain_path`; no symbolic link is followed or copied)."""
    target = inside(source, overlay)
    if target.is_file():
        return
    here = inside(root, overlay)
    if not here.is_file():
        raise SourceError(
            f"the release was built with the overlay {overlay}, which is neither in the "
            "commit nor in this checkout: give it with --local"
        )
    folder = inside(root, overlay.removesuffix(".yml"))
    into = inside(source, overlay.removesuffix(".yml"))
    if folder.is_dir():
        links = [p for p in folder.rglob("*") if p.is_symlink()]
        if links:
            raise SourceError(f"{links[0].relative_to(root)}: the overlay holds a symbolic link")
        if into.exists():
            raise SourceError(
                f"the commit has {overlay.removesuffix('.yml')}/ but not {overlay}: "
                "the overlay cannot be verified"
            )
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(here, target)
    if folder.is_dir():
        shutil.copytree(folder, into, symlinks=True)
    print(f"verify: the overlay {overlay} is not in the commit: using this checkout's")


def rebuild(root: Path, release: Path, local: str | None, work: Path) -> Path:
    """The same release, built in a clone at the recorded commit and time."""
    recorded = recorded_properties(release)
    overlay = recorded.get("overlay") or None
    if local:  # the caller's own: a plain path is found as a recorded one, others in place
        overlay = local if plain_path(local) else str(Path(local).resolve())
    elif overlay and not plain_path(overlay):
        raise SourceError(
            f"the SBOM's property ta-hsb:overlay: '{shown(overlay)}' is not a path inside the "
            "checkout (plain names joined by /, ending in .yml): give the overlay with --local"
        )
    source = clone(root, recorded["commit"], work / "source")
    if overlay and plain_path(overlay):
        bring_overlay(root, source, overlay)
    print(f"verify: building commit {recorded['commit'][:10]} in {source} …")
    env = {name: value for name, value in os.environ.items() if name != "HANDBOOK_COMMIT"}
    env |= {"SOURCE_DATE_EPOCH": recorded["source-date-epoch"], "HANDBOOK_LOCAL": overlay or ""}
    out = work / "dist"
    build = [sys.executable, "-m", "tools.release", "build", "--out", str(out)]
    subprocess.run(build, cwd=source, env=env, check=True)
    built = [p for p in out.iterdir() if p.is_dir()] if out.is_dir() else []
    if len(built) != 1:
        raise SourceError(f"the rebuild in {out} made {len(built)} release folders, not one")
    return built[0]  # named as the build names it: the folder checked may have been renamed


def verify(root: Path, release: Path, local: str | None, against: Path | None) -> int:
    if not release.is_dir():
        raise SourceError(f"{shown(str(release))}: no such release folder")
    problems = entry_problems(release) or check_sums(release, SUMS)
    if problems:
        for line in problems:
            print(f"verify: {release.name}/{line}")
        return 1
    print(f"verify: {release.name}: every file matches {SUMS}")
    with tempfile.TemporaryDirectory(prefix="ta-hsb-verify-") as tmp:
        built = against or rebuild(root, release, local, Path(tmp))
        problems = compare(release, built)
    for line in problems:
        print(f"verify: {line}")
    if problems:
        print(f"verify: {release.name} is NOT what its source builds", file=sys.stderr)
        return 1
    files = len(list(release.iterdir()))
    print(f"verify: {release.name}: all {files} files are byte for byte what its source builds")
    return 0
