"""What changed in the guidance between editions, and when each page last changed.

Units match by id, then (a renamed heading, a moved section) by the similarity of their
words, within one kind, the same page first. A match with other words is "reworded"; one in
another page or checklist "moved"; one under a new id with the same words and place is not
listed. What is left is "added" or "removed".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from itertools import pairwise
from pathlib import Path
from typing import Literal

from .editions import EDITIONS_DIR, Snapshot, Unit, check_units, load_snapshots, version_key
from .files import DataError
from .loading import shown

Status = Literal["added", "removed", "moved", "reworded"]
#: The least similarity (difflib's ratio over words) for two units under different ids to be one.
SIMILAR = 0.6


@dataclass(frozen=True)
class Change:
    status: Status
    before: Unit | None
    after: Unit | None

    @property
    def unit(self) -> Unit:
        return next(u for u in (self.after, self.before) if u)  # a change has one side or two


@dataclass(frozen=True)
class Step:
    version: str
    date: str | None  # None: not yet published
    comparison: tuple[Change, ...] | None  # None: the first edition
    since: bool = False  # not yet published, and the version is still a published one's

    @property
    def anchor(self) -> str:
        version = "version-" + self.version.replace(".", "-")
        return version if self.published else "not-yet-published"

    @property
    def title(self) -> str:
        if self.published:
            return f"Version {self.version} ({self.date})"
        if self.since:
            return f"Changes after version {self.version} (not yet published)"
        return f"Version {self.version} (not yet published)"

    @property
    def published(self) -> bool:
        return self.date is not None


def _similar(a: Unit, b: Unit) -> float:
    """How alike two units' words are (difflib's ratio over words: over characters, a long
    section costs a tenth of a second)."""
    matcher = SequenceMatcher(None, a.text.split(), b.text.split(), autojunk=False)
    if matcher.real_quick_ratio() < SIMILAR or matcher.quick_ratio() < SIMILAR:
        return 0.0
    return matcher.ratio()


def _change(before: Unit, after: Unit) -> Change | None:
    if before.group != after.group or before.page != after.page:
        return Change("moved", before, after)
    if before.text != after.text:
        return Change("reworded", before, after)
    return None


def compare(old: Iterable[Unit], new: Iterable[Unit]) -> tuple[Change, ...]:
    before = {u.id: u for u in old}
    after = {u.id: u for u in new}
    gone = [u for i, u in before.items() if i not in after]
    came = [u for i, u in after.items() if i not in before]
    scored = [  # the same page first, then the most alike
        (a.page != b.page, -score, i, j)
        for i, a in enumerate(gone)
        for j, b in enumerate(came)
        if a.kind == b.kind and (score := _similar(a, b)) >= SIMILAR
    ]
    pairs: dict[int, int] = {}  # gone[i] is came[j]
    for _, _, i, j in sorted(scored):
        if i not in pairs and j not in pairs.values():
            pairs[i] = j
    changes = [_change(before[i], after[i]) for i in after if i in before]
    changes += [_change(gone[i], came[j]) for i, j in pairs.items()]
    changes += [Change("removed", u, None) for i, u in enumerate(gone) if i not in pairs]
    changes += [Change("added", None, u) for j, u in enumerate(came) if j not in pairs.values()]
    return tuple(c for c in changes if c is not None)


def timeline(snapshots: Sequence[Snapshot], current: Snapshot | None) -> list[Step]:
    """Each published edition with its changes; then the one being built, if it differs."""
    steps = [Step(s.version, s.date, None) for s in snapshots[:1]]
    steps += [Step(b.version, b.date, compare(a.units, b.units)) for a, b in pairwise(snapshots)]
    if current and snapshots and (comparison := compare(snapshots[-1].units, current.units)):
        since = current.version == snapshots[-1].version
        steps.append(Step(current.version, None, comparison, since))
    return steps


def merge(base: Sequence[Step], local: Sequence[Step]) -> list[Step]:
    found = {(s.version, s.published): s for s in base}
    for step in local:
        mine = found.setdefault((step.version, step.published), step)
        if mine is not step and mine.comparison is not None and step.comparison:
            joined = mine.comparison + step.comparison
            found[(step.version, step.published)] = replace(mine, comparison=joined)
    return sorted(found.values(), key=lambda s: (version_key(s.version), not s.published))


class LastChanged:
    def __init__(self, steps: Sequence[Step]) -> None:
        self.first = steps[0] if steps else None
        units = [(u, s) for s in steps for c in s.comparison or () for u in (c.before, c.after)]
        self.latest = {p: s for u, s in units if u for p in (u.page, f"checklist:{u.checklist}")}

    def of(self, *keys: str) -> Step | None:
        """The latest step changing any of ``keys``; the first edition if none did."""
        found = [self.latest[k] for k in keys if k in self.latest]
        return max(found, key=lambda s: version_key(s.version), default=self.first)


@dataclass(frozen=True)
class History:
    version: str  # the version being built
    base: tuple[Snapshot, ...]
    local: tuple[Snapshot, ...] = ()
    _data: list[LastChanged] = field(default_factory=list, compare=False)

    def current(self, units: Iterable[Unit], date: str | None = None) -> Snapshot:
        return Snapshot(version=self.version, date=date, units=tuple(units))

    def steps(self, units: Sequence[Unit]) -> list[Step]:
        check_units(units, "this build")
        base = timeline(self.base, self.current(u for u in units if not u.local))
        local = timeline(self.local, self.current(u for u in units if u.local))
        return merge(base, local) if self.local else base

    def data_changes(self, units: Sequence[Unit]) -> LastChanged:
        """When each checklist last changed, from its ``units`` alone (the PDFs start first)."""
        if self._data:
            return self._data[0]
        base, local = (
            tuple(s.model_copy(update={"units": [u for u in s.units if u.checklist]}) for s in x)
            for x in (self.base, self.local)
        )
        self._data.append(LastChanged(History(self.version, base, local).steps(units)))
        return self._data[0]


def load_history(root: Path, version: str, overlay_folder: Path | None = None) -> History:
    base = load_snapshots(root / EDITIONS_DIR, EDITIONS_DIR, version)
    local: tuple[Snapshot, ...] = ()
    if overlay_folder is not None:
        label = shown(overlay_folder / EDITIONS_DIR, root)
        local = load_snapshots(overlay_folder / EDITIONS_DIR, label, version, local=True)
        known = {s.version for s in base} | {version}
        unknown = [s.version for s in local if s.version not in known]
        if unknown:
            raise DataError(f"{label}: version {unknown[0]}: no such edition in {EDITIONS_DIR}/")
    return History(version, base, local)
