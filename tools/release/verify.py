"""A release checked against its source: its checksums, then every file byte for byte against a
rebuild, in a fresh clone at the commit and time its SBOM records (untrusted.py checks them).
An area's copy is rebuilt with its overlay, from the commit or else from this checkout
(``--local`` names it if it was built from another path)."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

from .build import SUMS
from .bundle import check_sums
from .source import SourceError, git
from .untrusted import entry_problems, inside, plain_path, recorded_properties, shown


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
    """A clone of ``root`` at ``commit``, in ``into``."""
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
    env = {
        **os.environ,
        "SOURCE_DATE_EPOCH": recorded["source-date-epoch"],
        "HANDBOOK_LOCAL": overlay or "",
    }
    env.pop("HANDBOOK_COMMIT", None)
    out = work / "dist"
    subprocess.run(
        [sys.executable, "-m", "tools.release", "build", "--out", str(out)],
        cwd=source,
        env=env,
        check=True,
    )
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
