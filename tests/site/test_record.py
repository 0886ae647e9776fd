"""The built Assessment record page: every checklist once, unique ids, linked from everywhere."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from tests.site.reading import CHECKLISTS, built_page, items, nav, soup

RECORD = "assessment/record.md"


def test_record_is_in_the_navigation_under_assessment(site_dir: Path) -> None:
    pages = nav()
    assert RECORD in pages
    assert pages.index(RECORD) < pages.index("prompts/index.md")


def test_record_holds_every_checklist_stages_first_with_unique_ids(site_dir: Path) -> None:
    page = soup(built_page(site_dir, RECORD))
    order = [d["data-record-checklist"] for d in page.select("details.hb-record__checklist")]
    assert sorted(order) == sorted(CHECKLISTS)
    assert order[:3] == [
        "stage-1-information-gathering",
        "stage-2-case-formulation",
        "stage-3-safety-planning",
    ]
    assert order[3:] == [
        "prompts-pornography",
        "prompts-sexting",
        "prompts-iioc",
        "prompts-dark-web",
    ]
    for cid in CHECKLISTS:
        details = page.select_one(f"details[data-record-checklist='{cid}']")
        assert details is not None
        count = len(items(cid))
        assert details.select_one("summary").get_text(" ", strip=True).endswith(f"({count} items)")  # type: ignore[union-attr]
        assert len(details.select("input[type=checkbox]")) == count
        assert len(details.select("textarea")) == len(CHECKLISTS[cid]["sections"])
    # Glossary links and their tooltips come along with the items.
    assert page.select(".hb-record .hb-checklist__terms a.hb-term__link")
    ids = Counter(str(node["id"]) for node in page.select("[id]"))
    assert [i for i, n in ids.items() if n > 1] == []
    for node in page.select("[aria-describedby], [aria-labelledby], label[for]"):
        ref = node.get("aria-describedby") or node.get("aria-labelledby") or node.get("for")
        assert page.find(id=str(ref)) is not None, ref


def test_record_is_left_out_of_search_except_its_introduction(site_dir: Path) -> None:
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(
        d["text"] for d in index["docs"] if d["location"].startswith("assessment/record/")
    )
    assert "assessment record brings together" in text
    assert "Case reference" not in text
    assert items("prompts-dark-web")[0]["text"] not in text


def test_every_checklist_and_the_home_page_link_to_the_record(site_dir: Path) -> None:
    for cid, data in CHECKLISTS.items():
        page = soup(built_page(site_dir, data["page"]))
        links = page.select(f"section.hb-checklist[data-checklist='{cid}'] a")
        assert [a["href"] for a in links if a.get_text() == "Assessment record"] == [
            "../record/" if data["page"].startswith("assessment/") else "../../assessment/record/"
        ], cid
    home = soup(built_page(site_dir, "index.md"))
    assert home.select("article a[href='assessment/record/']")
