"""Snapshots of the guidance, one per published edition (``editions/<version>.json``): one
unit per piece of guidance (units.py), a stable id and the words a reader sees."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from .files import DataError, fail, read_json, repeated, validate
from .models import _Model

EDITIONS_DIR = "editions"
MAX_UNITS = 5000
VERSION = re.compile(r"^(\d{1,4})\.(\d{1,4})\.(\d{1,4})$")

Kind = Literal[
    "section",  # a section of a page, by its heading id
    "checklist",  # a checklist's title and introduction
    "checklist-section",  # a checklist section's title and introduction
    "item",
    "item-note",
    "glossary-short",
    "glossary-definition",
    "reference",
    "note",  # an overlay's practice note
]
Version = Annotated[str, StringConstraints(pattern=VERSION.pattern, max_length=14)]
Short = Annotated[str, StringConstraints(min_length=1, max_length=300)]


class Unit(_Model):
    id: Short  # e.g. page:guidance/definitions.md#offline-hsb, checklist:demo:item:a
    kind: Kind
    group: Short  # the page or checklist it belongs to, as its title reads
    label: Annotated[str, StringConstraints(max_length=300)]  # its heading or name
    page: Short  # the Markdown source of the page it is read on
    anchor: Annotated[str, StringConstraints(max_length=300)] = ""
    text: Annotated[str, StringConstraints(max_length=100_000)]
    local: bool = False  # an organisation's own, from its overlay

    @property
    def checklist(self) -> str | None:
        """The id of the checklist a checklist unit belongs to."""
        prefix, _, rest = self.id.partition(":")
        return rest.split(":", 1)[0] if prefix == "checklist" else None


class Snapshot(_Model):
    format: Literal[1] = 1
    version: Version
    date: Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$")] | None
    units: tuple[Unit, ...] = Field(max_length=MAX_UNITS)

    def part(self, local: bool) -> Snapshot:
        """The handbook's units only, or (``local``) the overlay's."""
        return self.model_copy(update={"units": tuple(u for u in self.units if u.local == local)})


def version_key(version: str) -> tuple[int, ...]:
    match = VERSION.match(version)
    return tuple(int(p) for p in match.groups()) if match else (0,)


def check_units(units: Sequence[Unit], label: str) -> None:
    twice = list(dict.fromkeys(uid for _, uid in repeated(unit.id for unit in units)))
    if twice:
        shown = ", ".join(f"'{uid}'" for uid in twice[:5])
        raise DataError(f"{label}: unit id used twice in one edition: {shown}")


def snapshot_json(snapshot: Snapshot) -> str:
    """Bytes that depend only on the content: units in id order, keys sorted."""
    data = snapshot.model_dump()
    data["units"] = sorted(data["units"], key=lambda u: u["id"])
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def load_snapshots(
    folder: Path, shown: str, building: str, local: bool = False
) -> tuple[Snapshot, ...]:
    """Every ``<version>.json`` in ``folder``, oldest first (``local``: an overlay's, local
    units only). A version being built that is not ``x.y.z`` (``make bench``'s) is newest."""
    if not folder.exists():
        return ()
    if folder.is_symlink() or not folder.is_dir():
        raise DataError(f"{shown}: not a folder (a symbolic link is not allowed)")
    problems: list[str] = []
    found: dict[str, tuple[str, Snapshot]] = {}
    for path in sorted(folder.glob("*.json")):
        label = f"{shown}/{path.name}"
        try:  # read_json: UTF-8, at most 1 MiB, no repeated keys, no symbolic link
            snapshot = validate(Snapshot, read_json(path, label), label)
            check_units(snapshot.units, label)
        except DataError as exc:
            problems += str(exc).splitlines()
            continue
        if snapshot.version in found:
            other = found[snapshot.version][0]
            problems.append(f"{label}: version: {snapshot.version} is also claimed by {other}")
        elif VERSION.match(building) and version_key(snapshot.version) > version_key(building):
            problems.append(
                f"{label}: version: {snapshot.version} is newer than the version being "
                f"built ({building}, pyproject.toml)"
            )
        elif local and not all(u.local for u in snapshot.units):
            problems.append(f"{label}: units: an overlay's snapshot holds only local units")
        else:
            found[snapshot.version] = (label, snapshot)
    fail(problems)
    return tuple(s for _, s in sorted(found.values(), key=lambda f: version_key(f[1].version)))
