"""Hardened hosting: the shipped nginx configuration serves every page with zero CSP violations."""

from __future__ import annotations

import gzip
import hashlib
import re
import shutil
import urllib.error
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from macros.hooks.security import REVALIDATED, cache_control
from tests.browser.hosting import (
    DOTFILES,
    ROOT_FILE_TYPES,
    WELL_KNOWN,
    assert_every_header,
    assert_security_headers,
    csp_violations,
    fetch,
    first_load_files,
    raw_request,
    site_files,
)
from tools import servers
from tools.servers import ServerError


def test_every_page_through_nginx_has_no_csp_violation(
    browser: Browser, nginx: str, site_dir: Path
) -> None:
    assert csp_violations(browser, nginx, site_dir) == {}


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


@pytest.fixture(scope="module")
def nginx_with_dotfiles(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A copy of the site with real dotfiles in it, as a careless deployment might have."""
    root = tmp_path_factory.mktemp("root") / "site"
    shutil.copytree(site_dir, root)
    for path, text in {**DOTFILES, **WELL_KNOWN, **dict.fromkeys(REVALIDATED, "{}\n")}.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    try:
        with servers.nginx(root, tmp_path_factory.mktemp("nginx")) as url:
            yield url
    except ServerError as exc:
        pytest.fail(str(exc))


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
        with servers.nginx(site_dir, tmp_path_factory.mktemp("nginx-br"), brotli=True) as url:
            for kind, path in first_load_files(site_dir).items():
                headers, body = fetch(url + path, "gzip, deflate, br")
                assert headers.get("content-encoding") == "br", kind
                assert body == (site_dir / (path + ".br")).read_bytes(), kind
                headers, body = fetch(url + path, "gzip")
                assert headers.get("content-encoding") == "gzip", kind
    except ServerError as exc:
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


# -- caching of every file, and the headers on 304 ------------------------------------


def test_every_file_is_cached_as_security_py_says(nginx_with_dotfiles: str, site_dir: Path) -> None:
    # The 404 page is internal: only sent as the answer to a missing address.
    files = [*(f for f in site_files(site_dir) if f != "404.html"), *REVALIDATED]
    for path in files:
        headers, _ = fetch(nginx_with_dotfiles + path)
        assert headers["cache-control"] == cache_control("/" + path), path
        assert headers["x-content-type-options"] == "nosniff", path


def test_not_modified_responses_carry_the_headers(nginx: str, site_dir: Path) -> None:
    for path in ["", *first_load_files(site_dir).values()]:
        first = raw_request(nginx, f"GET /{path} HTTP/1.1")
        again = raw_request(
            nginx, f"GET /{path} HTTP/1.1", extra=f"If-None-Match: {first.headers['etag']}\r\n"
        )
        assert again.status == 304, path
        assert_every_header(again, f"304 {path}")
        assert again.headers["cache-control"] == first.headers["cache-control"], path


@pytest.mark.parametrize("name", ROOT_FILE_TYPES)
def test_the_offline_copys_root_files_have_their_types(nginx: str, name: str) -> None:
    headers, _ = fetch(nginx + name)
    assert headers["content-type"].split(";")[0] in ROOT_FILE_TYPES[name]
