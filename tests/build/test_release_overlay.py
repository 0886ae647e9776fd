"""The overlay a release records in its SBOM is a path from the checkout's root, never the
build machine's path; an overlay outside the checkout, or deploy/ other than security.py writes
it, is refused before anything is built."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT
from tools.release.build import build
from tools.release.source import SourceError, overlay_in


@pytest.mark.parametrize(
    ("given", "recorded"),
    [
        (None, None),
        ("", None),
        ("areas/north.yml", "areas/north.yml"),
        (str(ROOT / "areas" / "north.yml"), "areas/north.yml"),
        ("./areas/../examples/local/local.yml", "examples/local/local.yml"),
    ],
)
def test_the_overlay_is_recorded_from_the_root(given: str | None, recorded: str | None) -> None:
    assert overlay_in(ROOT, given) == recorded


@pytest.mark.parametrize("given", ["/srv/areas/north.yml", "../north.yml", "areas/../../north.yml"])
def test_an_overlay_outside_the_checkout_is_refused(tmp_path: Path, given: str) -> None:
    with pytest.raises(SourceError, match=r"is outside the checkout .*: a release is built"):
        build(ROOT, tmp_path / "dist", given)
    assert not (tmp_path / "dist").exists()


def test_a_release_is_refused_while_deploy_differs_from_security_py(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match=r"^deploy/.*: differs from .*run `make deploy-configs`"):
        build(tmp_path, tmp_path / "dist", None)
    assert not (tmp_path / "dist").exists()
