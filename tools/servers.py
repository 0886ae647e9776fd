"""Servers on a loopback port: a built site through the shipped nginx or Apache configuration
(deploy/), as an organisation would deploy it, for the hosting tests and the benchmarks; and a
quiet static server for a folder."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping
from pathlib import Path

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
NGINX_MAIN = """\
{modules}
user root;
worker_processes 1;
error_log {prefix}/error.log;
pid {prefix}/nginx.pid;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {access_log};
    client_body_temp_path {prefix}/tmp;
    proxy_temp_path {prefix}/tmp;
    fastcgi_temp_path {prefix}/tmp;
    uwsgi_temp_path {prefix}/tmp;
    scgi_temp_path {prefix}/tmp;
    {site}
}}
"""
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
VARIANTS = ("site", "htaccess")  # of apache(): the site configuration, or the .htaccess file
APACHE_MAIN = """\
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
{site}
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


class ServerError(Exception):
    """A server is missing, or refused its configuration (in its own words)."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def need(path: Path, package: str) -> None:
    if not path.exists():
        raise ServerError(
            f"{path} is missing: install Debian's {package} (`make system-deps`, as root)"
        )


@contextlib.contextmanager
def running(args: list[str], port: int, package: str) -> Iterator[str]:
    """The server ``args`` run (once installed and its ``-t`` check accepts the configuration)
    until the block ends; its base URL once it listens on ``port`` (for 5 s at most)."""
    need(Path(args[0]), package)
    test = subprocess.run([*args, "-t"], capture_output=True, text=True, check=False)
    if test.returncode != 0:
        raise ServerError(f"{Path(args[0]).name} refused the configuration: {test.stderr.strip()}")
    proc = subprocess.Popen(args)
    try:
        for _ in range(50):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def nginx(
    site_dir: Path, prefix: Path, brotli: bool = False, access_log: bool = False
) -> contextlib.AbstractContextManager[str]:
    """nginx on ``site_dir`` until the block ends, configured in ``prefix`` as the install notes
    say; its base URL. With ``access_log``, each request is logged to ``prefix/access.log``."""
    (prefix / "tmp").mkdir(parents=True, exist_ok=True)
    (prefix / "snippets").mkdir(exist_ok=True)
    if brotli:
        need(BROTLI_MODULE, "libnginx-mod-http-brotli-static")
    for name in ("security-headers", "brotli") if brotli else ("security-headers",):
        shutil.copy(DEPLOY / "nginx" / f"{name}.conf", prefix / "snippets" / f"ta-hsb-{name}.conf")
    port = free_port()
    conf = (DEPLOY / "nginx" / "handbook.conf").read_text(encoding="utf-8")
    conf = conf.replace("listen 8080;", f"listen 127.0.0.1:{port};")
    conf = conf.replace("/srv/ta-hsb-handbook/site", str(site_dir))
    log = f"{prefix}/access.log" if access_log else "off"
    modules = f"load_module {BROTLI_MODULE};" if brotli else ""
    main = NGINX_MAIN.format(prefix=prefix, modules=modules, access_log=log, site=conf)
    (prefix / "nginx.conf").write_text(main, encoding="utf-8")
    args = [NGINX, "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-g", "daemon off;"]
    return running(args, port, "nginx")


@contextlib.contextmanager
def apache(
    site_dir: Path, variant: str = "site", extra: Mapping[str, str] | None = None
) -> Iterator[str]:
    """Apache (the site configuration, or the ``.htaccess`` variant) on a copy of ``site_dir``
    and the ``extra`` files (path → text) until the block ends; its base URL. Apache will not
    serve as root, so as root its workers run as ``nobody`` on a copy every user can read."""
    if variant == "htaccess":
        extra = {**(extra or {}), ".htaccess": (DEPLOY / "apache" / "htaccess").read_text("utf-8")}
    work = Path(tempfile.mkdtemp(prefix="ta-hsb-apache-"))
    work.chmod(0o755)
    try:
        site = work / "site"
        shutil.copytree(site_dir, site, symlinks=False)
        for name, text in (extra or {}).items():
            (site / name).parent.mkdir(parents=True, exist_ok=True)
            (site / name).write_text(text, encoding="utf-8")
        subprocess.run(["chmod", "-R", "a+rX", str(site)], check=True)
        port = free_port()
        conf = HTACCESS_SITE.format(port=port, site=site)
        if variant == "site":
            conf = (
                (DEPLOY / "apache" / "handbook.conf")
                .read_text(encoding="utf-8")
                .replace("<VirtualHost *:80>", f"<VirtualHost *:{port}>")
                .replace("ServerName handbook.example.org", f"ServerName 127.0.0.1:{port}")
                .replace("/srv/ta-hsb-handbook/site", str(site))
            )
        modules = "\n".join(
            f'Include "{MODS / name}.load"\nIncludeOptional "{MODS / name}.conf"'
            for name in MODULES
        )
        user = "User #65534\nGroup #65534" if os.geteuid() == 0 else ""
        main = APACHE_MAIN.format(prefix=work, port=port, modules=modules, user=user, site=conf)
        (work / "httpd.conf").write_text(main, encoding="utf-8")
        args = [APACHE, "-d", str(work), "-f", str(work / "httpd.conf"), "-DFOREGROUND"]
        with running(args, port, "apache2") as url:
            yield url
    finally:
        log = work / "error.log"
        if log.exists() and log.stat().st_size:
            print(f"apache error log:\n{log.read_text(encoding='utf-8', errors='replace')}")
        shutil.rmtree(work, ignore_errors=True)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Logs nothing, not even a client that closes its connection early (linkchecker does once
    it has what it needs); its ``LinkChecker`` header lets linkchecker go faster than 10/s."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("LinkChecker", "local test server")
        super().end_headers()

    def handle(self) -> None:
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            super().handle()


@contextlib.contextmanager
def serving(directory: Path) -> Iterator[str]:
    """``directory`` on a loopback port until the block ends; yields its base URL."""
    bound = functools.partial(QuietHandler, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), bound)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
