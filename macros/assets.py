"""Content-hashed names for the handbook's own stylesheets and scripts.

A reader's browser may keep a file with a hashed name for as long as it likes:
a new edition of the file gets a new name, so a page never meets an old copy.
"""

from __future__ import annotations

import hashlib
import posixpath
from urllib.parse import urlsplit

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
