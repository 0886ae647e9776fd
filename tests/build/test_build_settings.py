"""Settings a build reads from its environment: a bad one stops the handbook's own build
(mkdocs.yml, as `make build` runs it) with one line naming it, before any page is built."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.build.fixture_site import errors
from tests.conftest import ROOT, mkdocs_build


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        (
            {"SOURCE_DATE_EPOCH": "99999999999999"},
            "SOURCE_DATE_EPOCH='99999999999999': must be whole seconds since 1970-01-01 UTC",
        ),
        ({"SOURCE_DATE_EPOCH": "-5"}, "SOURCE_DATE_EPOCH='-5': must be whole seconds"),
        (
            {"HANDBOOK_SITE_URL": "https://example.org/'><meta http-equiv='refresh'>"},
            "HANDBOOK_SITE_URL (site_url): must be a plain http(s) address",
        ),
    ],
)
def test_a_bad_setting_is_one_line(tmp_path: Path, env: dict[str, str], expected: str) -> None:
    result = mkdocs_build(ROOT / "mkdocs.yml", tmp_path / "site", {"HANDBOOK_PDF": "false", **env})
    assert result.returncode == 1
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    [line] = errors(result)
    assert line.startswith(expected), line
    assert not (tmp_path / "site" / "index.html").exists()
