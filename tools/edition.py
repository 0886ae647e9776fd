"""`make edition [LOCAL=…]`: this version's guidance as the snapshot a PDF-less build writes
(macros/hooks/local_hooks.py), kept as ``editions/<version>.json`` (with an overlay, its local
units in ``<overlay folder>/editions/``). A snapshot with other units is a published edition
and is never rewritten (guides/content.md, "What changed in the guidance")."""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from macros.data.edition import read_version
from macros.data.editions import EDITIONS_DIR, Snapshot, snapshot_json
from macros.data.files import DataError
from macros.data.loading import overlay_folder
from macros.hooks.local_hooks import OUT
from tools.mkdocs_config import ROOT, build


def built_snapshot(root: Path, local: str | None) -> Snapshot:
    """The snapshot of a strict build without PDFs or compressed copies."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "edition.json"
        env = {"HANDBOOK_PDF": "false", "HANDBOOK_COMPRESS": "false", OUT: str(out)}
        build(root, Path(tmp, "site"), {**env, "HANDBOOK_LOCAL": local or ""}, "-q")
        return Snapshot.model_validate_json(out.read_text(encoding="utf-8"))


def keep(snapshot: Snapshot, target: Path, local: bool) -> bool:
    """The handbook's (or overlay's) part of ``snapshot`` written to ``target``; False if
    the same units were already there."""
    mine = snapshot.part(local)
    if target.is_file():
        try:
            before = Snapshot.model_validate_json(target.read_text(encoding="utf-8"))
        except ValueError:
            raise DataError(f"{target}: not a snapshot; remove it and run again") from None
        if set(before.units) == set(mine.units):
            return False
        raise DataError(
            f"{target}: version {snapshot.version} is published with other content: "
            "set the next version in pyproject.toml, then run make edition"
        )
    if target.parent.is_symlink():
        raise DataError(f"{target.parent}: a symbolic link is not allowed here")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(snapshot_json(mine), encoding="utf-8")
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("local", nargs="?", help="an overlay file (its local units only)")
    args = parser.parse_args()
    folder = overlay_folder(ROOT / args.local) if args.local else ROOT
    target = folder / EDITIONS_DIR / f"{read_version(ROOT / 'pyproject.toml')}.json"
    try:
        written = keep(built_snapshot(ROOT, args.local), target, bool(args.local))
    except DataError as exc:
        sys.exit(f"edition: {exc}")
    except subprocess.CalledProcessError:
        sys.exit("edition: the build failed: see its messages above")
    shown = target.relative_to(ROOT) if target.is_relative_to(ROOT) else target
    size = target.stat().st_size
    print(f"edition: {shown} {'written' if written else 'unchanged'} ({size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
