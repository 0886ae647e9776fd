"""Snapshots of the editions published before `make edition` existed (run once; README,
"What changed in the guidance").

Each edition's commit is checked out into a temporary worktree and built there with this
project's tools, without PDFs; its snapshot is read the way a build reads its own
(macros/data/units.py): each guidance page's sections from the built page's ``<article>``,
and the checklists, glossary and references from that commit's data files. The release
date is the commit's date.

    .venv/bin/python tools/edition_history.py            # every edition below
    .venv/bin/python tools/edition_history.py 1.1.0     # one
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.data.editions import EDITIONS_DIR, Snapshot, check_units, snapshot_json  # noqa: E402
from macros.data.units import data_units, is_guidance_page, page_units  # noqa: E402

#: Each published edition and its commit: the last commit of the round that made it,
#: before the next version's work began (git log -- pyproject.toml, the Changelog).
RELEASES = {
    "1.0.0": "d24bc4c",  # the first round, 2026-11-28 (1.0.0 stayed in pyproject.toml until 07072d8)
    "1.1.0": "3e360ef",  # 07072d8 set 1.1.0; its Changelog section grew until this commit
    "1.2.0": "4b5d383",  # f2bba7b set 1.2.0; the last commit before 96aa712 (1.2.1)
    "1.2.1": "bca1a36",  # the last commit before 767c191 (1.2.2)
    "1.2.2": "e88750f",  # the last commit before the 1.3.0 round
}


def git(*args: str, cwd: Path = ROOT) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=True
    ).stdout.strip()


def source_of(site_path: str, docs: Path) -> str | None:
    """``guidance/definitions/index.html`` → ``guidance/definitions.md`` (if that source exists)."""
    stem = site_path.removesuffix("index.html").rstrip("/")
    for candidate in (f"{stem}.md", f"{stem}/index.md" if stem else "index.md"):
        if (docs / candidate).is_file():
            return candidate
    return None


def built_units(tree: Path, site: Path) -> list[Any]:
    units = []
    for path in sorted(site.rglob("index.html")):
        src = source_of(path.relative_to(site).as_posix(), tree / "docs")
        if src is None or not is_guidance_page(src):
            continue
        article = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find("article")
        units += page_units(src, str(article or ""))
    return units


def data_of(tree: Path) -> list[Any]:
    def read(name: str) -> Any:
        return yaml.safe_load((tree / name).read_text(encoding="utf-8"))

    checklists = [
        read(p.relative_to(tree).as_posix()) for p in sorted((tree / "checklists").glob("*.yml"))
    ]
    return data_units(checklists, read("data/glossary.yml"), read("data/references.yml"))


def snapshot_of(version: str, commit: str) -> Snapshot:
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "tree"
        git("worktree", "add", "--detach", str(tree), commit)
        try:
            env = {
                **os.environ,
                "HANDBOOK_PDF": "false",
                "HANDBOOK_COMPRESS": "false",
                "HANDBOOK_COMMIT": commit,
                "NO_MKDOCS_2_WARNING": "1",
            }
            mkdocs = ROOT / ".venv" / "bin" / "mkdocs"
            site = Path(tmp) / "site"
            subprocess.run(
                [str(mkdocs), "build", "-q", "-d", str(site)], cwd=tree, env=env, check=True
            )
            units = data_of(tree) + built_units(tree, site)
        finally:
            git("worktree", "remove", "--force", str(tree))
    check_units(units, f"{version} ({commit})")
    date = git("log", "-1", "--format=%cs", commit)
    return Snapshot(version=version, date=date, units=tuple(units))


def main(versions: list[str]) -> int:
    for version in versions or list(RELEASES):
        snapshot = snapshot_of(version, RELEASES[version])
        target = ROOT / EDITIONS_DIR / f"{version}.json"
        target.parent.mkdir(exist_ok=True)
        target.write_text(snapshot_json(snapshot), encoding="utf-8")
        print(
            f"{target.relative_to(ROOT)}: {len(snapshot.units)} units, {target.stat().st_size:,} bytes"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
