"""MkDocs hooks (``site_hooks``, ``local_hooks``, ``search``: ``hooks:`` in mkdocs.yml) and
the build steps they run (the other modules; guides/code.md has the map)."""

from typing import Any

#: This build's state, macros and blocks (``macros.Build``), set by ``define_env`` before
#: any hook reads it: no hook looks into the macros plugin's object.
build: Any = None
