"""Every server configuration, from the one source, security.py: nginx and Apache
(deploy/, from deploy.conf.j2 by `make deploy-configs`; test_servers.py fails when one
differs), and the ``_headers`` file of static hosts (Netlify, Cloudflare Pages) in the site.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path

import jinja2

from .compress import TYPES
from .security import CACHE_RULES, HEADERS, MANIFEST, PAGE_CACHE, REVALIDATED, cache_control

HEADERS_FILE = "_headers"  # in the site's root, where static hosts look for it
ROOT_DIR = "/srv/ta-hsb-handbook/site"  # where the server configurations' install notes put it
GENERATED = "Generated from macros/hooks/security.py by `make deploy-configs`: do not edit."


_ENV = jinja2.Environment(  # noqa: S701 -- server configurations, not HTML
    loader=jinja2.FileSystemLoader(Path(__file__).parent),
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
    undefined=jinja2.StrictUndefined,
)
_ENV.filters.update(regex_escape=re.escape)


def render(target: str) -> str:
    """One deploy/ file; the data is read at each call (the tests change it)."""
    return _ENV.get_template("deploy.conf.j2").render(
        target=target,
        headers=HEADERS,
        cache_rules=CACHE_RULES,
        page_cache=PAGE_CACHE,
        manifest=MANIFEST,
        manifest_cache=cache_control(f"/{MANIFEST[0]}"),
        types=TYPES,
        kinds="|".join(TYPES),
        deflate=" ".join(sorted({t.split(";")[0] for t in TYPES.values()})),
        root=ROOT_DIR,
        generated=GENERATED,
    )


#: deploy/ file → what writes it (tools/deploy.py, tests/unit/hooks/test_servers.py).
DEPLOY_FILES: dict[str, Callable[[], str]] = {
    "deploy/nginx/handbook.conf": partial(render, "nginx-site"),
    "deploy/nginx/security-headers.conf": partial(render, "nginx-headers"),
    "deploy/apache/handbook.conf": partial(render, "apache-site"),
    "deploy/apache/htaccess": partial(render, "apache-htaccess"),
}


def static_headers(files: Iterable[str]) -> str:
    """A ``_headers`` file for the site's ``files`` (relative paths). These hosts apply every
    rule that matches and join a header two rules set, so ``/*`` has the security headers
    only and each address matches one ``Cache-Control`` rule: ``/folder/*`` where all its
    files cache alike, else one per file (far under Cloudflare Pages' 100 rules)."""
    rules: list[tuple[str, str]] = []
    _cover("", sorted({f"/{name}" for name in (*files, *REVALIDATED)}), rules)
    out = ["# Headers for static hosts that read a _headers file.", f"# {GENERATED}", "/*"]
    out += [f"  {name}: {value}" for name, value in HEADERS]
    for pattern, cache in rules:
        out += ["", pattern, f"  Cache-Control: {cache}"]
    return "\n".join(out) + "\n"


def _cover(folder: str, addresses: list[str], rules: list[tuple[str, str]]) -> None:
    """The rules for ``addresses`` (``/a/b.css``) inside ``folder`` (``/a``; ``""``: the root)."""
    kinds = {cache_control(address) for address in addresses}
    if folder and len(kinds) == 1:
        rules.append((folder + "/*", kinds.pop()))
        return
    subfolders: dict[str, list[str]] = {}
    for address in addresses:
        name, inside, _ = address[len(folder) + 1 :].partition("/")
        if inside:
            subfolders.setdefault(f"{folder}/{name}", []).append(address)
            continue
        if name == "index.html":  # the folder's own address serves it too
            rules.append((folder + "/", cache_control(address)))
        rules.append((address, cache_control(address)))
    for sub, inner in sorted(subfolders.items()):
        _cover(sub, inner, rules)
