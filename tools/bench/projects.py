"""The projects the bench builds: copies of the handbook, plain Material, mkdocs-macros with
macros that return nothing, the content floor, and the 1,000-page corpus."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import yaml

from macros.data.nav import nav_sources
from tools import mkdocs_config
from tools.bench.builds import timed_build

ROOT = Path(__file__).resolve().parents[2]


def copy_project(target: Path) -> Path:
    for name in ("docs", "data", "checklists"):
        shutil.copytree(ROOT / name, target / name)
    for name in ("mkdocs.yml", "pyproject.toml"):
        shutil.copy(ROOT / name, target / name)
    for name in ("macros", "overrides", "source"):
        (target / name).symlink_to(ROOT / name)
    return target


def load_config(project: Path) -> dict[str, Any]:
    return mkdocs_config.load_config(project / "mkdocs.yml")


def save_config(project: Path, config: dict[str, Any]) -> None:
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")


def plain(project: Path) -> None:
    """Turn a copy into a plain Material build: no macros plugin, no theme overrides."""
    config = load_config(project)
    config["plugins"] = ["search"]
    config.pop("hooks", None)
    config["theme"].pop("custom_dir", None)
    config["strict"] = False
    save_config(project, config)


STUB_MACROS = """def define_env(env):
    for name in {names!r}:
        env.macro(lambda *args, **kwargs: "", name)
"""
MACRO_CALL = re.compile(r"\{\{-?\s*([a-z_]+)\(")


def macros_only(project: Path) -> None:
    """Turn a plain Material copy into one with mkdocs-macros and macros that return nothing:
    the plugin's own cost (its start-up, and Jinja compiling and rendering every page)."""
    names = sorted(
        {
            n
            for page in (project / "docs").rglob("*.md")
            for n in MACRO_CALL.findall(page.read_text())
        }
    )
    (project / "bench_stub.py").write_text(STUB_MACROS.format(names=names), encoding="utf-8")
    config = load_config(project)
    config["plugins"] = [
        "search",
        {"macros": {"module_name": "bench_stub", "on_error_fail": True, "on_undefined": "strict"}},
    ]
    save_config(project, config)


def handbook(project: Path) -> None:
    """The handbook as built by ``make build``, without the PDF and compression steps (timed separately)."""
    config = load_config(project)
    config["extra"]["handbook"]["pdf"] = False
    config["extra"]["handbook"]["compress"] = False
    save_config(project, config)


TERM_CALL = re.compile(r"""\{\{\s*term\(\s*(["'])(.*?)\1\s*(?:,\s*(["'])(.*?)\3\s*)?\)\s*\}\}""")


def without_term_links(project: Path) -> None:
    """Replace every ``{{ term(...) }}`` with its plain text: the handbook minus glossary cross-linking."""
    for page in (project / "docs").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        page.write_text(TERM_CALL.sub(lambda m: m.group(4) or m.group(2), text), encoding="utf-8")
    glossary = yaml.safe_load((project / "data" / "glossary.yml").read_text(encoding="utf-8"))
    (project / "docs" / "glossary-terms.md").write_text(
        "# Terms\n\n" + " ".join(f'{{{{ term("{e["id"]}") }}}}' for e in glossary) + "\n",
        encoding="utf-8",
    )
    config = load_config(project)
    config["nav"].append({"Terms": "glossary-terms.md"})
    save_config(project, config)


def add_pages(project: Path, total: int) -> int:
    """Add generated pages (copies of the guidance pages, macros included) up to ``total`` pages.

    The checklist forms (``checklist()`` and ``assessment_record()``) are left out of the
    copies: a handbook has each form once, however many guidance pages it grows to.
    """
    config = load_config(project)
    sources = nav_sources(config["nav"])
    guidance = [
        s
        for s in sources
        if s.startswith(("guidance/", "prompts/", "assessment/")) and "index" not in s
    ]
    texts = [(ROOT / "docs" / s).read_text(encoding="utf-8") for s in guidance]
    texts = [re.sub(r"\{\{\s*(checklist|assessment_record)\(.*?\)\s*\}\}", "", t) for t in texts]
    texts = [re.sub(r"\]\((?!https?:)[^)]*\)", "](../index.md)", t) for t in texts]
    extra = total - len(sources)
    entries = []
    for i in range(extra):
        src = f"generated/page-{i:04d}.md"
        path = project / "docs" / src
        path.parent.mkdir(parents=True, exist_ok=True)
        body = texts[i % len(texts)].replace("\n# ", f"\n# Generated {i}: ", 1)
        path.write_text(body, encoding="utf-8")
        entries.append({f"Generated {i}": src})
    config["nav"].append({"Generated": entries})
    save_config(project, config)
    return extra


DUMP_HOOK = """from pathlib import Path

def on_page_markdown(markdown, page, config, files):
    # the block macros' HTML in place of its comments (macros/pages/blocks.py), as the page has it
    blocks = config["plugins"]["macros"].variables["_build"].blocks
    markdown, _ = blocks.restore(page.file.src_uri, markdown)
    out = Path({folder!r}) / page.file.src_uri
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(markdown, encoding="utf-8")
    return markdown
"""


def expanded_markdown(project: Path, folder: Path) -> None:
    """Build ``project`` once with a hook that writes each page's Markdown after the macros
    ran (hooks run after the plugins) into ``folder``."""
    (project / "bench_dump.py").write_text(DUMP_HOOK.format(folder=str(folder)), encoding="utf-8")
    config = load_config(project)
    config["hooks"] = [*config.get("hooks", []), "bench_dump.py"]
    save_config(project, config)
    timed_build(project, {}, 1)


def content_floor(project: Path, folder: Path) -> None:
    """Turn a plain Material copy into one of the expanded Markdown in ``folder``: what
    Material alone spends on the content the macros generate."""
    for page in folder.rglob("*.md"):
        target = project / "docs" / page.relative_to(folder)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(page, target)


def floor_project(work: Path, name: str, handbook_copy: Path, plain_copy: Path) -> Path:
    """A plain Material copy of the handbook's expanded Markdown (copies of both projects)."""
    dumped = work / f"{name}-dump"
    shutil.copytree(handbook_copy, dumped, ignore=shutil.ignore_patterns("site"))
    expanded_markdown(dumped, work / f"{name}-expanded")
    floor = work / f"{name}-floor"
    shutil.copytree(plain_copy, floor, ignore=shutil.ignore_patterns("site"))
    content_floor(floor, work / f"{name}-expanded")
    return floor


def macros_only_project(target: Path, pages: int | None = None) -> Path:
    project = copy_project(target)
    if pages is not None:
        add_pages(project, pages)
    plain(project)
    macros_only(project)
    return project
