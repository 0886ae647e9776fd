"""[HANDBOOK_LOCAL=areas/north.yml] python -m tools.release build [--out dist]
python -m tools.release verify dist/ta-hsb-handbook-<version>[-<overlay>] [--local …]"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from macros.data.files import DataError
from tools.mkdocs_config import ROOT
from tools.release.build import SUMS, build
from tools.release.verify import verify


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.release", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("build", help="build a release into OUT/<name>/")
    make.add_argument("--out", type=Path, default=ROOT / "dist")
    check = commands.add_parser("verify", help="check a release against its source")
    check.add_argument("release", type=Path, help="the release's folder")
    check.add_argument("--local", default=None, help="the overlay, if not at its recorded path")
    check.add_argument("--against", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    start = time.perf_counter()
    try:
        if args.command == "verify":
            return verify(ROOT, args.release.resolve(), args.local, args.against)
        release = build(ROOT, args.out.resolve(), os.environ.get("HANDBOOK_LOCAL"))
    except DataError as exc:  # SourceError too
        sys.exit(f"release: {exc}")
    except subprocess.CalledProcessError:
        sys.exit("release: a build failed (see the messages above)")
    print(f"release: {release} in {time.perf_counter() - start:.0f} s:")
    for path in sorted(release.iterdir()):
        print(f"  {path.name} ({path.stat().st_size / 1024:,.0f} KiB)")
    print(f"Check it: cd {release} && sha256sum -c {SUMS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
