"""What the hosting tests share: raw requests, the security headers, the first-load files,
the dotfiles a careless deployment might leave, and a CSP check of every page."""

from __future__ import annotations

import http.client
import re
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser

from macros.hooks.security import HEADERS, is_copy
from tests.browser.conftest import site_pages
from tests.browser.helpers import CSP_LISTENER, Traffic

DOTFILES = {".git/HEAD": "ref: refs/heads/main\n", ".git/config": "[core]\n", ".env": "SECRET=1\n"}
DOTFILES |= {".venv/pyvenv.cfg": "home = /usr/bin\n", "assets/.hidden.css": "p{}\n"}
WELL_KNOWN = {".well-known/security.txt": "Contact: x\n"}
SECRETS = ("ref: refs", "SECRET", "[core]", "home = ")


@dataclass(frozen=True)
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes


def raw_request(
    base: str, request_line: str, host: str | None = "localhost", extra: str = ""
) -> Reply:
    """Send one request as raw bytes (http.client refuses to send malformed ones)."""
    port = int(base.rstrip("/").rsplit(":", 1)[1])
    head = request_line + "\r\n" + (f"Host: {host}\r\n" if host else "") + extra
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


def assert_every_header(reply: Reply, what: str) -> None:
    """Exactly the handbook's headers (macros/hooks/security.py), each once."""
    for name, value in HEADERS:
        assert reply.headers.get(name.lower()) == value, f"{what}: {name}"


#: The offline copy's root files (macros/hooks/offline.py) and the types a browser needs:
#: a service worker must be JavaScript; the manifest has its own type.
ROOT_FILE_TYPES = {
    "sw.js": {"application/javascript", "text/javascript"},
    "manifest.webmanifest": {"application/manifest+json"},
    "edition.json": {"application/json"},
}


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


def site_files(site_dir: Path) -> list[str]:
    """Every file a server sends as itself (not the .gz and .br copies)."""
    return sorted(
        p.relative_to(site_dir).as_posix()
        for p in site_dir.rglob("*")
        if p.is_file() and not is_copy(p)
    )


def csp_violations(browser: Browser, base: str, site_dir: Path) -> dict[str, list[str]]:
    """Load every page from ``base`` (and run a search); the CSP violations, by page.

    Also fails on console errors, failed requests and requests to other hosts."""
    context = browser.new_context()
    context.add_init_script(CSP_LISTENER)
    traffic = Traffic().watch(context)
    page = context.new_page()
    violations: dict[str, list[str]] = {}
    pages = site_pages(site_dir)
    for path in pages:
        response = page.goto(base + path, wait_until="networkidle")
        assert response is not None
        assert response.status == 200, path
        found = page.evaluate("window.__cspViolations")
        if found:
            violations[path] = found
    # Search uses a web worker and fetches its index: exercise it under the CSP too.
    page.goto(base, wait_until="networkidle")
    page.locator("input.md-search__input").focus()
    page.locator("input.md-search__input").type("grooming", delay=20)
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    found = page.evaluate("window.__cspViolations")
    if found:
        violations["search"] = found
    context.close()
    print(
        f"{base}: {len(pages)} pages checked, CSP violations: {sum(map(len, violations.values()))}"
    )
    assert traffic.console_errors == [], traffic.console_errors
    assert traffic.failed == [], traffic.failed
    assert traffic.external == [], traffic.external
    return violations


def not_found(url: str) -> int:
    try:
        fetch(url)
    except urllib.error.HTTPError as exc:
        exc.close()
        return exc.code
    return 200
