"""The PDF cache: keyed by everything a PDF is made from; never publishes a stale PDF."""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from macros.data.edition import Edition
from macros.data.local_models import LocalOverlay
from macros.data.nav import NavPage, nav_pages, nav_sources
from macros.data.state import State, assemble
from macros.hooks import site_hooks
from macros.pdf import book, workers, writer
from macros.pdf.book import Book, PdfJob, article_from_content, book_order
from tests.conftest import ROOT, mkdocs_config
from tests.pdftext import sheet_text

EDITION = Edition("9.0.0", "Guidance 2017", dt.date(2026, 1, 1))


def handbook(edition: Edition = EDITION) -> State:
    return assemble(
        root=ROOT,
        docs_dir=ROOT / "docs",
        pages=nav_sources(mkdocs_config()["nav"]),
        edition=edition,
    )


def keys(state: State, tmp_path: Path) -> dict[str, str]:
    jobs = book.checklist_jobs(state, "Site")
    return {job.target: workers.cache_key(job, tmp_path) for job in jobs}


@pytest.fixture(scope="module", autouse=True)
def _stop_workers() -> Iterator[None]:
    """Forked workers hold copies of pytest's pipes (e.g. Playwright's): stop them."""
    yield
    workers.shutdown()


@pytest.fixture(scope="module")
def base() -> State:
    return handbook()


def test_same_inputs_same_keys(base: State, tmp_path: Path) -> None:
    assert keys(base, tmp_path) == keys(handbook(), tmp_path)


def test_editing_one_checklist_changes_its_key_and_the_combined_one_only(
    base: State, tmp_path: Path
) -> None:
    before = keys(base, tmp_path)
    cid = "prompts-sexting"
    checklist = base.checklists[cid]
    section = checklist.sections[0]
    item = section.items[0].model_copy(update={"text": "An edited question?"})
    changed_checklist = checklist.model_copy(
        update={"sections": (section.model_copy(update={"items": (item, *section.items[1:])}),)}
    )
    edited = replace(base, checklists={**base.checklists, cid: changed_checklist})
    after = keys(edited, tmp_path)
    changed = {target for target in before if before[target] != after[target]}
    assert changed == {base.downloads.checklist(cid), base.downloads.all_checklists}


@pytest.mark.parametrize("css", ["pdf-base.css", "checklist-pdf.css"])
def test_a_stylesheet_change_changes_every_checklist_key(
    base: State, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, css: str
) -> None:
    before = keys(base, tmp_path)
    templates = tmp_path / "templates"
    shutil.copytree(writer.TEMPLATES, templates)
    with (templates / css).open("a", encoding="utf-8") as fh:
        fh.write("\nh1 { color: #111; }\n")
    monkeypatch.setattr(writer, "TEMPLATES", templates)
    after = keys(base, tmp_path)
    assert all(before[t] != after[t] for t in before)


