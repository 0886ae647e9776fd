"""The site's own assets: content-hashed names (kept by a browser for ever: a new edition is
a new name), the scripts joined, Material's files in the theme."""

from __future__ import annotations

import hashlib
import posixpath
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from mkdocs.exceptions import PluginError

HASH_LENGTH = 8
SCRIPT_BUNDLE = "assets/javascripts/handbook.js"
#: Material's own script, one file named by its content (overrides/main.html loads it).
THEME_SCRIPT = "assets/javascripts/bundle.*.min.js"


def hashed_name(path: str, content: bytes) -> str:
    """``assets/css/handbook.css`` → ``assets/css/handbook.<first 8 hex of SHA-256>.css``."""
    name, digest = PurePosixPath(path), hashlib.sha256(content).hexdigest()[:HASH_LENGTH]
    return str(name.with_stem(f"{name.stem}.{digest}"))


def theme_files(theme_dirs: Iterable[str], pattern: str) -> list[str]:
    """The theme's files matching ``pattern``, as paths in the site, each once, sorted."""
    folder, name = posixpath.split(pattern)
    return sorted(
        {
            posixpath.join(folder, path.name)
            for theme in theme_dirs
            for path in (Path(theme) / folder).glob(name)
            if path.is_file()
        }
    )


def theme_file(theme_dirs: Iterable[str], pattern: str, user: str) -> str:
    """The theme's one file matching ``pattern``, which ``user`` loads."""
    found = theme_files(theme_dirs, pattern)
    if len(found) != 1:
        raise PluginError(
            f"the theme has {len(found)} files matching {pattern} "
            f"({', '.join(found) or 'none'}); {user} loads exactly one"
        )
    return found[0]


def join_scripts(sources: list[tuple[str, bytes]]) -> bytes:
    """The scripts as one file in strict mode (no component repeats "use strict"), in order,
    each after a comment naming it and in a function of its own (its scope; it may return)."""
    wrap = b"/* %s */\n(function () {\n%s\n})();\n"
    return b'"use strict";\n' + b"\n".join(wrap % (n.encode(), d.rstrip()) for n, d in sources)
