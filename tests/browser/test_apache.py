"""Hosting on Apache httpd: the shipped site configuration and its .htaccess variant
(deploy/apache), on Debian's apache2 with Debian's default modules, serve every page with
zero CSP violations, the handbook's headers on every response, the caching security.py
sets, no dotfiles, the build's compressed copies and the handbook's 404 page."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path

import brotli
import pytest
from playwright.sync_api import Browser

from macros.hooks.security import REVALIDATED, cache_control
from tests.browser.hosting import (
    DOTFILES,
    ROOT_FILE_TYPES,
    SECRETS,
    WELL_KNOWN,
    assert_every_header,
    csp_violations,
    fetch,
    first_load_files,
    raw_request,
    site_files,
)
from tools import servers
from tools.servers import VARIANTS, ServerError

EXTRA = {**DOTFILES, **WELL_KNOWN, **dict.fromkeys(REVALIDATED, "{}\n")}


@pytest.fixture(scope="module", params=VARIANTS)
def apache(request: pytest.FixtureRequest, site_dir: Path) -> Iterator[str]:
    """The site behind Apache, with dotfiles a careless deployment might leave in it."""
    try:
        with servers.apache(site_dir, request.param, EXTRA) as url:
            yield url
    except ServerError as exc:
        pytest.fail(str(exc))


@pytest.fixture(scope="module")
def apache_site(site_dir: Path) -> Iterator[str]:
    """The site configuration alone: what only a site (not an .htaccess) can set."""
    try:
        with servers.apache(site_dir, "site") as url:
            yield url
    except ServerError as exc:
        pytest.fail(str(exc))


def test_every_page_through_apache_has_no_csp_violation(
    browser: Browser, apache_site: str, site_dir: Path
) -> None:
    """In Chromium, through the site configuration. The .htaccess variant sends the same
    headers on every file (the next test), so its pages behave the same."""
    assert csp_violations(browser, apache_site, site_dir) == {}


def test_every_file_has_the_headers_and_caching_security_py_sets(
    apache: str, site_dir: Path
) -> None:
    for path in [*site_files(site_dir), *REVALIDATED, ""]:
        reply = raw_request(apache, f"GET /{path} HTTP/1.1")
        assert reply.status == 200, path
        assert_every_header(reply, path)
        assert reply.headers["cache-control"] == cache_control("/" + path), path


def test_headers_on_304_404_and_403(apache: str, site_dir: Path) -> None:
    for path in ["", *first_load_files(site_dir).values()]:
        first = raw_request(apache, f"GET /{path} HTTP/1.1")
        again = raw_request(
            apache, f"GET /{path} HTTP/1.1", extra=f"If-None-Match: {first.headers['etag']}\r\n"
        )
        assert again.status == 304, path
        assert_every_header(again, f"304 {path}")
        assert again.headers["cache-control"] == first.headers["cache-control"], path
    missing = raw_request(apache, "GET /no/such/page/ HTTP/1.1")
    assert missing.status == 404
    assert_every_header(missing, "404")
    assert missing.headers["cache-control"] == "no-cache"
    forbidden = raw_request(apache, "GET /assets/ HTTP/1.1")  # a folder without an index
    assert forbidden.status == 403
    assert_every_header(forbidden, "403")


def test_the_handbooks_404_page(apache: str, site_dir: Path) -> None:
    for encoding in (None, "gzip", "br"):
        extra = f"Accept-Encoding: {encoding}\r\n" if encoding else ""
        reply = raw_request(apache, "GET /no/such/page/ HTTP/1.1", extra=extra)
        assert reply.status == 404
        body = {None: lambda b: b, "gzip": gzip.decompress, "br": brotli.decompress}[encoding]
        assert body(reply.body) == (site_dir / "404.html").read_bytes(), encoding
        assert reply.headers["content-type"] == "text/html; charset=utf-8"


@pytest.mark.parametrize("path", [*DOTFILES, ".git/", ".git", "%2egit/HEAD", "x/../.env"])
def test_dotfiles_are_never_served(apache: str, path: str) -> None:
    reply = raw_request(apache, f"GET /{path} HTTP/1.1")
    assert reply.status in (403, 404), path
    text = reply.body.decode("utf-8", "replace")
    assert not [s for s in SECRETS if s in text], path
    assert_every_header(reply, path)


def test_well_known_is_still_served(apache: str) -> None:
    reply = raw_request(apache, "GET /.well-known/security.txt HTTP/1.1")
    assert reply.status == 200
    assert reply.body == b"Contact: x\n"
    assert_every_header(reply, "/.well-known/")


@pytest.mark.parametrize(("encoding", "suffix"), [("gzip, deflate", ".gz"), ("br, gzip", ".br")])
def test_text_files_are_sent_as_their_precompressed_copies(
    apache: str, site_dir: Path, encoding: str, suffix: str
) -> None:
    for kind, path in first_load_files(site_dir).items():
        plain_headers, plain = fetch(apache + path)
        assert "content-encoding" not in plain_headers, kind
        assert plain == (site_dir / path).read_bytes(), kind
        url = apache + ("" if path == "index.html" else path)
        headers, body = fetch(url, encoding)
        assert headers.get("content-encoding") == suffix.replace(".gz", "gzip").lstrip("."), kind
        # Byte for byte the build's copy: the server did no compressing of its own.
        assert body == (site_dir / (path + suffix)).read_bytes(), kind
        assert headers["content-type"] == plain_headers["content-type"], kind
        assert "content-language" not in headers, kind  # Debian maps .br to Breton
        assert "accept-encoding" in headers.get("vary", "").lower(), kind
        assert "accept-encoding" in plain_headers.get("vary", "").lower(), kind
        assert headers["cache-control"] == cache_control("/" + path), kind


def test_folders_are_redirected_to_their_address_with_a_slash(apache: str) -> None:
    reply = raw_request(apache, "GET /assessment/record HTTP/1.1")
    assert reply.status == 301
    assert reply.headers["location"].endswith("/assessment/record/")
    assert_every_header(reply, "301")


def test_redirects_do_not_name_the_host_the_request_claims(apache_site: str) -> None:
    """The site's redirects name its ServerName (an .htaccess cannot set UseCanonicalName,
    as its notes say)."""
    reply = raw_request(apache_site, "GET /assessment/record HTTP/1.1", "attacker.example")
    assert reply.status == 301
    assert reply.headers["location"] == apache_site + "assessment/record/"
    assert "attacker.example" not in reply.body.decode("utf-8", "replace")


@pytest.mark.parametrize(
    ("request_line", "host", "status"),
    [
        ("GET / HTTP/1.1", None, 400),  # HTTP/1.1 without Host
        ("GET /" + "a" * 20000 + " HTTP/1.1", "localhost", 414),
    ],
    ids=["no-host", "long-uri"],
)
def test_error_responses_before_the_site_carry_the_headers(
    apache_site: str, request_line: str, host: str | None, status: int
) -> None:
    reply = raw_request(apache_site, request_line, host)
    assert reply.status == status
    assert_every_header(reply, str(status))


def test_trace_is_refused_with_the_headers(apache_site: str) -> None:
    """TRACE would echo the request back (200, with no header rule applied): the site
    configuration turns it off. (An .htaccess cannot: its notes and README say so.)"""
    reply = raw_request(apache_site, "TRACE / HTTP/1.1", extra="X-Echo: secret\r\n")
    assert reply.status == 405
    assert b"secret" not in reply.body
    assert_every_header(reply, "TRACE")


@pytest.mark.parametrize("name", ROOT_FILE_TYPES)
def test_the_offline_copys_root_files_have_their_types(apache: str, name: str) -> None:
    headers, _ = fetch(apache + name)
    assert headers["content-type"].split(";")[0] in ROOT_FILE_TYPES[name]