def test_version_overlay_and_form_font_change_every_key(
    base: State, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = keys(base, tmp_path)
    newer = keys(handbook(replace(EDITION, version="9.0.1")), tmp_path)
    assert all(before[t] != newer[t.replace("9.0.0", "9.0.1")] for t in before)
    with_overlay = replace(
        base,
        overlay=LocalOverlay.model_validate(
            {
                "organisation": "Example Council",
                "contacts": [{"role": "Duty desk", "phone": "0123"}],
            }
        ),
    )
    assert all(before[t] != k for t, k in keys(with_overlay, tmp_path).items())
    other_font = tmp_path / "form.ttf"
    other_font.write_bytes(writer.FORM_FONT.read_bytes() + b"\0")
    monkeypatch.setattr(writer, "FORM_FONT", other_font)
    assert all(before[t] != k for t, k in keys(base, tmp_path).items())


def test_a_local_file_the_pdf_embeds_is_part_of_the_key(tmp_path: Path) -> None:
    image = tmp_path / "logo.svg"
    image.write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    job = book.PdfJob("x.pdf", '<img src="logo.svg" alt="">')
    first = workers.cache_key(job, tmp_path)
    image.write_text("<svg xmlns='http://www.w3.org/2000/svg' width='2'/>", encoding="utf-8")
    assert workers.cache_key(job, tmp_path) != first


def test_the_handbook_key_follows_the_built_pages(base: State, tmp_path: Path) -> None:
    conf = mkdocs_config()
    pages = book_order(nav_pages(conf["nav"]))

    def page(text: str) -> str:
        return f'<html><body><article class="md-content__inner"><h1>T</h1><p>{text}</p></article></body></html>'

    def job(texts: dict[str, str]) -> PdfJob:
        return PdfJob("h.pdf", Book(base, pages, texts).html("Site", ""))

    texts = {p.src: page("Same") for p in pages}
    first, again = job(texts), job(dict(texts))
    texts[pages[3].src] = page("One line edited")
    edited = job(texts)
    assert workers.cache_key(first, tmp_path) == workers.cache_key(again, tmp_path)
    assert workers.cache_key(first, tmp_path) != workers.cache_key(edited, tmp_path)


def test_render_uses_the_cache_the_second_time(tmp_path: Path) -> None:
    job = book.PdfJob("downloads/a.pdf", "<!doctype html><title>a</title><p>Cached text</p>")
    cache = tmp_path / "cache"
    first, rendered = workers.render(job, tmp_path, cache)
    assert rendered
    assert workers.render(job, tmp_path, cache) == (first, False)
    assert "Cached text" in sheet_text(PdfReader(first).pages[0])
    assert [p.name for p in cache.iterdir()] == [first.name]  # no temporary files left


def test_prune_keeps_the_most_recently_used(tmp_path: Path) -> None:
    for i in range(5):  # used long ago, in this order
        path = tmp_path / f"{i}.pdf"
        path.write_bytes(b"%PDF")
        os.utime(path, (i, i))
    workers.prune(tmp_path, keep=2)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["3.pdf", "4.pdf"]
    (tmp_path / "5.pdf").write_bytes(b"%PDF")  # just used: another build may be copying it
    workers.prune(tmp_path, keep=0)
    assert [p.name for p in tmp_path.iterdir()] == ["5.pdf"]


def test_background_publishing_never_shows_a_stale_pdf(tmp_path: Path) -> None:
    site = tmp_path / "site"
    target = "downloads/a.pdf"
    (site / "downloads").mkdir(parents=True)
    (site / target).write_bytes(b"stale")
    cache = tmp_path / "cache"
    batch = workers.Batch(cache, background=True)
    batch.add(book.PdfJob(target, "<!doctype html><title>a</title><p>Fresh</p>"), site)
    batch.publish(site)
    assert not (site / target).exists() or "Fresh" in sheet_text(PdfReader(site / target).pages[0])
    batch.landing.join()
    assert "Fresh" in sheet_text(PdfReader(site / target).pages[0])

    # A PDF that arrives after a newer build started is not copied into the site.
    old = workers.Batch(cache, background=True)
    old.add(book.PdfJob(target, "<!doctype html><title>b</title><p>Old edit</p>"), site)
    old.publish(site)
    workers.Batch(cache, background=True)  # the next build
    old.landing.join()
    assert not (site / target).exists()  # removed when the old build ended, never replaced


def test_no_pdf_lands_after_serve_shuts_down(tmp_path: Path) -> None:
    """``serve`` deletes its site folder after MkDocs' ``on_shutdown``: a PDF copied in
    meanwhile would make that fail."""
    site = tmp_path / "site"
    batch = workers.Batch(tmp_path / "cache", background=True)
    batch.add(book.PdfJob("downloads/a.pdf", "<!doctype html><title>a</title><p>A</p>"), site)
    batch.publish(site)
    site_hooks.on_shutdown()
    batch.landing.join()
    assert not (site / "downloads" / "a.pdf").exists()


def test_a_background_pdf_that_fails_is_logged_in_one_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    site = tmp_path / "site"
    batch = workers.Batch(tmp_path / "cache", background=True)
    batch.add(book.PdfJob("downloads/a.pdf", '<img src="https://example.org/x.png">'), site)
    with caplog.at_level(logging.ERROR, logger="mkdocs.plugins.handbook"):
        batch.publish(site)
        batch.landing.join()
    [message] = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert message.startswith("a.pdf: a resource could not be loaded: 'https://example.org/")
    assert "\n" not in message
    assert not (site / "downloads" / "a.pdf").exists()


@pytest.mark.parametrize(
    ("value", "mode"),
    [(True, "wait"), (False, "off"), ("background", "background"), ("false", "off"), ("", "off")],
)
def test_pdf_setting(value: object, mode: str) -> None:
    from macros.pdf import pdf_mode

    assert pdf_mode({"pdf": value}) == mode


# -- the handbook PDF starts from the pages' content, before the theme renders them ------

CONTENT = (
    '<h1 id="t">Title</h1>\n<p>Body, see <a href="../../reference/glossary/">the glossary</a>.</p>'
)
BUILT = (  # the same content as Material's template writes it, with what the book removes
    '<html><body><div class="md-content"><article class="md-content__inner md-typeset">\n  \n'
    '<a href="edit/" title="Edit" class="md-content__button md-icon">e</a>\n\n'
    f"{CONTENT}\n\n"
    '<aside class="md-source-file">Last update: today</aside>\n'
    '  <div class="hb-print-stamp" aria-hidden="true"><p>Stamp</p></div>\n'
    "</article></div></body></html>"
)


def test_the_book_is_the_same_from_content_or_from_the_built_page(base: State) -> None:
    page = NavPage("Definitions", "guidance/definitions.md", "Guidance")
    early = {page.src: article_from_content(CONTENT, page.title)}
    built = {page.src: BUILT}
    glossary = NavPage("Glossary", "reference/glossary.md", "Reference")
    sections = [str(Book(base, [page, glossary], texts).article(page)) for texts in (early, built)]
    assert sections[0] == sections[1]
    assert sections[0].startswith(  # a page in a part: its title is the part's level 2
        '<section class="pdf-page" id="guidance-definitions"><h2 class="pdf-h1" '
    )
    assert 'href="#reference-glossary"' in sections[0]


def test_a_page_without_a_heading_gets_its_title_escaped() -> None:
    article = article_from_content("<p>Text</p>", "Sexting & <images>")
    assert "<h1>Sexting &amp; &lt;images&gt;</h1><p>Text</p>" in article


def test_the_form_font_has_the_characters_people_type_and_no_more() -> None:
    """Latin, Latin-1 and Latin Extended-A letters, quotation marks, dashes, € and ™ (README)."""
    promised = {*range(0x20, 0x7F), *range(0xA0, 0x180), *range(0x2010, 0x2028)}
    promised |= {*range(0x2030, 0x203B), 0x20AC, 0x2122}
    face = TTFont(writer.FORM_FONT)
    assert set(face.getBestCmap()) == promised
    assert "GSUB" not in face  # no layout tables
    assert "fpgm" not in face  # no hinting
    assert writer.FORM_FONT.stat().st_size < 40_000
