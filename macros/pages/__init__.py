"""The macros that pages call: each turns the current page into relative links and hands
plain data to the pure render functions (macros/render/)."""

from __future__ import annotations

from ..data.state import State
from .checklists import ChecklistMacros
from .links import Links
from .local import LocalMacros
from .reference import ReferenceMacros


class Macros:
    """Every page macro, grouped by concern; built once per build from the read-only state."""

    def __init__(self, state: State) -> None:
        links = Links(state)
        self.reference = ReferenceMacros(state, links)
        self.checklists = ChecklistMacros(state, links, self.reference)
        self.local = LocalMacros(state)
