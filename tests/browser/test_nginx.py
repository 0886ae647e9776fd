"""Hardened hosting: the shipped nginx configuration serves every page with zero CSP violations."""

from __future__ import annotations

import contextlib
import http.client
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
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


@contextlib.contextmanager
def run_nginx(root: Path, prefix: Path) -> Iterator[str]:
    """The shipped configuration serving ``root`` on a loopback port; yields its base URL."""
    if not Path(NGINX).exists():
        pytest.fail("nginx is missing: install Debian's nginx (`make system-deps`, as root)")
    (prefix / "tmp").mkdir()
    (prefix / "snippets").mkdir()
    shutil.copy(
        ROOT / "deploy" / "nginx" / "security-headers.conf",
        prefix / "snippets" / "ta-hsb-security-headers.conf",
    )
    port = free_port()
    conf = (ROOT / "deploy" / "nginx" / "handbook.conf").read_text(encoding="utf-8")
    conf = conf.replace("listen 8080;", f"listen 127.0.0.1:{port};").replace(
        "/srv/ta-hsb-handbook/site", str(root)
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
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def nginx(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with run_nginx(site_dir, tmp_path_factory.mktemp("nginx")) as url:
        yield url


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


DOTFILES = {".git/HEAD": "ref: refs/heads/main\n", ".git/config": "[core]\n", ".env": "SECRET=1\n"}
DOTFILES |= {".venv/pyvenv.cfg": "home = /usr/bin\n", "assets/.hidden.css": "p{}\n"}


@pytest.fixture(scope="module")
def nginx_with_dotfiles(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A copy of the site with real dotfiles in it, as a careless deployment might have."""
    root = tmp_path_factory.mktemp("root") / "site"
    shutil.copytree(site_dir, root)
    for path, text in {**DOTFILES, ".well-known/security.txt": "Contact: x\n"}.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    with run_nginx(root, tmp_path_factory.mktemp("nginx")) as url:
        yield url


@dataclass(frozen=True)
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes


def raw_request(base: str, request_line: str, host: bool = True) -> Reply:
    """Send one request as raw bytes (http.client refuses to send malformed ones)."""
    port = int(base.rstrip("/").rsplit(":", 1)[1])
    head = request_line + "\r\n" + ("Host: localhost\r\n" if host else "")
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall((head + "Connection: close\r\n\r\n").encode("latin-1"))
        response = http.client.HTTPResponse(sock)
        response.begin()
        headers = {k.lower(): v for k, v in response.getheaders()}
        reply = Reply(response.status, headers, response.read())
        response.close()
    return reply


def assert_security_headers(reply: Reply, what: str) -> None:
    assert "default-src 'self'" in reply.headers.get("content-security-policy", ""), what
    assert reply.headers.get("x-content-type-options") == "nosniff", what
    assert reply.headers.get("referrer-policy") == "no-referrer", what
    assert reply.headers.get("x-frame-options") == "DENY", what


@pytest.mark.parametrize("path", [*DOTFILES, ".git/", ".git", "%2egit/HEAD", "x/../.env"])
def test_dotfiles_are_never_served(nginx_with_dotfiles: str, path: str) -> None:
    response = raw_request(nginx_with_dotfiles, f"GET /{path} HTTP/1.1")
    body = response.body.decode("utf-8", "replace")
    assert response.status in (403, 404), path
    assert "ref: refs" not in body
    assert "SECRET" not in body
    assert "[core]" not in body
    assert "home = " not in body
    assert_security_headers(response, path)


def test_well_known_is_still_served(nginx_with_dotfiles: str) -> None:
    response = raw_request(nginx_with_dotfiles, "GET /.well-known/security.txt HTTP/1.1")
    assert response.status == 200
    assert response.body == b"Contact: x\n"
    assert_security_headers(response, "/.well-known/")


@pytest.mark.parametrize(
    ("request_line", "host", "status"),
    [
        ("GET / HTTP/1.1", False, 400),  # HTTP/1.1 without Host
        ("GET /%zz HTTP/1.1", True, 400),
        ("GET /" + "a" * 20000 + " HTTP/1.1", True, 414),
    ],
    ids=["no-host", "bad-escape", "long-uri"],
)
def test_error_responses_carry_the_security_headers(
    nginx: str, request_line: str, host: bool, status: int
) -> None:
    response = raw_request(nginx, request_line, host)
    assert response.status == status
    assert_security_headers(response, str(status))
