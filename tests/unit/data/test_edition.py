"""The commit in the edition stamp: from mkdocs-macros' ``git`` variables, or HANDBOOK_COMMIT."""

from __future__ import annotations

import subprocess

import pytest
from mkdocs_macros.context import get_git_info

from macros.data.edition import git_commit
from tests.conftest import ROOT

FULL = "0123456789abcdef0123456789abcdef01234567"


def test_the_stamp_has_ten_digits_of_the_commit_whatever_git_abbreviates_to() -> None:
    assert git_commit({"commit": FULL, "short_commit": "0123456"}, {}) == "0123456789"


def test_handbook_commit_wins_and_no_checkout_or_a_git_failure_gives_none() -> None:
    assert git_commit({"commit": FULL}, {"HANDBOOK_COMMIT": "fixture"}) == "fixture"
    assert git_commit(None, {}) is None  # mkdocs-macros gives None when git is missing
    assert git_commit({"commit": ""}, {}) is None  # no checkout (a release's tarball)
    assert git_commit({"commit": "# Cannot execute 'git rev-parse HEAD'"}, {}) is None


def test_in_this_checkout_it_is_the_head_commit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # mkdocs-macros asks git in the folder MkDocs runs in
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    found = get_git_info()  # type: ignore[no-untyped-call]
    assert git_commit(found, {}) == head[:10]
