"""`make dist`: the offline package, a reproducible zip of the site built with Material's
``offline`` plugin (``OFFLINE=true``: the search index inlined, ``.html`` links), which works
from ``file://``; ``HANDBOOK_LOCAL`` builds an overlay in, as ``make build`` does."""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

from tools.mkdocs_config import ROOT, build
from tools.release.bundle import write_zip
from tools.release.source import source_date_epoch


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, required=True, help="the zip file to write")
    parser.add_argument("--site-dir", type=Path, default=ROOT / "build" / "offline")
    args = parser.parse_args()
    start = time.perf_counter()
    try:
        build(ROOT, args.site_dir, {"OFFLINE": "true"})
    except subprocess.CalledProcessError:
        sys.exit("dist: the offline build failed (see the messages above)")
    count = write_zip(args.site_dir, args.out, source_date_epoch(ROOT))
    size = args.out.stat().st_size
    print(
        f"dist: {args.out} — {count} files, {size / 1024 / 1024:.1f} MiB, "
        f"{time.perf_counter() - start:.1f} s. Unzip it and open {args.out.stem}/index.html."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
