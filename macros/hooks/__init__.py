"""MkDocs hooks (``hooks:`` in mkdocs.yml) and the build steps they run.

``site_hooks`` and ``local_hooks`` are the two files MkDocs loads; they only wire events
to small modules: ``assets`` (hashed names, the scripts joined into one file, the
overlay's logo), ``compress`` (.gz and .br copies), ``security`` (the
Content-Security-Policy, other headers and caching: the one source), ``servers`` (nginx
and Apache configurations and the ``_headers`` file from it),
``placement`` (notices and notes after a heading), ``offline`` (the service worker and
the edition id; ``worker/`` holds the two service workers) and ``manifest`` (the web app
manifest and its icons).
"""

from __future__ import annotations

from typing import Any

#: Where the macros module leaves what one build's hooks read (macros/__init__.py).
BUILD_KEY = "_build"


def build_of(config: Any) -> Any:
    """This build's state, macros and blocks, as the macros plugin assembled them."""
    return config["plugins"]["macros"].variables[BUILD_KEY]
