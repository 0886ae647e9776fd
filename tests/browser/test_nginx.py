"""Hardened hosting: the shipped nginx configuration serves every page with zero CSP violations."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.browser.conftest import site_pages
from tests.browser.helpers import CSP_LISTENER, Traffic
from tests.conftest import ROOT

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
MAIN = """\
user root;
worker_processes 1;
error_log {prefix}/error.log;
pid {prefix}/nginx.pid;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {prefix}/tmp;
    proxy_temp_path {prefix}/tmp;
    fastcgi_temp_path {prefix}/tmp;
    uwsgi_temp_path {prefix}/tmp;
    scgi_temp_path {prefix}/tmp;
    include {prefix}/handbook.conf;
}}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def nginx(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not Path(NGINX).exists():
        pytest.fail("nginx is missing: install Debian's nginx (`make system-deps`, as root)")
    prefix = tmp_path_factory.mktemp("nginx")
    (prefix / "tmp").mkdir()
    (prefix / "snippets").mkdir()
    shutil.copy(
        ROOT / "deploy" / "nginx" / "security-headers.conf",
        prefix / "snippets" / "ta-hsb-security-headers.conf",
    )
    port = free_port()
    conf = (ROOT / "deploy" / "nginx" / "handbook.conf").read_text(encoding="utf-8")
    conf = conf.replace("listen 8080;", f"listen 127.0.0.1:{port};").replace(
        "/srv/ta-hsb-handbook/site", str(site_dir)
    )
    (prefix / "handbook.conf").write_text(conf, encoding="utf-8")
    (prefix / "nginx.conf").write_text(MAIN.format(prefix=prefix), encoding="utf-8")
    args = [NGINX, "-p", str(prefix), "-c", str(prefix / "nginx.conf")]
    subprocess.run([*args, "-t"], check=True, capture_output=True)
    proc = subprocess.Popen([*args, "-g", "daemon off;"])
    for _ in range(50):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    yield f"http://127.0.0.1:{port}/"
    proc.terminate()
    proc.wait(timeout=10)


def test_every_page_through_nginx_has_no_csp_violation(
    browser: Browser, nginx: str, site_dir: Path
) -> None:
    context = browser.new_context()
    context.add_init_script(CSP_LISTENER)
    traffic = Traffic().watch(context)
    page = context.new_page()
    violations: dict[str, list[str]] = {}
    pages = site_pages(site_dir)
    for path in pages:
        response = page.goto(nginx + path, wait_until="networkidle")
        assert response is not None
        assert response.status == 200, path
        found = page.evaluate("window.__cspViolations")
        if found:
            violations[path] = found
    # Search uses a web worker and fetches its index: exercise it under the CSP too.
    page.goto(nginx, wait_until="networkidle")
    page.locator("input.md-search__input").focus()
    page.locator("input.md-search__input").type("grooming", delay=20)
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    found = page.evaluate("window.__cspViolations")
    if found:
        violations["search"] = found
    context.close()
    print(
        f"nginx: {len(pages)} pages checked, CSP violations: {sum(map(len, violations.values()))}"
    )
    assert violations == {}
    assert traffic.console_errors == []
    assert traffic.failed == []
    assert traffic.external == []


def test_security_headers_and_caching(browser: Browser, nginx: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    response = page.goto(nginx)
    assert response is not None
    headers = response.headers
    csp = headers["content-security-policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert "http" not in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["cache-control"] == "no-cache"
    css = page.request.get(nginx + page.locator("link[rel=stylesheet]").first.get_attribute("href"))  # type: ignore[operator]
    assert "immutable" in css.headers["cache-control"]
    assert css.headers["x-content-type-options"] == "nosniff"
    missing = page.request.get(nginx + "no/such/page/")
    assert missing.status == 404
    assert "404" in missing.text()
    assert "content-security-policy" in missing.headers
    context.close()
