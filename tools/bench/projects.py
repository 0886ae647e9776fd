"""The projects the bench builds, each a copy of the handbook made into one variant."""

from __future__ import annotations

import re
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


def load_config(project: Path) -> dict[str, Any]:
    return mkdocs_config.load_config(project / "mkdocs.yml")


@contextmanager
def edited_config(project: Path) -> Iterator[dict[str, Any]]:
    """``project``'s mkdocs.yml to change in the block, written back after it."""
    config = load_config(project)
    yield config
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")


def handbook(project: Path) -> Path:
    """The handbook without PDFs and compressed copies (both timed on their own); a copy left
    as it is builds as ``make build`` does."""
    with edited_config(project) as config:
        config["extra"]["handbook"].update(pdf=False, compress=False)
    return project


def plain(project: Path) -> Path:
    """A plain Material build of the same pages: no macros plugin, no theme overrides."""
    with edited_config(project) as config:
        config["plugins"] = ["search"]
        config.pop("hooks", None)
        config["theme"].pop("custom_dir", None)
        config["strict"] = False
    return project


STUB_MACROS = """def define_env(env):
    for name in {names!r}:
        env.macro(lambda *args, **kwargs: "", name)
"""
MACRO_CALL = re.compile(r"\{\{-?\s*([a-z_]+)\(")


def macros_only(project: Path) -> Path:
    """Plain Material with mkdocs-macros and macros that return nothing: the plugin's own
    cost (its start-up, and Jinja compiling and rendering every page)."""
    plain(project)
    pages = (project / "docs").rglob("*.md")
    names = sorted({n for page in pages for n in MACRO_CALL.findall(page.read_text())})
    (project / "bench_stub.py").write_text(STUB_MACROS.format(names=names), encoding="utf-8")
    with edited_config(project) as config:
        stub = {"module_name": "bench_stub", "on_error_fail": True, "on_undefined": "strict"}
        config["plugins"] = ["search", {"macros": stub}]
    return project


TERM_CALL = re.compile(r"""\{\{\s*term\(\s*(["'])(.*?)\1\s*(?:,\s*(["'])(.*?)\3\s*)?\)\s*\}\}""")


def without_term_links(project: Path) -> Path:
    """Every ``{{ term(...) }}`` as plain text (one page uses every term: none is unused)."""
    handbook(project)
    for page in (project / "docs").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        page.write_text(TERM_CALL.sub(lambda m: m.group(4) or m.group(2), text), encoding="utf-8")
    glossary = yaml.safe_load((project / "data" / "glossary.yml").read_text(encoding="utf-8"))
    (project / "docs" / "glossary-terms.md").write_text(
        "# Terms\n\n" + " ".join(f'{{{{ term("{e["id"]}") }}}}' for e in glossary) + "\n",
        encoding="utf-8",
    )
    with edited_config(project) as config:
        config["nav"].append({"Terms": "glossary-terms.md"})
    return project


def term_links() -> int:
    pages = (ROOT / "docs").rglob("*.md")
    return sum(len(TERM_CALL.findall(p.read_text(encoding="utf-8"))) for p in pages)


def offline(project: Path) -> Path:
    """The offline package's build (``make dist``): the copy's mkdocs.yml holds each ``!ENV``
    default, so ``OFFLINE=true`` would not reach the offline plugin."""
    handbook(project)
    with edited_config(project) as config:
        for plugin in config["plugins"]:
            if isinstance(plugin, dict) and "offline" in plugin:
                plugin["offline"]["enabled"] = True
    return project


#: What macros/pdf/writer.py adds to write a tagged PDF (WeasyPrint's ``pdf/ua-1`` and the
#: finisher, macros/pdf/tagging.py); an untagged copy leaves it out.
TAGGED_CALL = ", pdf_variant=tagging.VARIANT, finisher=tagging.finish"


def untagged(project: Path) -> Path:
    """The handbook with its PDFs written untagged (in its own copy of macros/)."""
    (project / "macros").unlink()
    shutil.copytree(ROOT / "macros", project / "macros", ignore=shutil.ignore_patterns("__py*"))
    writer = project / "macros" / "pdf" / "writer.py"
    text = writer.read_text(encoding="utf-8")
    if TAGGED_CALL not in text:
        raise SystemExit(f"bench: macros/pdf/writer.py no longer has '{TAGGED_CALL}'")
    writer.write_text(text.replace(TAGGED_CALL, ""), encoding="utf-8")
    return project
