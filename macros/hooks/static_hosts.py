"""The ``_headers`` file for static hosts (Netlify, Cloudflare Pages and others that read
the format), written into the site's root by the build from macros/hooks/security.py."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from pathlib import PurePosixPath

from .security import HEADERS, REVALIDATED, cache_control

HEADERS_FILE = "_headers"  # in the site's root, where static hosts look for it
ROOT_DIR = "/srv/ta-hsb-handbook/site"  # where the server configurations' install notes put it
GENERATED = "Generated from macros/hooks/security.py by `make deploy-configs`: do not edit."


def comment(text: str, indent: str = "") -> str:
    """``text`` as comment lines of at most 88 columns."""
    lines = []
    for line in text.strip().splitlines():
        wrapped = textwrap.wrap(line, 86 - len(indent), break_on_hyphens=False) or [""]
        lines += [f"{indent}# {part}".rstrip() for part in wrapped]
    return "\n".join(lines)


def static_headers(files: Iterable[str]) -> str:
    """A ``_headers`` file for the site whose files (relative paths) are ``files``.

    Hosts that read this format apply every rule that matches an address and join the
    values of a header set by two rules, so ``/*`` carries the security headers only and
    each address matches exactly one ``Cache-Control`` rule: a folder whose files all
    cache alike gets one ``/folder/*`` rule, and the files of a mixed folder get one rule
    each. The result stays far under the 100 rules Cloudflare Pages allows."""
    paths = sorted({PurePosixPath(f) for f in files} | {PurePosixPath(n) for n in REVALIDATED})
    rules: list[tuple[str, str]] = []
    _cover(PurePosixPath("."), paths, rules)
    out = [comment(f"Headers for static hosts that read a _headers file.\n{GENERATED}"), "/*"]
    out += [f"  {name}: {value}" for name, value in HEADERS]
    for pattern, cache in rules:
        out += ["", pattern, f"  Cache-Control: {cache}"]
    return "\n".join(out) + "\n"


def _url(path: PurePosixPath) -> str:
    return "/" + path.as_posix()


def _cover(folder: PurePosixPath, paths: list[PurePosixPath], rules: list[tuple[str, str]]) -> None:
    kinds = {cache_control(_url(p)) for p in paths}
    if folder != PurePosixPath(".") and len(kinds) == 1:
        rules.append((_url(folder) + "/*", kinds.pop()))
        return
    subfolders: dict[PurePosixPath, list[PurePosixPath]] = {}
    for path in paths:
        inside = path.relative_to(folder) if folder != PurePosixPath(".") else path
        if len(inside.parts) == 1:
            cache = cache_control(_url(path))
            if path.name == "index.html":  # the folder's own address serves it too
                rules.append((_url(folder) + "/" if folder.parts else "/", cache))
            rules.append((_url(path), cache))
        else:
            subfolders.setdefault(folder / inside.parts[0], []).append(path)
    for sub, inner in sorted(subfolders.items()):
        _cover(sub, inner, rules)
