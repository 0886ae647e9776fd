"""A built site through the shipped Apache configuration (deploy/apache) on a loopback port, for
tests/browser/test_apache.py: the site configuration, or the ``.htaccess`` variant. Apache will
not serve as root, so as root its workers run as ``nobody`` on a copy of the site they can read.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from tools.loopback import checked, free_port, running

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy" / "apache"
APACHE = shutil.which("apache2") or "/usr/sbin/apache2"
MODS = Path("/etc/apache2/mods-available")
#: Debian's default modules (as `apt-get install apache2` enables them, with Debian's own
#: settings for each: mime.conf, deflate.conf …), plus the two the install notes enable.
MODULES = (
    *("mpm_event", "access_compat", "alias", "auth_basic", "authn_core", "authn_file"),
    *("authz_core", "authz_host", "authz_user", "autoindex", "deflate", "dir", "env"),
    *("filter", "mime", "negotiation", "reqtimeout", "setenvif", "status"),
    *("headers", "rewrite"),
)
VARIANTS = ("site", "htaccess")
MAIN = """\
ServerRoot "{prefix}"
DefaultRuntimeDir "{prefix}"
PidFile "{prefix}/httpd.pid"
Mutex file:{prefix} default
Listen 127.0.0.1:{port}
{modules}
{user}
ServerName 127.0.0.1:{port}
ServerTokens Prod
ErrorLog "{prefix}/error.log"
LogLevel warn
TypesConfig /etc/mime.types
<Directory />
    AllowOverride None
    Require all denied
</Directory>
Include "{prefix}/site.conf"
"""
# The .htaccess variant: a bare site that allows what the file's notes ask for.
HTACCESS_SITE = """\
<VirtualHost *:{port}>
    ServerName 127.0.0.1:{port}
    DocumentRoot "{site}"
    <Directory "{site}">
        AllowOverride FileInfo Indexes Options
        Require all granted
    </Directory>
</VirtualHost>
"""


def readable_copy(site_dir: Path, into: Path, extra: Mapping[str, str]) -> Path:
    """A copy of ``site_dir`` with the ``extra`` files (path → text), that every user can read."""
    site = into / "site"
    shutil.copytree(site_dir, site, symlinks=False)
    for name, text in extra.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")
    subprocess.run(["chmod", "-R", "a+rX", str(site)], check=True)
    return site


def configure(site: Path, prefix: Path, port: int, variant: str) -> list[str]:
    """The shipped configuration written into ``prefix`` as its install notes say; the command."""
    if variant == "site":
        conf = (DEPLOY / "handbook.conf").read_text(encoding="utf-8")
        conf = (
            conf.replace("<VirtualHost *:80>", f"<VirtualHost *:{port}>")
            .replace("ServerName handbook.example.org", f"ServerName 127.0.0.1:{port}")
            .replace("/srv/ta-hsb-handbook/site", str(site))
        )
    else:
        shutil.copy(DEPLOY / "htaccess", site / ".htaccess")
        (site / ".htaccess").chmod(0o644)
        conf = HTACCESS_SITE.format(port=port, site=site)
    (prefix / "site.conf").write_text(conf, encoding="utf-8")
    modules = "\n".join(
        f'Include "{MODS / name}.load"\nIncludeOptional "{MODS / name}.conf"' for name in MODULES
    )
    user = "User #65534\nGroup #65534" if os.geteuid() == 0 else ""
    (prefix / "httpd.conf").write_text(
        MAIN.format(prefix=prefix, port=port, modules=modules, user=user), encoding="utf-8"
    )
    return checked([APACHE, "-d", str(prefix), "-f", str(prefix / "httpd.conf")], "apache2")


@contextmanager
def serve(
    site_dir: Path, variant: str = "site", extra: Mapping[str, str] | None = None
) -> Iterator[str]:
    """Apache on a copy of ``site_dir`` (and ``extra`` files) until the block ends; its base URL."""
    if variant not in VARIANTS:
        raise ValueError(f"variant must be one of {VARIANTS}")
    work = Path(tempfile.mkdtemp(prefix="ta-hsb-apache-"))
    work.chmod(0o755)
    try:
        site = readable_copy(site_dir, work, extra or {})
        port = free_port()
        with running([*configure(site, work, port, variant), "-DFOREGROUND"], port) as url:
            yield url
    finally:
        log = work / "error.log"
        if log.exists() and log.stat().st_size:
            print(f"apache error log:\n{log.read_text(encoding='utf-8', errors='replace')}")
        shutil.rmtree(work, ignore_errors=True)
