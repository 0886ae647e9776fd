"""The "Changes to the guidance" page, and the "last changed" line under a page's title."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from difflib import SequenceMatcher
from itertools import groupby

from markupsafe import Markup

from ..data.changes import Change, Step
from ..data.editions import Unit
from .html import macros

KINDS = {
    "section": "Section",
    "checklist": "Checklist title and introduction",
    "checklist-section": "Checklist section",
    "item": "Checklist item",
    "item-note": "Note on a checklist item",
    "glossary-short": "Glossary short text",
    "glossary-definition": "Glossary definition",
    "reference": "Reference",
    "note": "Practice note",
}
STATUS = {"added": "Added", "removed": "Removed", "moved": "Moved", "reworded": "Reworded"}
#: Where the ``guidance_changes`` macro puts the list, filled in once every page is ready
#: (macros/hooks/local_hooks.py).
PLACEHOLDER = '<div class="hb-changes" data-hb-changes></div>'
Link = Callable[[Unit], str | None]
CONTEXT = 12  # unchanged words shown on each side of a change


def _kept(words: list[str], first: bool, last: bool) -> str:
    """Unchanged words, shortened to :data:`CONTEXT` words beside each change."""
    if len(words) <= 2 * CONTEXT + 1 or (first and last):
        return " ".join(words)
    head = [] if first else words[:CONTEXT]
    tail = [] if last else words[-CONTEXT:]
    return " ".join([*head, "…", *tail])


def word_marks(before: str, after: str) -> tuple[Markup, Markup]:
    """``before`` with its removed words in ``<del>``, ``after`` with its new ones in
    ``<ins>``; long unchanged stretches are cut to the words beside each change."""
    old, new = before.split(), after.split()
    was: list[Markup | str] = []
    now: list[Markup | str] = []
    ops = SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    for n, (op, i1, i2, j1, j2) in enumerate(ops):
        if op == "equal":
            same = _kept(old[i1:i2], n == 0, n == len(ops) - 1)
            was.append(same)
            now.append(same)
            continue
        if i2 > i1:
            was.append(TEMPLATE.marked(old[i1:i2], "del", "removed"))
        if j2 > j1:
            now.append(TEMPLATE.marked(new[j1:j2], "ins", "added"))
    return Markup(" ").join(was), Markup(" ").join(now)


def shown(c: Change) -> list[tuple[str, Markup, str]]:
    """The words under a change: (label, the words with removed and added ones marked, side)."""
    was, now = word_marks(c.before.text if c.before else "", c.after.text if c.after else "")
    if c.before and c.after and c.before.text != c.after.text:
        return [("Before:", was, "before"), ("After:", now, "after")]
    label = "Words (unchanged):" if c.before and c.after else "Words:"
    return [(label, now, "after")] if c.after else [(label, was, "before")]


def summary(changes: Sequence[Change]) -> str:
    n = Counter(c.status for c in changes)
    counts = [f"{n[s]} {s}" for s in ("reworded", "added", "removed", "moved") if n[s]]
    return (", ".join(counts) + ".").capitalize() if counts else "No changes to the guidance."


def step_html(step: Step, link: Link, order: Mapping[str, int]) -> Markup:
    def group(c: Change) -> tuple[int, str, str]:
        return order.get(c.unit.page, len(order)), c.unit.group, c.unit.page

    found = sorted(step.comparison or (), key=lambda c: (*group(c), c.unit.anchor, c.unit.id))
    return TEMPLATE.step(step, link, [(g[1], list(c)) for g, c in groupby(found, key=group)])


def changes_page(steps: Sequence[Step], link: Link, order: Mapping[str, int]) -> Markup:
    """Every edition, newest first, with its changes grouped by page and checklist."""
    return TEMPLATE.page([step_html(step, link, order) for step in reversed(steps)])


TEMPLATE = macros("changes.html", KINDS=KINDS, STATUS=STATUS, summary=summary, shown=shown)
