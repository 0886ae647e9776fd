"""Server configurations written from the one source, macros/hooks/security.py.

- nginx: deploy/nginx/handbook.conf (a server block) and security-headers.conf (a snippet);
- Apache httpd: deploy/apache/handbook.conf (a site) and deploy/apache/htaccess (the same
  rules for a host that only allows an ``.htaccess`` file);
- static hosts that read a ``_headers`` file (Netlify, Cloudflare Pages and others): the
  build writes it into the site (macros/hooks/static_hosts.py).

Each sends :data:`~macros.hooks.security.HEADERS` on every response and caches by
:data:`~macros.hooks.security.CACHE_RULES`. `make deploy-configs` writes the deploy/
files; tests/unit/hooks/test_servers.py fails when one differs from what this module
writes, so no copy drifts from another when Material or a rule changes.
"""

from __future__ import annotations

from collections.abc import Callable

from .security import CACHE_RULES, HEADERS, PAGE_CACHE
from .static_hosts import GENERATED, comment

ROOT_DIR = "/srv/ta-hsb-handbook/site"  # where the install notes put the site
#: The build writes a .gz and a .br copy of these (macros/hooks/compress.py).
COMPRESSED = ("html", "css", "js", "json", "svg", "xml")
#: Content types of the compressed copies, as Debian's /etc/mime.types gives the originals.
TYPES = {
    "html": "text/html; charset=utf-8",
    "css": "text/css",
    "js": "text/javascript",
    "json": "application/json",
    "svg": "image/svg+xml",
    "xml": "application/xml",
}


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


# -- Apache httpd --------------------------------------------------------------------


def _apache_headers(indent: str) -> str:
    return "\n".join(f'{indent}Header always set {name} "{value}"' for name, value in HEADERS)


def _apache_cache(indent: str) -> str:
    """An If/ElseIf/Else chain: the first rule that matches the address, as nginx does.

    The address may end in .gz or .br after the rewrite to a compressed copy below."""
    out = []
    for i, rule in enumerate(CACHE_RULES):
        word = "If" if i == 0 else "ElseIf"
        out += [
            comment(rule.what, indent),
            f'{indent}<{word} "%{{REQUEST_URI}} =~ m#{rule.pattern}(?:\\.gz|\\.br)?$#">',
            f'{indent}    Header always set Cache-Control "{rule.cache_control}"',
            f"{indent}</{word}>",
        ]
    out += [
        comment("Pages, and anything else: always revalidate.", indent),
        f"{indent}<Else>",
        f'{indent}    Header always set Cache-Control "{PAGE_CACHE}"',
        f"{indent}</Else>",
    ]
    return "\n".join(out)


