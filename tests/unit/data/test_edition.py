"""The build date from ``SOURCE_DATE_EPOCH`` and the site address from
``HANDBOOK_SITE_URL``: a bad value is one line naming the variable, never a traceback."""

from __future__ import annotations

import datetime as dt

import pytest

from macros.data.edition import build_date
from macros.data.files import DataError
from macros.data.local_models import site_url


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
