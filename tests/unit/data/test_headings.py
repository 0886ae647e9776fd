"""Heading ids from a page's Markdown, as Python-Markdown's toc gives them."""

from __future__ import annotations

import re

import markdown
import pytest

from macros.data.headings import heading_ids

CASES = [
    "# Title\n\nText.\n\n## A section\n\nMore.\n",
    "# Title\n\n## Same\n\n## Same\n\n### Same\n",
    "Setext title\n============\n\nPara.\n\nSub\n---\n",
    "# Title\n\n```\n# not a heading\n```\n\n~~~~\n## nor this\n~~~~\n\n## Real\n",
    '# **Bold** and `code` and [a link](x.md)\n\n## Tom & Jerry\'s "quotes"\n',
    "# Title\n\n## Custom {: #my-id }\n\n## Other {#other}\n",
    "# Title #\n\n##Tight\n\n## Ünïcödé — dash\n",
    "---\ntitle: Front\n---\n\n# After front matter\n",
    "# A\n\nA paragraph\nthat continues\n---\n\nText\n\n---\n\n## B\n",
]


def built_ids(text: str) -> set[str]:
    """What Python-Markdown itself gives (the extensions the handbook uses for headings)."""
    md = markdown.Markdown(extensions=["toc", "attr_list", "meta", "fenced_code"])
    html = md.convert(text)
    return set(re.findall(r'<h[1-6] id="([^"]+)"', html))


@pytest.mark.parametrize("text", CASES)
def test_heading_ids_are_python_markdowns(text: str) -> None:
    assert heading_ids(text) == built_ids(text)


def test_repeats_are_numbered() -> None:
    assert heading_ids("## Same\n\n## Same\n\n## Same\n") == {"same", "same_1", "same_2"}
