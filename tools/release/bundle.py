"""Reproducible archives: entries sorted, every time the release's (a zip's no earlier than 1980,
the first it can hold), owner 0 with no names, modes 0644/0755, GNU tar (no pax headers with
access times), gzip with no name and time 0; and ``SHA256SUMS`` as ``sha256sum -c`` reads it."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
import tarfile
import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from .untrusted import PLAIN_SEGMENT, shown

ZIP_EPOCH = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)


def write_tar_gz(target: Path, parts: Mapping[str, Path], epoch: int) -> int:
    """A .tar.gz of ``parts`` (name in the archive → file or folder); the entry count."""
    entries = list(parts.items())
    for name, source in parts.items():
        if source.is_dir():
            entries += [
                (f"{name}/{p.relative_to(source).as_posix()}", p) for p in source.rglob("*")
            ]
    names = {name for name, _ in entries}
    parents = {
        "/".join(name.split("/")[:i]) for name in names for i in range(1, name.count("/") + 1)
    }
    entries += [(name, Path()) for name in sorted(parents - names)]  # folders not given
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.GNU_FORMAT) as tar:
        for name, source in sorted(entries, key=lambda e: e[0]):
            info = tarfile.TarInfo(name)
            info.mtime = epoch
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            if source == Path() or source.is_dir():
                info.type = tarfile.DIRTYPE
                info.mode = 0o755
                tar.addfile(info)
            else:
                data = source.read_bytes()
                info.size = len(data)
                info.mode = 0o644
                tar.addfile(info, io.BytesIO(data))
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as raw, gzip.GzipFile("", "wb", 9, raw, mtime=0) as gz:
        gz.write(buffer.getvalue())
    return len(entries)


def write_zip(target: Path, files: Iterable[tuple[str, Path]], epoch: int) -> int:
    """A .zip of ``files`` (name in the archive, file on disk); the entry count."""
    when = max(dt.datetime.fromtimestamp(epoch, tz=dt.UTC), ZIP_EPOCH)
    stamp = (when.year, when.month, when.day, when.hour, when.minute, when.second)
    count = 0
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w") as zf:
        for name, path in sorted(files):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so the mode below is read
            info.external_attr = 0o100644 << 16
            zf.writestr(info, path.read_bytes(), compresslevel=9)
            count += 1
    return count


def sha256(path: Path) -> str:
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def write_sums(folder: Path, names: Iterable[str], target: str = "SHA256SUMS") -> Path:
    """``SHA256SUMS`` in ``folder`` for the files ``names`` in it."""
    text = "".join(f"{sha256(folder / name)}  {name}\n" for name in sorted(names))
    (folder / target).write_text(text, encoding="utf-8")
    return folder / target


def check_sums(folder: Path, target: str = "SHA256SUMS") -> list[str]:
    """One line per file whose hash differs, listed file missing or file not listed."""
    sums = folder / target
    if not sums.is_file():
        return [f"{sums}: missing"]
    listed = {}
    for line in sums.read_text(encoding="utf-8").splitlines():
        digest, _, name = line.partition("  ")
        listed[name] = digest
    problems = []
    for name, digest in sorted(listed.items()):
        path = folder / name
        if not PLAIN_SEGMENT.fullmatch(name):  # a name from the release: never a path
            problems.append(f"{shown(name)}: listed in {target}, not a file name")
        elif not path.is_file():
            problems.append(f"{name}: listed in {target} but missing")
        elif sha256(path) != digest:
            problems.append(f"{name}: its SHA-256 differs from {target}")
    present = {p.name for p in folder.iterdir() if p.is_file()} - {target}
    problems += [f"{name}: not listed in {target}" for name in sorted(present - set(listed))]
    return problems
