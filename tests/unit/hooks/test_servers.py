"""Every server configuration comes from macros/hooks/security.py and cannot drift from it."""

from __future__ import annotations

import re

import pytest

from macros.hooks import security
from macros.hooks.security import (
    A_DAY,
    CACHE_RULES,
    HEADERS,
    IMMUTABLE,
    MANIFEST,
    NO_CACHE,
    REVALIDATED,
    cache_control,
    static_headers,
)
from tests.conftest import ROOT
from tests.static_hosts import addresses, matching, rules
from tools.deploy import stale

SITE_FILES = [
    "index.html",
    "404.html",
    "sitemap.xml",
    "guidance/definitions/index.html",
    "reference/glossary/index.html",
    "assets/favicon.svg",
    "assets/images/favicon.png",
    "assets/css/handbook.0123abcd.css",
    "assets/javascripts/bundle.a5f9d56c.min.js",
    "assets/javascripts/bundle.a5f9d56c.min.js.map",
    "assets/javascripts/checklist.397cdac8.js",
    "assets/javascripts/iframe-worker.js",
    "assets/javascripts/lunr/tinyseg.js",
    "assets/javascripts/lunr/min/lunr.de.min.js",
    "assets/javascripts/workers/search.a7633da7.min.js",
    "assets/stylesheets/main.57a0d79d.min.css",
    "assets/stylesheets/palette.fb2fffe2.min.css",
    "downloads/ta-hsb-handbook-1.1.0.pdf",
    "downloads/checklists/prompts-iioc.pdf",
    "search/search_index.json",
    "sw.js",
]


def test_the_committed_configurations_are_what_security_py_writes() -> None:
    assert stale() == [], "run `make deploy-configs` and commit deploy/"


def test_a_changed_header_or_cache_rule_makes_the_configurations_stale(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The check can fail: one header more, or one cache rule less, and the files that
    carry it differ (nginx's server block includes the headers from its snippet)."""
    with monkeypatch.context() as patch:
        patch.setattr(security, "HEADERS", (*HEADERS, ("X-Test", "1")))
        assert set(stale()) == set(security.DEPLOY_FILES) - {"deploy/nginx/handbook.conf"}
    monkeypatch.setattr(security, "CACHE_RULES", CACHE_RULES[1:])
    assert set(stale()) == set(security.DEPLOY_FILES) - {"deploy/nginx/security-headers.conf"}


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/", NO_CACHE),
        ("/guidance/definitions/", NO_CACHE),
        ("/index.html", NO_CACHE),
        ("/sitemap.xml", NO_CACHE),
        ("/assets/javascripts/bundle.a5f9d56c.min.js", IMMUTABLE),
        ("/assets/javascripts/workers/search.a7633da7.min.js", IMMUTABLE),
        ("/assets/stylesheets/palette.fb2fffe2.min.css", IMMUTABLE),
        ("/assets/css/handbook.0123abcd.css", IMMUTABLE),
        ("/assets/javascripts/record.dc46177a.js", IMMUTABLE),
        ("/handbook/assets/css/handbook.0123abcd.css", IMMUTABLE),  # under a sub-path
        ("/assets/javascripts/bundle.a5f9d56c.min.js.map", A_DAY),
        ("/assets/javascripts/iframe-worker.js", A_DAY),
        ("/assets/javascripts/lunr/tinyseg.js", A_DAY),
        ("/downloads/ta-hsb-handbook-1.1.0.pdf", A_DAY),
        ("/search/search_index.json", A_DAY),
        ("/assets/local/logo.svg", A_DAY),
        ("/sw.js", NO_CACHE),
        ("/manifest.webmanifest", NO_CACHE),
        ("/edition.json", NO_CACHE),
    ],
)
def test_cache_rules(path: str, expected: str) -> None:
    assert cache_control(path) == expected


def test_the_nginx_locations_are_the_cache_rules_in_order() -> None:
    conf = security.DEPLOY_FILES["deploy/nginx/handbook.conf"]()
    found = re.findall(
        r'location ~ "(.*)\$" \{\n.*\n\s+add_header Cache-Control "([^"]+)" always;', conf
    )
    # The manifest's own location comes first, only to give it its type.
    assert found[0] == (re.escape("/" + MANIFEST[0]), cache_control("/" + MANIFEST[0]))
    assert found[1:] == [(rule.pattern, rule.cache_control) for rule in CACHE_RULES]
    assert (
        'location / {\n        include snippets/ta-hsb-security-headers.conf;\n        add_header Cache-Control "no-cache" always;'
        in conf
    )


@pytest.mark.parametrize("name", ["deploy/apache/handbook.conf", "deploy/apache/htaccess"])
def test_apache_sends_every_header_and_caches_by_the_rules_in_order(name: str) -> None:
    text = security.DEPLOY_FILES[name]()
    for name, value in HEADERS:
        assert f'Header always set {name} "{value}"' in text
    found = re.findall(
        r'<(?:If|ElseIf) "%\{REQUEST_URI\} =~ m#(.*)\(\?:\\\.gz\|\\\.br\)\?\$#">\n\s+'
        r'Header always set Cache-Control "([^"]+)"',
        text,
    )
    assert found == [(rule.pattern, rule.cache_control) for rule in CACHE_RULES]
    assert re.search(r'<Else>\n\s+Header always set Cache-Control "no-cache"', text)


def test_static_headers_give_each_address_one_cache_rule_and_every_header() -> None:
    text = static_headers(SITE_FILES)
    for address, file in addresses(SITE_FILES).items():
        found = matching(text, address)
        cache = [h["Cache-Control"] for h in found if "Cache-Control" in h]
        assert cache == [cache_control("/" + file)], address
        sent = {k: v for h in found for k, v in h.items() if k != "Cache-Control"}
        assert sent == dict(HEADERS), address
    for name in REVALIDATED:  # even before another part of the handbook adds them
        assert [h.get("Cache-Control") for h in matching(text, "/" + name)] == [None, NO_CACHE]
    assert len(rules(text)) <= 100  # Cloudflare Pages' limit
    assert max(len(line) for line in text.splitlines()) <= 2000


def test_static_headers_cover_uniform_folders_with_one_rule() -> None:
    text = static_headers(SITE_FILES)
    patterns = [pattern for pattern, _ in rules(text)]
    assert "/guidance/*" in patterns
    assert "/downloads/*" in patterns
    assert "/assets/javascripts/lunr/*" in patterns
    assert "/assets/javascripts/*" not in patterns  # mixed: one rule per file
    assert "/assets/javascripts/iframe-worker.js" in patterns


def test_security_py_is_the_only_place_headers_are_written() -> None:
    """No other module spells out a header value."""
    csp = security.policy()
    holders = [
        p.relative_to(ROOT).as_posix()
        for p in [*(ROOT / "macros").rglob("*.py"), *(ROOT / "tools").rglob("*.py")]
        if "max-age=31536000" in p.read_text(encoding="utf-8")
        or csp[:40] in p.read_text(encoding="utf-8")
    ]
    assert holders == ["macros/hooks/security.py"]
