"""The published editions (``editions/``, and an overlay's own ``<folder>/editions/``) and
what changed in each, up to the content being built."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .changes import LastChanged, Step, last_changed, merge, timeline
from .editions import EDITIONS_DIR, Snapshot, Unit, check_units, load_snapshots
from .files import DataError
from .units import data_units


@dataclass(frozen=True)
class History:
    version: str  # the version being built
    base: tuple[Snapshot, ...]
    local: tuple[Snapshot, ...] = ()
    _data: dict[str, LastChanged] = field(default_factory=dict, compare=False)

    def current(self, units: Iterable[Unit], date: str | None = None) -> Snapshot:
        return Snapshot(version=self.version, date=date, units=tuple(units))

    def steps(self, units: Sequence[Unit], label: str = "this build") -> list[Step]:
        """Every edition with its changes, and the version being built if it differs."""
        check_units(units, label)
        base = timeline(self.base, self.current(u for u in units if not u.local))
        local = timeline(self.local, self.current(u for u in units if u.local))
        return merge(base, local) if self.local else base

    def data_changes(self, units: Sequence[Unit]) -> LastChanged:
        """When each checklist last changed, from the data units alone (no page is needed:
        the checklist PDFs start before the pages are built)."""
        if "data" not in self._data:

            def data(snapshots: Iterable[Snapshot]) -> tuple[Snapshot, ...]:
                return tuple(
                    s.model_copy(update={"units": tuple(u for u in s.units if u.checklist)})
                    for s in snapshots
                )

            kept = History(self.version, data(self.base), data(self.local))
            self._data["data"] = last_changed(kept.steps([u for u in units if u.checklist]))
        return self._data["data"]


def state_units(
    checklists: Iterable[Any], glossary: Iterable[Any], references: Iterable[Any]
) -> list[Unit]:
    """The data units of the validated models (checklists with an overlay's local items)."""
    return data_units(
        [c.model_dump() for c in checklists],
        [e.model_dump() for e in glossary],
        [r.model_dump(mode="json") for r in references],
    )


def load_history(root: Path, version: str, overlay_folder: Path | None = None) -> History:
    """The handbook's snapshots and, for an overlay, its own; every problem one line each."""
    base = load_snapshots(root / EDITIONS_DIR, EDITIONS_DIR, version)
    local: tuple[Snapshot, ...] = ()
    if overlay_folder is not None:
        shown = overlay_folder / EDITIONS_DIR
        label = shown.relative_to(root).as_posix() if shown.is_relative_to(root) else str(shown)
        local = load_snapshots(shown, label, version, local=True)
        known = {s.version for s in base} | {version}
        unknown = [s.version for s in local if s.version not in known]
        if unknown:
            raise DataError(f"{label}: version {unknown[0]}: no such edition in {EDITIONS_DIR}/")
    return History(version, base, local)
