"""Two builds of the handbook compared file by file, apart from the generator tag and what
follows from it: the service worker's list of file hashes (and its cache name, made from
that list) and the compressed copies of the pages.

Each file is compared in a normalised form: a page without its ``<meta name="generator">``;
a ``.gz`` or ``.br`` copy as the normalised file it decompresses to; ``sw.js`` with each
listed hash replaced by the hash of the normalised file, where the listed hash is that of
the file in its own build (a wrong hash is left in place, so it shows as a difference).
"""

from __future__ import annotations

import gzip
import hashlib
import re
from pathlib import Path

import brotli

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
#: In sw.js: ["path", "first 16 hex digits of its SHA-256"], and the cache name made from them.
LISTED = re.compile(r'\["([^"]+)", "([0-9a-f]{16})"\]')
FILES = re.compile(r'"files": (\[\[.*?\]\])')
CACHE = re.compile(r'("cache": "[^" ]+ )([0-9a-f]{16})"')
WORKER = "sw.js"


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def normalised(site: Path, path: str, data: bytes | None = None) -> bytes:
    """The bytes of ``site/path`` (or ``data``, its content) with the generator's traces removed."""
    data = (site / path).read_bytes() if data is None else data
    if path.endswith(".gz"):
        return normalised(site, path.removesuffix(".gz"), gzip.decompress(data))
    if path.endswith(".br"):
        return normalised(site, path.removesuffix(".br"), brotli.decompress(data))
    if path.endswith(".html"):
        return GENERATOR.sub(b'<meta name="generator">', data)
    if path == WORKER:
        return worker(site, data.decode("utf-8")).encode("utf-8")
    return data


def worker(site: Path, text: str) -> str:
    """sw.js with its hashes of this build's files replaced by hashes of their normalised form."""
    listing = FILES.search(text)
    cache = CACHE.search(text)
    if listing and cache and digest(listing[1].encode()) == cache[2]:
        text = CACHE.sub(r'\1(made from the list)"', text, count=1)

    def rehash(match: re.Match[str]) -> str:
        path, listed = match[1], match[2]
        file = site / path
        if not file.is_file() or digest(file.read_bytes()) != listed:
            return match[0]
        return f'["{path}", "{digest(normalised(site, path))}"]'

    return LISTED.sub(rehash, text)


def first_difference(a: bytes, b: bytes) -> str:
    at = next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )
    return f"at byte {at}: {a[max(at - 30, 0) : at + 30]!r} ≠ {b[max(at - 30, 0) : at + 30]!r}"


def differences(a: Path, b: Path) -> list[str]:
    """One line for each file that differs between builds ``a`` and ``b`` beyond the generator."""
    files_a = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    out = [f"{path}: only in {a}" for path in sorted(files_a - files_b)]
    out += [f"{path}: only in {b}" for path in sorted(files_b - files_a)]
    for path in sorted(files_a & files_b):
        if (a / path).read_bytes() == (b / path).read_bytes():
            continue
        one, other = normalised(a, path), normalised(b, path)
        if one != other:
            out.append(f"{path}: differs beyond the generator tag, {first_difference(one, other)}")
    return out
