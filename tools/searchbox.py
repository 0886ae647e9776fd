"""Typing into the handbook's search box in Chromium as a reader does: which pages come first
and how soon after the last keystroke, for tests/browser/test_search.py and ``make bench``'s
search figures (issue 25: through the shipped nginx and from disk as the offline package)."""

from __future__ import annotations

import posixpath
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import unquote, urlsplit

import yaml
from playwright.sync_api import sync_playwright

from macros.hooks.security import gzip_bytes
from tools.servers import nginx

QUERY_FILE = Path(__file__).resolve().parents[1] / "tests" / "browser" / "search_queries.yml"
TOP = 3  # a query is answered when one of its pages is among the first TOP results
INPUT = "input.md-search__input"
ITEM = ".md-search-result__item"
QUIET_MS = 150  # no change to the results for this long: the last query's results are in
TYPING_DELAY_MS = 20

#: Marks when a key comes up (Material reads the query on keyup) and when the results change,
#: so a test can wait for the answer to the whole query and time it.
WATCH = """() => {
  const input = document.querySelector('input.md-search__input');
  const results = document.querySelector('.md-search-result');
  window.__hbSearch = {key: 0, render: 0};
  if (window.__hbWatching) { return; }
  window.__hbWatching = true;
  input.addEventListener('keyup', () => { window.__hbSearch.key = performance.now(); });
  new MutationObserver(() => { window.__hbSearch.render = performance.now(); })
    .observe(results, {childList: true, subtree: true, characterData: true});
}"""
SETTLED = f"""() => {{
  const s = window.__hbSearch;
  return s.render > s.key && performance.now() - s.render > {QUIET_MS};
}}"""


class Query(NamedTuple):
    query: str
    answer: tuple[str, ...]  # page keys (:func:`page_key`)
    source: str


def page_key(src: str) -> str:
    """``prompts/sexting.md`` → ``prompts/sexting``, ``assessment/index.md`` → ``assessment``."""
    stem = src.removesuffix(".md")
    return "" if stem == "index" else stem.removesuffix("/index")


def href_key(href: str, root: str) -> str:
    """A result link as a page key, for a site at ``root`` (``http:`` or ``file:``, ending in ``/``)."""
    base = unquote(urlsplit(root).path).rstrip("/") or "/"
    rel = posixpath.relpath(unquote(urlsplit(href).path), base)
    rel = page_key(rel.removesuffix(".html")) if rel.endswith(".html") else rel
    return "" if rel == "." else rel.strip("/")


def load_queries(path: Path = QUERY_FILE) -> list[Query]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        Query(str(q["query"]), tuple(page_key(a) for a in q["answer"]), str(q.get("from", "")))
        for q in data
    ]


def open_search(page: Any, url: str) -> None:
    """Open ``url``, open the search box and wait until the search index is loaded."""
    page.goto(url)
    box = page.locator(INPUT)
    box.click()
    page.evaluate(WATCH)
    box.type("dark web", delay=TYPING_DELAY_MS)  # the first query waits for the index
    page.wait_for_selector(ITEM, timeout=30000)
    page.wait_for_function(SETTLED, timeout=30000)


def search(page: Any, text: str, root: str) -> tuple[str, ...]:
    """The result pages for ``text``: all but its last letter filled in, the last one typed
    (Material searches on key-up), as a reader's last keystroke leaves the box."""
    box = page.locator(INPUT)
    box.fill(text[:-1])
    page.evaluate(WATCH)
    box.type(text[-1:], delay=TYPING_DELAY_MS)
    page.wait_for_function(SETTLED, timeout=10000)
    hrefs: list[str] = page.eval_on_selector_all(
        ITEM, "items => items.map(i => i.querySelector('a.md-search-result__link').href)"
    )
    return tuple(href_key(h, root) for h in hrefs)


def latency_ms(page: Any, text: str) -> float:
    """Milliseconds from the last keystroke of ``text`` to the last change to its results."""
    box = page.locator(INPUT)
    box.fill("")
    page.evaluate(WATCH)
    box.type(text, delay=60)
    page.wait_for_function(SETTLED, timeout=10000)
    marks = page.evaluate("() => window.__hbSearch")
    return float(marks["render"] - marks["key"])


def answered(page: Any, root: str, queries: Sequence[Query]) -> tuple[float, list[str]]:
    """Each query typed in: the share answered in the first TOP results, and the misses."""
    misses = []
    for q in queries:
        found = search(page, q.query, root)[:TOP]
        if not set(found) & set(q.answer):
            misses.append(f"{q.query!r}: wanted {list(q.answer)}, got {list(found)}")
    return 1 - len(misses) / len(queries), misses


CHROMIUM = "/usr/bin/chromium"
#: gzip of search/search_index.json before issue 25 (commit 9c13567). The budget was +10 %;
#: 1.3.0's Source notes (69 notes on 43 sections) and glossary spellings took it to 38,913 B
#: (+11.3 %), so it is +15 % from 1.3.0.
INDEX_GZIP_BEFORE = 34_963
INDEX_BUDGET = 1.15
HIT_TARGET = 0.95
LATENCY_TARGET_MS = 100
THREE_WORDS = (
    "sharing nudes online",
    "offline harmful behaviour",
    "indecent images peers",
    "case formulation diagram",
    "pornograpy age twelve",
    "dark web curiosity",
    "safety plan supervision",
)


def measure(site: Path, offline_site: Path) -> dict[str, Any]:
    """Hit rate and latency through nginx (``site``) and from disk (``offline_site``)."""
    index = site / "search" / "search_index.json"
    out: dict[str, Any] = {"index_gzip": len(gzip_bytes(index.read_bytes()))}
    queries = load_queries()
    disk = offline_site.resolve().as_uri() + "/"
    with sync_playwright() as pw, tempfile.TemporaryDirectory() as tmp:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        with nginx(site.resolve(), Path(tmp)) as url:
            places = {"served": (url, url), "offline": (disk, disk + "index.html")}
            for where, (root, start) in places.items():
                page = browser.new_page()
                open_search(page, start)
                rate, misses = answered(page, root, queries)
                out[where] = {"queries": len(queries), "hit_rate": rate, "misses": misses}
                out[where]["latency_ms"] = [latency_ms(page, q) for q in THREE_WORDS]
    return out
