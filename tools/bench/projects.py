"""The projects the bench builds, each a copy of the handbook at ``target`` made into one
variant."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

from tools import mkdocs_config

ROOT = Path(__file__).resolve().parents[2]


def copy_project(target: Path) -> Path:
    for name in ("docs", "data", "checklists", "editions"):
        shutil.copytree(ROOT / name, target / name)
    for name in ("mkdocs.yml", "pyproject.toml"):
        shutil.copy(ROOT / name, target / name)
    for name in ("macros", "overrides", "source"):
        (target / name).symlink_to(ROOT / name)
    return target


@contextmanager
def edited_config(project: Path) -> Iterator[dict[str, Any]]:
    """``project``'s mkdocs.yml to change in the block, written back after it."""
    config = mkdocs_config.load_config(project / "mkdocs.yml")
    yield config
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")


def handbook(target: Path) -> Path:
    """The handbook without PDFs and compressed copies, as plain Material builds neither; a copy
    left as it is builds as ``make build`` does."""
    with edited_config(copy_project(target)) as config:
        config["extra"]["handbook"].update(pdf=False, compress=False)
    return target


def plain(target: Path) -> Path:
    """A plain Material build of the same pages: no macros plugin, no theme overrides."""
    with edited_config(copy_project(target)) as config:
        config["plugins"] = ["search"]
        config.pop("hooks", None)
        config["theme"].pop("custom_dir", None)
        config["strict"] = False
    return target


def offline(target: Path) -> Path:
    """The offline package's build (``make dist``): the copy's mkdocs.yml holds each ``!ENV``
    default, so ``OFFLINE=true`` would not reach the offline plugin."""
    with edited_config(handbook(target)) as config:
        for plugin in config["plugins"]:
            if isinstance(plugin, dict) and "offline" in plugin:
                plugin["offline"]["enabled"] = True
    return target


#: What macros/pdf/writer.py adds to write a tagged PDF (WeasyPrint's ``pdf/ua-1`` and the
#: finisher, macros/pdf/tagging.py); an untagged copy leaves it out.
TAGGED_CALL = ", pdf_variant=tagging.VARIANT, finisher=tagging.finish"


def untagged(target: Path) -> Path:
    """The handbook with its PDFs written untagged (in its own copy of macros/)."""
    project = copy_project(target)
    (project / "macros").unlink()
    shutil.copytree(ROOT / "macros", project / "macros", ignore=shutil.ignore_patterns("__py*"))
    writer = project / "macros" / "pdf" / "writer.py"
    text = writer.read_text(encoding="utf-8")
    if TAGGED_CALL not in text:
        raise SystemExit(f"bench: macros/pdf/writer.py no longer has '{TAGGED_CALL}'")
    writer.write_text(text.replace(TAGGED_CALL, ""), encoding="utf-8")
    return project
