"""`make dist`: the offline package, a reproducible zip of the site built with Material's
``offline`` plugin (``OFFLINE=true``: the search index inlined, ``.html`` links), which works
from ``file://``; ``HANDBOOK_LOCAL`` builds an overlay in, as ``make build`` does."""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

from macros.hooks.security import is_copy
from tools import mkdocs_config
from tools.release.bundle import write_zip
from tools.release.source import source_date_epoch

ROOT = Path(__file__).resolve().parent.parent


def build(root: Path, site_dir: Path, env: dict[str, str] | None = None) -> None:
    """The offline build of ``root`` into ``site_dir`` (``make dist`` and the release)."""
    mkdocs_config.build(root, site_dir, {**(env or {}), "OFFLINE": "true"})


def package(site: Path, target: Path, folder: str, epoch: int) -> int:
    """Zip ``site`` under ``folder``, without the compressed copies only servers use; the count."""
    files = [
        (f"{folder}/{p.relative_to(site).as_posix()}", p)
        for p in site.rglob("*")
        if p.is_file() and not is_copy(p)
    ]
    return write_zip(target, files, epoch)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, required=True, help="the zip file to write")
    parser.add_argument("--site-dir", type=Path, default=ROOT / "build" / "offline")
    args = parser.parse_args()
    start = time.perf_counter()
    try:
        build(ROOT, args.site_dir)
    except subprocess.CalledProcessError:
        print("dist: the offline build failed (see the messages above)", file=sys.stderr)
        return 1
    count = package(args.site_dir, args.out, args.out.stem, source_date_epoch(ROOT))
    size = args.out.stat().st_size
    print(
        f"dist: {args.out} — {count} files, {size / 1024 / 1024:.1f} MiB, "
        f"{time.perf_counter() - start:.1f} s. Unzip it and open {args.out.stem}/index.html."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
