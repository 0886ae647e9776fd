"""MkDocs hooks (``hooks:`` in mkdocs.yml) and the build steps they run.

MkDocs loads ``site_hooks``, ``local_hooks`` and ``search``; the steps
are ``assets`` (hashed names, joined scripts, the logo), ``compress`` (.gz and .br
copies), ``security`` (headers, caching, the CSP: the one source), ``servers`` (nginx,
Apache and ``_headers`` from it), ``offline`` (service worker, edition id,
web app manifest; ``worker/`` holds the two service workers) and ``finished``.
"""

from __future__ import annotations

from typing import Any


class Current:
    """This build's state, macros and blocks (``macros.Build``), set by ``define_env``
    before any hook reads it: no hook looks into the macros plugin's object."""

    build: Any = None
