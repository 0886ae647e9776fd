"""Hardened hosting: the shipped nginx configuration serves every page with zero CSP violations."""

from __future__ import annotations

import gzip
import hashlib
import http.client
import re
import shutil
import socket
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.browser.conftest import site_pages
from tests.browser.helpers import CSP_LISTENER, Traffic
from tools.nginx import NginxError, serve


@pytest.fixture(scope="module")
def nginx(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    try:
        with serve(site_dir, tmp_path_factory.mktemp("nginx")) as url:
            yield url
    except NginxError as exc:
        pytest.fail(str(exc))


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
    try:
        with serve(root, tmp_path_factory.mktemp("nginx")) as url:
            yield url
    except NginxError as exc:
        pytest.fail(str(exc))


@dataclass(frozen=True)
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes


def raw_request(base: str, request_line: str, host: str | None = "localhost") -> Reply:
    """Send one request as raw bytes (http.client refuses to send malformed ones)."""
    port = int(base.rstrip("/").rsplit(":", 1)[1])
    head = request_line + "\r\n" + (f"Host: {host}\r\n" if host else "")
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
        ("GET / HTTP/1.1", None, 400),  # HTTP/1.1 without Host
        ("GET /%zz HTTP/1.1", "localhost", 400),
        ("GET /" + "a" * 20000 + " HTTP/1.1", "localhost", 414),
    ],
    ids=["no-host", "bad-escape", "long-uri"],
)
def test_error_responses_carry_the_security_headers(
    nginx: str, request_line: str, host: str | None, status: int
) -> None:
    response = raw_request(nginx, request_line, host)
    assert response.status == status
    assert_security_headers(response, str(status))


def test_redirects_do_not_name_the_host_the_request_claims(nginx: str) -> None:
    """A folder without its slash is redirected by path alone, never to a forged Host."""
    response = raw_request(nginx, "GET /assessment/record HTTP/1.1", "attacker.example")
    assert response.status == 301
    assert response.headers["location"] == "/assessment/record/"
    assert "attacker.example" not in response.body.decode("utf-8", "replace")
    assert_security_headers(response, "301")


# -- compression and caching of the handbook's files -------------------------


def fetch(url: str, encoding: str | None = None) -> tuple[dict[str, str], bytes]:
    """GET ``url`` with exactly this ``Accept-Encoding`` (none at all when ``None``)."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding} if encoding else {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return {k.lower(): v for k, v in response.headers.items()}, response.read()


def first_load_files(site_dir: Path) -> dict[str, str]:
    """The home page's theme CSS, bundle JS, search index and the handbook's own CSS and JS."""
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    refs = re.findall(r'(?:href|src)="(assets/[^"]+\.(?:css|js))"', html)
    named = {
        "theme css": next(r for r in refs if "/stylesheets/main." in r),
        "bundle js": next(r for r in refs if "/javascripts/bundle." in r),
        "handbook css": next(r for r in refs if r.startswith("assets/css/handbook.")),
    }
    own_js = [r for r in refs if r.startswith("assets/javascripts/") and "/bundle." not in r]
    assert own_js, "no handbook JavaScript on the home page"
    named |= {f"handbook js {r.split('/')[-1].split('.')[0]}": r for r in own_js}
    return {**named, "search index": "search/search_index.json", "home page": "index.html"}


def test_text_files_are_sent_as_their_precompressed_gzip_copies(nginx: str, site_dir: Path) -> None:
    for kind, path in first_load_files(site_dir).items():
        url = nginx + ("" if path == "index.html" else path)
        headers, body = fetch(url, "gzip, deflate")
        assert headers.get("content-encoding") == "gzip", kind
        assert "accept-encoding" in headers.get("vary", "").lower(), kind
        # Byte for byte the build's .gz copy: nginx did no compressing of its own.
        assert body == (site_dir / (path + ".gz")).read_bytes(), kind
        assert gzip.decompress(body) == (site_dir / path).read_bytes(), kind


def test_without_accept_encoding_the_plain_file(nginx: str, site_dir: Path) -> None:
    for kind, path in first_load_files(site_dir).items():
        headers, body = fetch(nginx + path)
        assert "content-encoding" not in headers, kind
        assert body == (site_dir / path).read_bytes(), kind


def test_on_the_fly_gzip_for_a_file_without_a_copy(nginx: str, site_dir: Path) -> None:
    source = site_dir / "search" / "search_index.json"
    copy = site_dir / "search" / "fallback-test.json"
    copy.write_bytes(source.read_bytes())
    try:
        headers, body = fetch(nginx + "search/fallback-test.json", "gzip")
    finally:
        copy.unlink()
    assert headers.get("content-encoding") == "gzip"
    assert gzip.decompress(body) == source.read_bytes()


def test_brotli_copies_where_the_module_is_installed(
    site_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    try:
        with serve(site_dir, tmp_path_factory.mktemp("nginx-br"), brotli=True) as url:
            for kind, path in first_load_files(site_dir).items():
                headers, body = fetch(url + path, "gzip, deflate, br")
                assert headers.get("content-encoding") == "br", kind
                assert body == (site_dir / (path + ".br")).read_bytes(), kind
                headers, body = fetch(url + path, "gzip")
                assert headers.get("content-encoding") == "gzip", kind
    except NginxError as exc:
        pytest.fail(str(exc))


def test_handbook_css_and_js_have_hashed_names_and_are_cached_immutable(
    nginx: str, site_dir: Path
) -> None:
    files = first_load_files(site_dir)
    own = {kind: path for kind, path in files.items() if kind.startswith("handbook ")}
    assert len(own) >= 2, own
    for kind, path in own.items():
        content = (site_dir / path).read_bytes()
        digest = hashlib.sha256(content).hexdigest()[:8]
        assert re.fullmatch(rf"assets/(css|javascripts)/[a-z-]+\.{digest}\.(css|js)", path), path
        headers, body = fetch(nginx + path)
        assert body == content
        assert headers["cache-control"] == "public, max-age=31536000, immutable", kind
        assert headers["x-content-type-options"] == "nosniff", kind
    # The unhashed names are gone: no page refers to them and the server has no such file.
    unhashed = [re.sub(r"\.[0-9a-f]{8}\.(css|js)$", r".\1", path) for path in own.values()]
    for old in unhashed:
        assert not (site_dir / old).exists(), old
        assert all(old not in p.read_text(encoding="utf-8") for p in site_dir.rglob("*.html")), old
        with pytest.raises(urllib.error.HTTPError) as missing:
            fetch(nginx + old)
        missing.value.close()
        assert missing.value.code == 404
