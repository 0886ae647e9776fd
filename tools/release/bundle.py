"""Reproducible archives: entries sorted, every time the release's (a zip's no earlier than 1980,
the first it can hold), owner 0 with no names, modes 0644/0755, GNU tar (no pax headers with
access times), gzip with no name and time 0; and ``SHA256SUMS`` as ``sha256sum -c`` reads it."""

from __future__ import annotations

import gzip
import hashlib
import tarfile
import time
import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from macros.hooks.security import is_copy


def write_tar_gz(target: Path, folder: str, parts: Mapping[str, Path], epoch: int) -> None:
    """A .tar.gz of ``folder`` holding ``parts`` (name in it → file or folder on disk)."""
    entries: dict[str, Path | None] = {folder: None}
    for name, part in parts.items():
        for path in [part, *part.rglob("*")]:  # a file's rglob is empty
            entries[Path(folder, name, path.relative_to(part)).as_posix()] = path
    with (
        target.open("wb") as raw,
        gzip.GzipFile("", "wb", 9, raw, mtime=0) as gz,
        tarfile.open(fileobj=gz, mode="w", format=tarfile.GNU_FORMAT) as tar,
    ):
        for name, source in sorted(entries.items()):
            info = tarfile.TarInfo(name)  # owner 0 with no names, mode 0644
            info.mtime = epoch
            if source is None or source.is_dir():
                info.type, info.mode = tarfile.DIRTYPE, 0o755
                tar.addfile(info)
            else:
                info.size = source.stat().st_size
                with source.open("rb") as data:
                    tar.addfile(info, data)


def write_zip(site: Path, target: Path, epoch: int) -> int:
    """A .zip of ``site`` in a folder named as ``target``, without the compressed copies only
    servers use; the entry count."""
    stamp = max(time.gmtime(epoch)[:6], (1980, 1, 1, 0, 0, 0))
    entries = sorted(
        (f"{target.stem}/{p.relative_to(site).as_posix()}", p)
        for p in site.rglob("*")
        if p.is_file() and not is_copy(p)
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w") as zf:
        for name, path in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.create_system = 3  # Unix, so the mode below is read
            info.external_attr = 0o100644 << 16
            zf.writestr(info, path.read_bytes(), zipfile.ZIP_DEFLATED, compresslevel=9)
    return len(entries)


def write_sums(folder: Path, names: Iterable[str], target: str = "SHA256SUMS") -> None:
    digests = {name: hashlib.sha256((folder / name).read_bytes()).hexdigest() for name in names}
    text = "".join(f"{digests[name]}  {name}\n" for name in sorted(digests))
    (folder / target).write_text(text, encoding="utf-8")
