"""The Assessment record's render function: exact labels, unique ids, escaping."""

from __future__ import annotations

import re

from markupsafe import escape

from macros.render.html import CHECKLIST
from tests.unit.render.test_render import LINKS, PRIVACY, SMALL, _no_terms

COPY_NOTE = (
    "Copy as text leaves out control characters, and puts an apostrophe (') before a line "
    "that starts with =, +, - or @, so that a spreadsheet shows it as text, not a formula."
)
NO_SCRIPT = (
    "JavaScript is off in this browser, so this page cannot keep, save or open a record. "
    "It works as a paper form: print it and fill it in by hand."
)


def _record() -> str:
    entry = (SMALL, CHECKLIST.screen(SMALL, _no_terms, **LINKS, in_record=True))
    return str(CHECKLIST.record([entry], "9.9.9", 'v9 <b>"x"</b>', None))


def test_record_has_the_four_case_fields_with_exact_labels() -> None:
    html = _record()
    labels = re.findall(r'<label for="rec-[a-zA-Z]+">([^<]+)</label>', html)
    assert labels == ["Case reference", "Date", "Assessor", "Agency"]
    assert '<input type="date" id="rec-date" name="date" autocomplete="off">' in html
    assert html.count('maxlength="200"') == 3


def test_record_buttons_have_exact_names_and_start_hidden_without_script() -> None:
    html = _record()
    names = re.findall(r'data-action="[a-z]+">([^<]+)</button>', html)
    assert names == ["Print record", "Copy as text", "Save to file", "Open from file", "Clear all"]
    assert '<div class="hb-record__toolbar" hidden data-search-exclude>' in html
    # Beside the buttons: what Copy as text does to formulas and control characters.
    toolbar = html.partition('class="hb-record__toolbar"')[2].partition("</div>")[0]
    assert f'<p class="hb-record__hint">{escape(COPY_NOTE)}</p>' in toolbar
    assert NO_SCRIPT in html
    assert 'role="status" aria-live="polite"' in html
    # A <dialog> without "open" is hidden; record.js shows it modal.
    assert '<dialog class="hb-record__confirm" role="alertdialog" aria-labelledby="rec-con' in html
    assert '<form method="dialog">' in html


def test_record_checklist_is_collapsible_with_count_and_named_by_its_summary() -> None:
    html = _record()
    assert (
        '<details class="hb-record__checklist" open data-record-checklist="demo" data-search-exclude>'
        in html
    )
    assert '<summary><span id="cl-demo-title">Demo &lt;list&gt;</span>' in html
    assert '<span class="hb-record__tally" data-total="1">(1 items)</span>' in html
    assert 'aria-labelledby="cl-demo-title"' in html
    # The record gives the title and the privacy note once, not per checklist.
    assert "Checklist: Demo" not in html
    assert PRIVACY not in html
    assert html.count('id="cl-demo-title"') == 1


def test_record_escapes_the_stamp_and_is_left_out_of_search() -> None:
    html = _record()
    assert 'data-stamp="v9 &lt;b&gt;&#34;x&#34;&lt;/b&gt;"' in html
    assert 'data-version="9.9.9"' in html
    # header, toolbar, question, checklist (and, inside it, the checklist's own links)
    assert html.count("data-search-exclude") == 5
    assert "<b>" not in html


def test_checklist_links_to_the_record_when_given() -> None:
    html = str(CHECKLIST.screen(SMALL, _no_terms, **LINKS, record="../record/"))
    assert '<a href="../record/" class="md-button">Assessment record</a>' in html
    assert "Assessment record" not in str(CHECKLIST.screen(SMALL, _no_terms, **LINKS))
