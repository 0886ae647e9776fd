"""The site's own assets: content-hashed names for the handbook's stylesheets and scripts,
the handbook's scripts joined into one file, and the overlay's logo under its fixed name.

A reader's browser may keep a file with a hashed name for as long as it likes:
a new edition of the file gets a new name, so a page never meets an old copy.
"""

from __future__ import annotations

import hashlib
import posixpath
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

from ..data.logo import Logo

HASH_LENGTH = 8


def is_local(path: str) -> bool:
    """A path inside the site (``assets/x.css``), not a URL or an absolute path."""
    parts = urlsplit(path)
    return not parts.scheme and not parts.netloc and not path.startswith("/")


def hashed_name(path: str, content: bytes) -> str:
    """``assets/css/handbook.css`` → ``assets/css/handbook.<first 8 hex of SHA-256>.css``."""
    head, name = posixpath.split(path)
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem:
        stem, ext = name, ""
    digest = hashlib.sha256(content).hexdigest()[:HASH_LENGTH]
    return posixpath.join(head, f"{stem}.{digest}" + (f".{ext}" if ext else ""))


SCRIPT_BUNDLE = "assets/javascripts/handbook.js"
#: Material's own script, one file named by its content (overrides/main.html loads it).
THEME_SCRIPT = "assets/javascripts/bundle.*.min.js"


def theme_files(theme_dirs: Iterable[str], pattern: str) -> list[str]:
    """The theme's files matching ``pattern`` (``assets/javascripts/bundle.*.min.js``), as
    paths in the site, each once, in order."""
    folder, name = posixpath.split(pattern)
    return sorted(
        {
            posixpath.join(folder, path.name)
            for theme in theme_dirs
            for path in (Path(theme) / folder).glob(name)
            if path.is_file()
        }
    )


def join_scripts(sources: list[tuple[str, bytes]]) -> bytes:
    """The handbook's scripts, one component per source file, as one file in the order given.

    Each part keeps its own scope (every component is one function expression), and a
    comment names the file it comes from.
    """
    parts = [b"/* " + name.encode() + b" */\n" + data.rstrip() + b"\n" for name, data in sources]
    return b"\n".join(parts)


def publish_logo(logo: Logo, site_dir: Path) -> None:
    """Publish the overlay's checked logo under its fixed name (``assets/local/logo.*``)."""
    target = site_dir / logo.url
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(logo.data)
