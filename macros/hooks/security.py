"""The security headers and caching of every copy, in one place, and what carries them: the
nginx and Apache configurations (deploy/, from deploy.conf.j2 by `make deploy-configs`;
test_servers.py fails when one differs), the ``_headers`` file of static hosts (Netlify,
Cloudflare Pages) in the site, and a ``<meta>`` in every page (main.html), for a copy opened
from disk. The CSP allows nothing from other hosts and no ``unsafe-inline``: Material's
inline scripts by hash (:data:`THEME_SCRIPTS`), checked in every page (finished.py), so a
theme upgrade that changes one stops the build. And the ``.gz`` and ``.br`` copies of the
site's text files, beside each, for nginx's ``gzip_static``.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import NamedTuple

import brotli
import jinja2

#: Material 9.8.2's three inline scripts (storage helpers and scope, palette restore,
#: anchor target), with ``extra.scope: /``.
THEME_SCRIPTS = (
    "sha256-exqRXrW/0laiImCrTE8a70vxyyY10FJVIppytLf/dbY=",
    "sha256-DrEMJJ29sL7vIloQzly+VUGMxKcBTMII+OfW7Y8AkG4=",
    "sha256-/8wPdzX9q0NNJXyA5lzsLojXFpkeaXVxhbfkUOQaWy8=",
)
DIRECTIVES: tuple[tuple[str, str], ...] = (
    ("default-src", "'self'"),
    ("script-src", " ".join(("'self'", *(f"'{h}'" for h in THEME_SCRIPTS)))),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self' blob:"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'none'"),
    ("frame-ancestors", "'none'"),
)


def policy(directives: Iterable[tuple[str, str]] = DIRECTIVES) -> str:
    return "; ".join(f"{name} {value}" for name, value in directives)


def meta_policy() -> str:
    # frame-ancestors is ignored (with a console error) in a <meta> element.
    return policy((n, v) for n, v in DIRECTIVES if n != "frame-ancestors")


HEADERS: tuple[tuple[str, str], ...] = (
    ("Content-Security-Policy", policy()),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Frame-Options", "DENY"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
)

NO_CACHE = "no-cache"  # may be stored, but checked with the server on every load
IMMUTABLE = "public, max-age=31536000, immutable"
A_DAY = "public, max-age=86400"
#: Root files of the offline copy, checked on every load wherever the rules would put them.
REVALIDATED = ("sw.js", "manifest.webmanifest", "edition.json")
#: The web app manifest (macros/hooks/offline.py) and its type: Debian's nginx has none.
MANIFEST = ("manifest.webmanifest", "application/manifest+json")


class CacheRule(NamedTuple):
    """``pattern``: a regular expression on the path in the syntax Python, nginx and Apache
    share, anchored by neither end (servers add ``$``)."""

    what: str  # for the comments of the generated configurations
    pattern: str
    cache_control: str


CACHE_RULES: tuple[CacheRule, ...] = (
    CacheRule(
        "The service worker, web app manifest and edition file: checked on every load",
        "/(?:" + "|".join(re.escape(name) for name in REVALIDATED) + ")",
        NO_CACHE,
    ),
    CacheRule(
        "Material's assets with a content hash in their names never change",
        r"/assets/(?:javascripts/bundle|javascripts/workers/search|stylesheets/(?:main|palette))"
        r"\.[0-9a-f]{8}\.min\.(?:js|css)",
        IMMUTABLE,
    ),
    CacheRule(
        "The handbook's own CSS and JavaScript get a content hash in their names at build "
        "time (macros/hooks/assets.py): a new edition is a new name",
        r"/assets/(?:css|javascripts)/[^/]+\.[0-9a-f]{8}\.(?:css|js)",
        IMMUTABLE,
    ),
    CacheRule(
        "Other static files: a day",
        r"\.(?:css|js|map|svg|png|jpg|ico|json|pdf)",
        A_DAY,
    ),
)
PAGE_CACHE = NO_CACHE  # pages and anything else: readers see a new edition at once


def cache_control(path: str) -> str:
    """The ``Cache-Control`` value for the address ``path`` (``/assets/x.css``): first match."""
    for rule in CACHE_RULES:
        if re.search(rule.pattern + "$", path):
            return rule.cache_control
    return PAGE_CACHE


INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.S | re.I)
NOT_CODE = re.compile(r"\b(?:src=|type=[\"']?application/json)", re.I)


def inline_script_problem(html: str) -> str | None:
    """The first inline script in ``html`` whose hash the policy does not list, if any."""
    for match in INLINE_SCRIPT.finditer(html):
        if NOT_CODE.search(match.group("attrs")):
            continue  # a script file or JSON data: nothing to hash
        sha = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        digest = "sha256-" + base64.b64encode(sha).decode()
        if digest not in THEME_SCRIPTS:
            return (
                f"an inline script the Content-Security-Policy does not allow ('{digest}', "
                f"starting '{match.group('body').strip()[:40]}'); if it is the theme's own, "
                "add its hash to THEME_SCRIPTS in macros/hooks/security.py"
            )
    return None


#: What gets copies, with the type a server sends for each (as Debian's /etc/mime.types
#: gives the originals; the Apache configuration sets it on the copies).
TYPES = {
    "html": "text/html; charset=utf-8",
    "css": "text/css",
    "js": "text/javascript",
    "json": "application/json",
    "svg": "image/svg+xml",
    "xml": "application/xml",
}
# Brotli quality 7 takes about 0.1 s for the site; 11 saves another 10% of bytes but takes
# about 3 s, most of a `make build`.
BROTLI_QUALITY = 7


def gzip_bytes(data: bytes) -> bytes:  # reproducible: no name or time
    return gzip.compress(data, compresslevel=9, mtime=0)


def brotli_bytes(data: bytes) -> bytes:
    return bytes(brotli.compress(data, quality=BROTLI_QUALITY))


def compressible(site_dir: Path) -> Iterator[Path]:
    for path in sorted(site_dir.rglob("*")):
        if path.is_file() and path.suffix.lower()[1:] in TYPES:
            yield path


def is_copy(path: Path) -> bool:
    return path.suffix in (".gz", ".br") and path.with_suffix("").is_file()


def compress_site(site_dir: Path) -> list[tuple[int, int, int]]:
    """Write ``.gz`` and ``.br`` copies of every compressible file under ``site_dir``; the
    sizes of each (plain, gzip, Brotli)."""
    sizes = []
    for path in compressible(site_dir):
        data = path.read_bytes()
        gz, br = gzip_bytes(data), brotli_bytes(data)
        path.with_name(path.name + ".gz").write_bytes(gz)
        path.with_name(path.name + ".br").write_bytes(br)
        sizes.append((len(data), len(gz), len(br)))
    return sizes


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
