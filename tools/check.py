"""`make check LOCAL=…`: a build's checks of the data and the overlay (macros/data/state.py)
without building; every problem one line naming the file and field or line, exit status 1 if
any. A review date that has passed is a notice, not a problem."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from macros.data.edition import Edition, build_date, read_version
from macros.data.files import DataError
from macros.data.nav import nav_sources
from macros.data.state import check
from tools.mkdocs_config import ROOT, load_config


def run(local: str | None, root: Path = ROOT) -> tuple[list[str], list[str]]:
    """The problems and notices for the overlay ``local`` (a path from ``root``)."""
    conf = load_config(root / "mkdocs.yml")
    source = conf["extra"]["handbook"]["source_edition"]
    edition = Edition(read_version(root / "pyproject.toml"), source, build_date())
    docs = root / conf.get("docs_dir", "docs")
    return check(root, docs, nav_sources(conf["nav"]), edition, local)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("local", nargs="?", help="the overlay file (none: the handbook's data)")
    args = parser.parse_args()
    what = args.local or "the handbook's data"
    try:
        problems, notices = run(args.local or None)
    except DataError as exc:  # before any file: SOURCE_DATE_EPOCH
        problems, notices = str(exc).splitlines(), []
    if problems or notices:  # all before the summary (stderr is not held back)
        print(*problems, *notices, sep="\n", flush=True)
    # After a blank line: on a line of its own also where the two streams are joined.
    gap = "\n" if problems or notices else ""
    count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}" if problems else ""
    print(f"{gap}check: {what}: {count or 'no problems'}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
