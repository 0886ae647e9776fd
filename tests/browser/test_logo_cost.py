"""A logo at the limits of macros/data/logo.py is drawn at once: every page shows the
logo, and the browser paints nothing until it is drawn (a 144 KB logo of dashed paths,
refused now, once held every page for 95 s). Each drawing below is accepted, with every
limit it tests reached, and Chromium draws it at the header's size (48 px high)."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page

from macros.data.logo import MAX_ONE_PATH, MAX_PATH_DATA, MAX_SVG_DEPTH, MAX_SVG_ELEMENTS, read_logo

BOX = 1000


def crossing(rng: random.Random) -> str:
    """Shapes as long as one may be, each crossing the whole drawing with a wide stroke and
    round joins (the cost of a stroke grows faster than its length)."""
    shapes = MAX_PATH_DATA // MAX_ONE_PATH
    numbers = " ".join(str(rng.randrange(BOX)) for _ in range(MAX_ONE_PATH - 3))  # M, 0, 0
    path = (
        f'<path d="M0 0 {numbers}" fill="#1d4e89" fill-rule="evenodd" stroke="#c00" '
        'stroke-width="60" stroke-linejoin="round" paint-order="stroke"/>'
    )
    return path * shapes


def layers(rng: random.Random) -> str:
    """As many elements as may be, each covering the drawing, half transparent and blended,
    inside groups nested as deep as may be."""
    depth = MAX_SVG_DEPTH - 2  # the root and the shapes are levels too
    groups = '<g opacity="0.9" style="mix-blend-mode: multiply; isolation: isolate">' * depth
    shape = (
        f'<rect width="{BOX}" height="{BOX}" rx="400" fill="#{rng.randrange(4096):03x}" '
        'stroke="#000" stroke-width="200" opacity="0.5" style="mix-blend-mode: difference"/>'
    )
    return groups + shape * (MAX_SVG_ELEMENTS - depth - 1) + "</g>" * depth


@pytest.mark.parametrize("drawing", [crossing, layers])
def test_a_logo_at_the_limits_is_drawn_at_once(
    page: Page, tmp_path: Path, drawing: Callable[[random.Random], str]
) -> None:
    body = drawing(random.Random(1))  # noqa: S311 (the same drawing every run, no secret)
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {BOX} {BOX}">{body}</svg>'
    (tmp_path / "logo.svg").write_text(svg, encoding="utf-8")
    read_logo(tmp_path, "logo.svg")  # accepted: at the limits, not past them
    (tmp_path / "page.html").write_text(
        '<!doctype html><title>Logo</title><img src="logo.svg" alt="" style="height: 48px">',
        encoding="utf-8",
    )
    start = time.perf_counter()
    page.goto((tmp_path / "page.html").as_uri())
    page.screenshot()  # the page painted, the logo drawn
    assert time.perf_counter() - start < 10
