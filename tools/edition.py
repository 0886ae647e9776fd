"""`make edition [LOCAL=…]`: keep this version's guidance as a snapshot, when it is published.

The site is built without PDFs into a temporary folder; the build writes its snapshot
(macros/hooks/edition_hooks.py, ``HANDBOOK_EDITION_OUT``): the units of the guidance a
reader sees (macros/data/units.py). This keeps the handbook's units as
``editions/<version>.json`` or, with an overlay, the overlay's own local units as
``<overlay folder>/editions/<version>.json``. A snapshot already there with the same units
is left as it is; one with other units is a published edition and is never rewritten:
set the next version in pyproject.toml first.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.data.edition import read_version  # noqa: E402
from macros.data.editions import EDITIONS_DIR, Snapshot, snapshot_json  # noqa: E402
from macros.data.files import DataError  # noqa: E402
from macros.data.loading import overlay_folder  # noqa: E402
from macros.hooks.edition_hooks import OUT  # noqa: E402


class EditionError(Exception):
    """The snapshot could not be written: one line saying why."""


def built_snapshot(root: Path, local: str | None, env: dict[str, str] | None = None) -> Snapshot:
    """This build's snapshot: a strict build without PDFs or compressed copies."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "edition.json"
        run_env = {
            **os.environ,
            **(env or {}),
            "HANDBOOK_LOCAL": local or "",
            "HANDBOOK_PDF": "false",
            "HANDBOOK_COMPRESS": "false",
            OUT: str(out),
        }
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", f"{tmp}/site"]
        done = subprocess.run(command, cwd=root, env=run_env, check=False)
        if done.returncode != 0 or not out.is_file():
            raise EditionError("the build failed: see its messages above")
        return Snapshot.model_validate_json(out.read_text(encoding="utf-8"))


def target_of(root: Path, version: str, local: str | None) -> Path:
    folder = overlay_folder(root / local) if local else root
    return folder / EDITIONS_DIR / f"{version}.json"


def keep(snapshot: Snapshot, target: Path, local: bool) -> bool:
    """Write the handbook's (or the overlay's) part of ``snapshot`` to ``target``; False if
    the same units were already there."""
    units = tuple(u for u in snapshot.units if u.local == local)
    mine = snapshot.model_copy(update={"units": units})
    if target.is_file():
        try:
            before = Snapshot.model_validate_json(target.read_text(encoding="utf-8"))
        except ValueError:
            raise EditionError(f"{target}: not a snapshot; remove it and run again") from None
        if sorted(before.units, key=lambda u: u.id) == sorted(units, key=lambda u: u.id):
            return False
        raise EditionError(
            f"{target}: version {snapshot.version} is published with other content: "
            "set the next version in pyproject.toml, then run make edition"
        )
    if target.parent.is_symlink():
        raise EditionError(f"{target.parent}: a symbolic link is not allowed here")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(snapshot_json(mine), encoding="utf-8")
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("local", nargs="?", help="an overlay file (its local units only)")
    args = parser.parse_args()
    version = read_version(ROOT / "pyproject.toml")
    target = target_of(ROOT, version, args.local)
    try:
        written = keep(built_snapshot(ROOT, args.local), target, bool(args.local))
    except (EditionError, DataError) as exc:
        print(f"edition: {exc}", file=sys.stderr)
        return 1
    shown = target.relative_to(ROOT) if target.is_relative_to(ROOT) else target
    size = target.stat().st_size
    print(f"edition: {shown} {'written' if written else 'unchanged'} ({size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
