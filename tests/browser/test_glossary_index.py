"""The glossary's A–Z index on a phone: a few rows, not a column taller than the screen."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser


def test_letter_index_fits_a_phone_in_rows_of_large_targets(
    browser: Browser, server: str, artifacts: Path
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto(server + "reference/glossary/", wait_until="networkidle")
    index = page.locator(".hb-gloss-index")
    box = index.bounding_box()
    assert box is not None
    page.screenshot(path=str(artifacts / "glossary-index-390.png"))
    letters = index.locator("a")
    targets = [letters.nth(i).bounding_box() for i in range(letters.count())]
    assert len(targets) >= 10
    assert box["height"] <= 120, f"index is {box['height']:.0f} px tall at 390 px wide"
    for target in targets:
        assert target is not None
        assert target["width"] >= 24
        assert target["height"] >= 24  # WCAG 2.2 target size (minimum)
        assert target["x"] >= 0
        assert target["x"] + target["width"] <= 390
    # More than one letter to a row.
    assert len({round(t["y"]) for t in targets if t}) < len(targets) / 2
    context.close()
