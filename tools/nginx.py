"""A built site through the shipped nginx configuration (deploy/nginx) on a loopback port, for
the hosting tests and the benchmarks: both measure what an organisation would deploy."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tools.loopback import ServerError, checked, free_port, running

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy" / "nginx"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
MAIN = """\
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
    include {prefix}/handbook.conf;
}}
"""


def configure(
    site_dir: Path, prefix: Path, port: int, brotli: bool = False, access_log: bool = False
) -> list[str]:
    """The shipped configuration written into ``prefix`` as the install notes say; the command.
    With ``access_log``, nginx logs each request to ``prefix/access.log``."""
    (prefix / "tmp").mkdir(parents=True, exist_ok=True)
    (prefix / "snippets").mkdir(exist_ok=True)
    shutil.copy(
        DEPLOY / "security-headers.conf", prefix / "snippets" / "ta-hsb-security-headers.conf"
    )
    modules = ""
    if brotli:
        if not BROTLI_MODULE.exists():
            raise ServerError(
                f"{BROTLI_MODULE} is missing: install libnginx-mod-http-brotli-static "
                "(`make system-deps`, as root)"
            )
        shutil.copy(DEPLOY / "brotli.conf", prefix / "snippets" / "ta-hsb-brotli.conf")
        modules = f"load_module {BROTLI_MODULE};"
    conf = (DEPLOY / "handbook.conf").read_text(encoding="utf-8")
    conf = conf.replace("listen 8080;", f"listen 127.0.0.1:{port};").replace(
        "/srv/ta-hsb-handbook/site", str(site_dir)
    )
    (prefix / "handbook.conf").write_text(conf, encoding="utf-8")
    (prefix / "nginx.conf").write_text(
        MAIN.format(
            prefix=prefix,
            modules=modules,
            access_log=f"{prefix}/access.log" if access_log else "off",
        ),
        encoding="utf-8",
    )
    return checked([NGINX, "-p", str(prefix), "-c", str(prefix / "nginx.conf")], "nginx")


@contextmanager
def serve(
    site_dir: Path, prefix: Path, brotli: bool = False, access_log: bool = False
) -> Iterator[str]:
    """nginx on ``site_dir`` until the block ends; yields its base URL (ending in ``/``)."""
    port = free_port()
    args = configure(site_dir, prefix, port, brotli, access_log)
    with running([*args, "-g", "daemon off;"], port) as url:
        yield url