def apache_rules(options: str, indent: str = "") -> str:
    """The rules a site and the .htaccess share: they apply to the site's folder."""
    kinds = "|".join(COMPRESSED)
    copies = []
    for suffix, token in ((".br", "br"), (".gz", "gzip")):
        copies += [
            f'RewriteCond "%{{HTTP:Accept-Encoding}}" "\\b{token}\\b"',
            f'RewriteCond "%{{REQUEST_FILENAME}}{suffix}" -f',
            f'RewriteRule "^(.*\\.(?:{kinds}))$" "$1{suffix}" [L]',
            'RewriteCond "%{REQUEST_FILENAME}" -d',
            f'RewriteCond "%{{HTTP:Accept-Encoding}}" "\\b{token}\\b"',
            f'RewriteCond "%{{REQUEST_FILENAME}}/index.html{suffix}" -f',
            f'RewriteRule "^(.*/)?$" "$1index.html{suffix}" [L]',
        ]
    types = [
        f'<FilesMatch "\\.{kind}\\.(?:gz|br)$">\n    ForceType "{TYPES[kind]}"\n</FilesMatch>'
        for kind in COMPRESSED
    ]
    text = f"""\
Options {options}
DirectoryIndex index.html
AddDefaultCharset utf-8
AddType application/manifest+json .webmanifest
ErrorDocument 404 /404.html

# Security headers on every response, errors included.
{_apache_headers("")}

# Caching: the first rule that matches the address, and pages otherwise.
{_apache_cache("")}

RewriteEngine On
# No dotfile or dot-folder (.git, .env, .venv …) is ever served, except /.well-known/.
RewriteRule "(?:^|/)\\.(?!well-known/)" - [F]

# Compression: the build writes a .br and a .gz copy beside every HTML, CSS, JS,
# JSON, SVG and XML file; they are sent as they are to a browser that accepts them.
{chr(10).join(copies)}
<FilesMatch "\\.(?:gz|br)$">
    RemoveType .gz .br
    RemoveEncoding .gz .br
    RemoveLanguage .br
    SetEnv no-gzip 1
    SetEnv no-brotli 1
</FilesMatch>
<FilesMatch "\\.gz$">
    Header always set Content-Encoding gzip
</FilesMatch>
<FilesMatch "\\.br$">
    Header always set Content-Encoding br
</FilesMatch>
{chr(10).join(types)}
<FilesMatch "\\.(?:{kinds})(?:\\.gz|\\.br)?$">
    Header always merge Vary Accept-Encoding
</FilesMatch>
"""
    return "\n".join(f"{indent}{line}" if line else "" for line in text.splitlines()) + "\n"


def apache_site() -> str:
    return f"""\
# Apache httpd site for a self-hosted copy of the TA-HSB practice handbook.
# {GENERATED}
#
# Install (Debian):
#   a2enmod headers rewrite
#   cp deploy/apache/handbook.conf /etc/apache2/sites-available/ta-hsb-handbook.conf
#   # set ServerName below to the name readers use
#   a2ensite ta-hsb-handbook
#   rsync -a --delete site/ {ROOT_DIR}/
#   apachectl configtest && systemctl reload apache2
# Put TLS in front (or a <VirtualHost *:443> with your certificate) as your
# organisation requires; nothing here needs the internet. In the server's own
# configuration (Debian: conf-available/security.conf) set `ServerTokens Prod`.

<VirtualHost *:80>
    ServerName handbook.example.org
    # Redirects (a folder without its trailing slash) name ServerName, never the
    # Host header the request claims.
    UseCanonicalName On
    ServerSignature Off
    DocumentRoot {ROOT_DIR}
    # For responses made before the site's folder is reached (400, 414 …).
{_apache_headers("    ")}
    # On-the-fly compression for a file without a copy, where mod_deflate is on.
    <IfModule mod_deflate.c>
        AddOutputFilterByType DEFLATE {" ".join(sorted({t.split(";")[0] for t in TYPES.values()}))}
    </IfModule>

    <Directory {ROOT_DIR}>
        AllowOverride None
        Require all granted
{apache_rules("SymLinksIfOwnerMatch", "        ")}    </Directory>
</VirtualHost>
"""


def apache_htaccess() -> str:
    return f"""\
# .htaccess for a copy of the TA-HSB practice handbook on an Apache host that
# allows no site configuration: the rules of deploy/apache/handbook.conf.
# {GENERATED}
#
# Install: copy this file to the site's root folder as `.htaccess`. The host must
# allow it: `AllowOverride FileInfo Indexes Options` (and mod_headers and
# mod_rewrite on). If the site is not at the root of its address, change
# ErrorDocument to the 404 page's address (e.g. /handbook/404.html).
# A redirect (a folder without its final /) names the host the request claims
# unless the server sets `UseCanonicalName On`, which only the site can.

{apache_rules("-Indexes")}"""


#: deploy/ file → what writes it (tools/deploy.py, tests/unit/hooks/test_servers.py).
DEPLOY_FILES: dict[str, Callable[[], str]] = {
    "deploy/nginx/handbook.conf": nginx_site,
    "deploy/nginx/security-headers.conf": nginx_headers,
    "deploy/apache/handbook.conf": apache_site,
    "deploy/apache/htaccess": apache_htaccess,
}
