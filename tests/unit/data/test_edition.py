"""The edition stamp's inputs: the build date from ``SOURCE_DATE_EPOCH``, the site address from
``HANDBOOK_SITE_URL`` (a bad value is one line naming the variable, never a traceback), and the
commit from mkdocs-macros' ``git`` variables or HANDBOOK_COMMIT."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest
from mkdocs_macros.context import get_git_info

from macros.data.edition import build_date, git_commit
from macros.data.files import DataError
from macros.data.local_models import site_url
from tests.conftest import ROOT


def test_source_date_epoch_sets_the_build_date() -> None:
    assert build_date({"SOURCE_DATE_EPOCH": "1767225600"}) == dt.date(2026, 1, 1)
    assert build_date({"SOURCE_DATE_EPOCH": "253402300799"}) == dt.date(9999, 12, 31)
    assert build_date({}) == dt.datetime.now(tz=dt.UTC).date()


@pytest.mark.parametrize(
    "value", ["99999999999999", "253402300800", "-5", "abc", "1e9", " 17", "١٢٣", "1" * 5000]
)
def test_a_bad_source_date_epoch_is_one_line(value: str) -> None:
    with pytest.raises(DataError) as err:
        build_date({"SOURCE_DATE_EPOCH": value})
    assert str(err.value) == (
        f"SOURCE_DATE_EPOCH={value[:40]!r}: must be whole seconds since 1970-01-01 UTC, "
        "digits only, at most 253402300799 (the end of the year 9999)"
    )


def test_a_plain_site_address_is_kept() -> None:
    assert site_url("https://handbook.example.org/ta-hsb/", "X") == (
        "https://handbook.example.org/ta-hsb/"
    )


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("javascript:alert(1)//", "URL scheme should be 'http' or 'https'"),
        ("https://example.org/?a=1&b=2", "must be a plain http(s) address"),
        ("https://example.org/'onmouseover='x", "must be a plain http(s) address"),
        ("https://" + "a" * 600 + ".org/", "must be a plain http(s) address"),
        ("not a url", "input should be a valid URL"),
    ],
)
def test_a_bad_site_address_is_one_line(value: str, problem: str) -> None:
    with pytest.raises(DataError) as err:
        site_url(value, "HANDBOOK_SITE_URL")
    assert str(err.value).startswith(f"HANDBOOK_SITE_URL: {problem}")
    assert "\n" not in str(err.value)


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
