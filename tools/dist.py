"""Build the offline package: a zip of the site that works opened straight from disk.

Material's ``offline`` plugin (enabled with ``OFFLINE=true``) inlines the search
index and switches to ``.html`` links, so navigation and search work from
``file://`` with no server and no network. A local overlay set with
``HANDBOOK_LOCAL`` is built in, as in ``make build``. The zip is reproducible: its
entries are sorted and carry the time of ``SOURCE_DATE_EPOCH`` (else of the last
commit), so the same source gives the same bytes (tools/release/bundle.py).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.hooks.compress import is_copy  # noqa: E402
from tools.mkdocs_config import build_command  # noqa: E402
from tools.release.bundle import write_zip  # noqa: E402
from tools.release.source import source_date_epoch  # noqa: E402


def build(out_dir: Path, env: dict[str, str] | None = None) -> None:
    env = {**os.environ, **(env or {}), "OFFLINE": "true", "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(build_command(out_dir), cwd=ROOT, env=env, check=True)


def package(site: Path, target: Path, folder: str, epoch: int) -> int:
    """Zip ``site`` under one top-level ``folder``, without compressed copies (``x.css.gz``,
    ``x.css.br``: only a web server uses them); returns the number of files."""
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
        build(args.site_dir)
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
