"""The Apache httpd configurations (deploy/apache/), written from macros/hooks/security.py
as the nginx ones are (macros/hooks/servers.py, which lists every deploy/ file)."""

from __future__ import annotations

from .compress import TYPES
from .security import CACHE_RULES, HEADERS, MANIFEST, PAGE_CACHE
from .static_hosts import GENERATED, ROOT_DIR, comment

COMPRESSED = tuple(TYPES)


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
AddType {MANIFEST[1]} .{MANIFEST[0].rsplit(".", 1)[1]}
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
    # TRACE would echo the request back (200, with none of the headers below): 405.
    TraceEnable off
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
# Apache reads this file only for a request that reaches the site's folder: its
# answers to a malformed request (400), an over-long address (414) and TRACE
# (200, the request echoed back) come before it and carry none of the headers
# below. Ask the host to set `TraceEnable off`, which only the server can.

{apache_rules("-Indexes")}"""
