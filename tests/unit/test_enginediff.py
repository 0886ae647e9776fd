"""The MkDocs/ProperDocs comparison (tests/enginediff.py) lets the generator tag and what
follows from it through, and names every other difference, planted here in small sites."""

from __future__ import annotations

from pathlib import Path

from macros.hooks.offline import cached_files, worker_source
from macros.hooks.security import brotli_bytes, gzip_bytes
from tests.enginediff import WORKER, differences

PAGE = '<html><head><meta name="generator" content="{engine}"></head><body>{body}</body></html>'
EDITION = {"id": "1.0.0+test", "version": "1.0.0"}


def site(root: Path, engine: str, body: str = "Stage 1", css: str = "p{}") -> Path:
    """A built site in miniature: a page and a stylesheet, their compressed copies, sw.js."""
    (root / "assets").mkdir(parents=True)
    (root / "index.html").write_text(PAGE.format(engine=engine, body=body), encoding="utf-8")
    (root / "assets" / "site.css").write_text(css, encoding="utf-8")
    (root / WORKER).write_text(worker_source(EDITION, cached_files(root)), encoding="utf-8")
    for name in ("index.html", "assets/site.css"):
        data = (root / name).read_bytes()
        (root / f"{name}.gz").write_bytes(gzip_bytes(data))
        (root / f"{name}.br").write_bytes(brotli_bytes(data))
    return root


def test_only_the_generator_and_what_follows_from_it(tmp_path: Path) -> None:
    a = site(tmp_path / "a", "mkdocs-1.6.1, mkdocs-material-9.8.2")
    b = site(tmp_path / "b", "mkdocs-1.6.7, mkdocs-material-9.8.2")
    assert (a / "index.html").read_bytes() != (b / "index.html").read_bytes()
    assert (a / WORKER).read_bytes() != (b / WORKER).read_bytes()
    assert (a / "index.html.br").read_bytes() != (b / "index.html.br").read_bytes()
    assert differences(a, b) == []


def test_a_planted_difference_in_a_page_fails(tmp_path: Path) -> None:
    a = site(tmp_path / "a", "mkdocs-1.6.1")
    b = site(tmp_path / "b", "mkdocs-1.6.7", body="Stage 2")
    found = differences(a, b)
    assert [line.split(":")[0] for line in found] == [
        "index.html",
        "index.html.br",
        "index.html.gz",
        WORKER,
    ]
    assert found[0] == (
        "index.html: differs beyond the generator tag, at byte 54: "
        "b'generator\"></head><body>Stage 1</body></html>' ≠ "
        "b'generator\"></head><body>Stage 2</body></html>'"
    )


def test_a_wrong_hash_in_the_service_worker_fails(tmp_path: Path) -> None:
    a = site(tmp_path / "a", "mkdocs-1.6.1")
    b = site(tmp_path / "b", "mkdocs-1.6.7")
    worker = (b / WORKER).read_text(encoding="utf-8")
    listed = worker.split('["assets/site.css", "', 1)[1][:16]
    (b / WORKER).write_text(worker.replace(listed, "0" * 16), encoding="utf-8")
    [found] = differences(a, b)
    assert found.startswith(f"{WORKER}: differs beyond the generator tag")


def test_a_difference_in_another_file_or_a_missing_file_fails(tmp_path: Path) -> None:
    a = site(tmp_path / "a", "mkdocs-1.6.1")
    b = site(tmp_path / "b", "mkdocs-1.6.7", css="p{color:red}")
    (b / "extra.txt").write_text("x", encoding="utf-8")
    found = differences(a, b)
    assert "assets/site.css: differs beyond the generator tag" in found[1]
    assert found[0] == f"extra.txt: only in {b}"
