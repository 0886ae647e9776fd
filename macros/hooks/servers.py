"""Server configurations written from the one source, macros/hooks/security.py.

- nginx: deploy/nginx/handbook.conf (a server block) and security-headers.conf (a snippet),
  written here;
- Apache httpd: deploy/apache/handbook.conf (a site) and deploy/apache/htaccess (the same
  rules for a host that only allows an ``.htaccess`` file), written by apache.py;
- static hosts that read a ``_headers`` file (Netlify, Cloudflare Pages and others): the
  build writes it into the site (macros/hooks/static_hosts.py).

Each sends :data:`~macros.hooks.security.HEADERS` on every response and caches by
:data:`~macros.hooks.security.CACHE_RULES`. `make deploy-configs` writes the deploy/
files; tests/unit/hooks/test_servers.py fails when one differs from what this module
writes, so no copy drifts from another when Material or a rule changes.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .apache import apache_htaccess, apache_site
from .security import CACHE_RULES, HEADERS, MANIFEST, PAGE_CACHE, cache_control
from .static_hosts import GENERATED, ROOT_DIR, comment

# -- nginx ---------------------------------------------------------------------------


def nginx_headers() -> str:
    lines = [f'add_header {name} "{value}" always;' for name, value in HEADERS]
    return (
        comment(
            f"""
Security headers for the TA-HSB handbook. Included by every location in
handbook.conf, because an add_header inside a location replaces the server's.
{GENERATED}

Content-Security-Policy: nothing from other hosts. Scripts are the site's own
files plus the inline scripts that Material for MkDocs writes into every page,
allowed by hash, not by 'unsafe-inline'. Styles need no 'unsafe-inline'.
"""
        )
        + "\n"
        + "\n".join(lines)
        + "\n"
    )


def _nginx_location(match: str, cache: str, what: str, body: str = "try_files $uri =404;") -> str:
    return (
        f"    {comment(what, '    ').lstrip()}\n"
        f"    location {match} {{\n"
        "        include snippets/ta-hsb-security-headers.conf;\n"
        f'        add_header Cache-Control "{cache}" always;\n'
        f"        {body}\n"
        "    }\n"
    )


def nginx_site() -> str:
    name, kind = MANIFEST
    manifest = _nginx_location(
        f'~ "/{re.escape(name)}$"',
        cache_control(f"/{name}"),
        "The web app manifest, with its type (nginx's mime.types has none for it); "
        "cached as the next rule says.",
        f"types {{ }}\n        default_type {kind};\n        try_files $uri =404;",
    )
    rules = "\n".join(
        _nginx_location(f'~ "{rule.pattern}$"', rule.cache_control, rule.what)
        for rule in CACHE_RULES
    )
    return (
        NGINX_HEAD
        + _nginx_location(
            "/",
            PAGE_CACHE,
            "Pages, and anything no rule below matches: always revalidate, so readers "
            "see a new edition at once.",
            "try_files $uri $uri/ =404;",
        )
        + "\n"
        + manifest
        + "\n"
        + rules
        + "\n"
        + _nginx_location("= /404.html", PAGE_CACHE, "The handbook's 404 page.", "internal;")
        + "}\n"
    )


NGINX_HEAD = f"""\
# nginx server block for a self-hosted copy of the TA-HSB practice handbook.
# {GENERATED}
#
# Install (Debian):
#   cp deploy/nginx/security-headers.conf /etc/nginx/snippets/ta-hsb-security-headers.conf
#   cp deploy/nginx/handbook.conf /etc/nginx/sites-available/ta-hsb-handbook
#   ln -s ../sites-available/ta-hsb-handbook /etc/nginx/sites-enabled/
#   # Optional, where nginx has the Brotli module (Debian: apt-get install
#   # libnginx-mod-http-brotli-static); without it, skip this line:
#   cp deploy/nginx/brotli.conf /etc/nginx/snippets/ta-hsb-brotli.conf
#   rsync -a --delete site/ {ROOT_DIR}/
#   nginx -t && systemctl reload nginx
# Put TLS in front (or add `listen 443 ssl` with your certificate) as your
# organisation requires; nothing here needs the internet.

server {{
    listen 8080;
    server_name _;
    root {ROOT_DIR};
    index index.html;
    charset utf-8;
    server_tokens off;
    # Redirects (a folder without its trailing slash) name the path only, never
    # the Host header the request claims.
    absolute_redirect off;
    error_page 404 /404.html;
    # For responses made before a location is chosen (400, 414 …); every
    # location below includes the snippet itself, since its add_header
    # lines replace these.
    include snippets/ta-hsb-security-headers.conf;

    # No dotfile or dot-folder (.git, .env, .venv …) is ever served, except /.well-known/.
    location ~ /\\.(?!well-known/) {{
        include snippets/ta-hsb-security-headers.conf;
        return 404;
    }}

    # Compression: the build writes a .gz and a .br copy beside every HTML, CSS,
    # JS, JSON, SVG and XML file; nginx sends those as they are (no work per
    # request). On-the-fly gzip is the fallback for a file without a copy.
    # Brotli copies are sent only where the optional snippet is installed (the
    # wildcard include matches nothing otherwise, and nginx still loads).
    gzip_static on;
    gzip on;
    gzip_vary on;
    gzip_comp_level 6;
    gzip_min_length 256;
    gzip_types text/css application/javascript text/javascript application/json image/svg+xml application/xml text/xml;
    include snippets/ta-hsb-brotli*.conf;

    # Caching: nginx takes the first regular-expression location that matches,
    # in this order, and `location /` when none does.
"""


#: deploy/ file → what writes it (tools/deploy.py, tests/unit/hooks/test_servers.py).
DEPLOY_FILES: dict[str, Callable[[], str]] = {
    "deploy/nginx/handbook.conf": nginx_site,
    "deploy/nginx/security-headers.conf": nginx_headers,
    "deploy/apache/handbook.conf": apache_site,
    "deploy/apache/htaccess": apache_htaccess,
}
