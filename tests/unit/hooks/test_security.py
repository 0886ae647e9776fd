"""The security headers: one policy for the server, the meta element and the build check."""

from __future__ import annotations

import re

from macros.hooks.security import (
    HEADERS,
    THEME_SCRIPTS,
    inline_script_problem,
    meta_policy,
    policy,
)
from tests.conftest import ROOT


def test_the_nginx_snippet_sends_exactly_the_handbook_headers() -> None:
    conf = (ROOT / "deploy/nginx/security-headers.conf").read_text(encoding="utf-8")
    sent = re.findall(r'^add_header (\S+) "([^"]*)" always;$', conf, re.MULTILINE)
    assert sent == list(HEADERS)


def test_the_meta_policy_is_the_header_policy_without_frame_ancestors() -> None:
    assert "frame-ancestors" in policy()
    assert "frame-ancestors" not in meta_policy()
    assert policy().replace("; frame-ancestors 'none'", "") == meta_policy()
    assert "unsafe-inline" not in policy()
    assert all(f"'{h}'" in policy() for h in THEME_SCRIPTS)


def test_only_the_theme_inline_scripts_pass() -> None:
    theme = (
        "<script>var target=document.getElementById(location.hash.slice(1));target&&target.name&&"
        '(target.checked=target.name.startsWith("__tabbed_"))</script>'
    )
    other = "<script>alert(1)</script>"
    data = '<script id="__config" type="application/json">{"a": 1}</script>'
    external = '<script src="assets/x.js"></script>'
    assert inline_script_problem(theme + data + external) is None
    problem = inline_script_problem(theme + other) or ""
    assert problem.startswith(
        "an inline script the Content-Security-Policy does not allow ('sha256-"
    )
    assert "starting 'alert(1)'" in problem
