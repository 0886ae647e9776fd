"""What an overlay owns, checked before any of it is read: no symbolic link anywhere.

An overlay is one file and the folder named after it (``areas/north.yml`` and
``areas/north/``, macros/data/loading.py ``overlay_folder``); it names its logo and local
pages relative to that folder. A symbolic link there could lead anywhere on the build
machine: to another area's drafts, or to a file whose lines would then be quoted in a
message. So the overlay file, each folder on the way to it from the project, its folder
and everything inside that folder are looked at with ``lstat`` (which never follows a
link), before anything is opened: each must be a regular file or a folder. Each link or
special file (a pipe, a device) is refused in one line naming it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .files import fail


def shown(path: Path, root: Path) -> str:
    """A path as messages show it: relative to the project where it is inside it."""
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def _problem(path: Path, root: Path, folder: bool = False) -> str | None:
    """Why ``path`` is not a plain file (or folder) of an overlay, or None (also if absent)."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return None  # reported where it is needed ("no such file")
    except OSError as exc:
        return f"{shown(path, root)}: cannot be read ({exc.strerror})"
    if stat.S_ISLNK(mode):
        return (
            f"{shown(path, root)}: is a symbolic link; no part of an overlay may be one (its "
            "file, the folders on the way to it, its folder or anything in that folder)"
        )
    if not (stat.S_ISREG(mode) or (folder and stat.S_ISDIR(mode))):
        kind = "file" if not folder else "file or folder"
        return f"{shown(path, root)}: is not a regular {kind}"
    return None


def first_link(base: Path, relative: str, root: Path) -> str | None:
    """The problem with the first link (or special file) on the way from ``base`` (not
    itself) down to ``base / relative``, or None."""
    path, parts = base, Path(relative).parts
    for i, part in enumerate(parts):
        path = path / part
        problem = _problem(path, root, folder=i < len(parts) - 1)
        if problem:
            return problem
    return None


def check_owned(overlay: Path, folder: Path, root: Path) -> Path:
    """The overlay's ``folder``, once no link or special file is found at the overlay file,
    on the way to it from the project (when it is inside the project), at its folder or
    anywhere inside that; else a :class:`DataError`, one line for each."""
    inside = overlay.is_relative_to(root)
    problem = first_link(root, overlay.relative_to(root).as_posix(), root) if inside else None
    problems = [problem or _problem(overlay, root)]
    problems.append(_problem(folder, root, folder=True))
    if not any(problems) and folder.is_dir():
        for top, dirs, files in os.walk(folder):  # never follows a link (followlinks=False)
            dirs.sort()
            problems += [_problem(Path(top, n), root, folder=True) for n in dirs]
            problems += [_problem(Path(top, n), root) for n in sorted(files)]
    fail([p for p in problems if p])
    return folder
