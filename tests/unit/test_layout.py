"""The layout shows the pipeline: imports point one way, no cycle between subpackages, no
module over 300 lines, and the state is assembled in one place."""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest

from tests.conftest import ROOT

#: Each part of ``macros`` and the layers it may import (its own part is always allowed).
#: A part may import only parts of a lower rank: data < render < pages, pdf < hooks < the
#: registry (``macros/__init__.py``); parts of the same rank never import each other.
RANK = {"data": 0, "render": 1, "pages": 2, "pdf": 2, "hooks": 3, "": 4}
MAX_LINES = 300


def part_of(module: str) -> str:
    """``macros.data.files`` → ``data``; ``macros`` (the registry) → ``""``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in RANK else ""


def module_name(path: Path, root: Path) -> str:
    rel = path.relative_to(root).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def imports(module: str, source: str, is_package: bool) -> set[str]:
    """Every ``macros`` module ``source`` imports (function-local imports included)."""
    found = set()
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            if target == "macros":  # "from macros import data" names a part, not the registry
                found |= {f"macros.{a.name}" if a.name in RANK else target for a in node.names}
            elif target.split(".")[0] == "macros":
                found.add(target)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "macros"}
    return found


def sources(root: Path) -> dict[str, tuple[str, bool]]:
    """Module name → (source, is a package) for every module under ``root/macros``."""
    return {
        module_name(p, root): (p.read_text(encoding="utf-8"), p.name == "__init__.py")
        for p in sorted((root / "macros").rglob("*.py"))
    }


def layer_problems(modules: Mapping[str, tuple[str, bool]]) -> list[str]:
    """One line for each import against the direction of the pipeline."""
    problems = []
    for module, (source, is_package) in modules.items():
        here = part_of(module)
        for target in sorted(imports(module, source, is_package)):
            there = part_of(target)
            if there != here and RANK[there] >= RANK[here]:
                problems.append(
                    f"{module} ({here or 'registry'}) imports {target} "
                    f"({there or 'registry'}): imports must point down the pipeline"
                )
    return problems


def cycles(edges: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """Every cycle in a small directed graph (depth-first, each cycle once per start)."""
    found: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        for nxt in edges.get(node, ()):
            if nxt == path[0]:
                found.append([*path, nxt])
            elif nxt not in path and nxt > path[0]:
                visit(nxt, [*path, nxt])

    for start in sorted(edges):
        visit(start, [start])
    return found


def part_graph(modules: Mapping[str, tuple[str, bool]]) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for module, (source, is_package) in modules.items():
        here = part_of(module)
        for target in imports(module, source, is_package):
            if part_of(target) != here:
                graph.setdefault(here, set()).add(part_of(target))
    return graph


def test_imports_point_one_way() -> None:
    assert layer_problems(sources(ROOT)) == []


def test_no_cycle_between_subpackages() -> None:
    assert cycles(part_graph(sources(ROOT))) == []


@pytest.mark.parametrize(
    ("module", "line", "wrong"),
    [
        ("macros.data.usage", "from ..pages.links import where", "macros.pages.links"),
        ("macros.render.html", "from macros.pdf import writer", "macros.pdf"),
        ("macros.pdf.book", "from ..pages import Macros", "macros.pages"),
        (
            "macros.pages.links",
            "from ..hooks.placement import insert_after",
            "macros.hooks.placement",
        ),
        ("macros.data.files", "from macros import Build", "macros"),
    ],
)
def test_a_wrong_import_is_caught(module: str, line: str, wrong: str) -> None:
    """The check can fail: one import against the pipeline in an otherwise real tree."""
    modules = dict(sources(ROOT))
    source, is_package = modules[module]
    modules[module] = (source + "\n" + line + "\n", is_package)
    [problem] = layer_problems(modules)
    assert problem.startswith(f"{module} (")
    assert f"imports {wrong} (" in problem


def test_a_cycle_is_caught() -> None:
    assert cycles({"data": {"render"}, "render": {"data"}}) == [["data", "render", "data"]]
    assert cycles({"pages": {"render"}, "render": {"data"}}) == []


@pytest.mark.parametrize("folder", ["macros", "tools"])
def test_no_module_over_300_lines(folder: str) -> None:
    long = {
        p.relative_to(ROOT).as_posix(): n
        for p in (ROOT / folder).rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_the_state_is_assembled_in_one_place() -> None:
    callers = [
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "macros").rglob("*.py")
        if "assemble(" in p.read_text(encoding="utf-8") and p.name != "state.py"
    ]
    assert callers == ["macros/__init__.py"]
