"""Local content as escaped HTML: the notice, practice notes, review dates, the statement."""

from __future__ import annotations

import datetime as dt

from macros.data.loading import overdue
from macros.data.local_models import Review
from macros.data.results import A11yResults, PdfResults
from macros.render.local import PARTS, TEMPLATE
from tests.unit.results import RESULTS


def part(name: str, results: A11yResults) -> str:
    """One part of the statement as the accessibility() macro gives it without an overlay."""
    return str(PARTS[name](results, None, dt.date(2026, 11, 29)))


def test_notice_and_note_escape_the_organisation_and_text() -> None:
    assert str(TEMPLATE.notice("A & <B>")) == (
        '<div class="hb-local-notice" role="note"><p><strong>Local resource</strong> — added by '
        "A &amp; &lt;B&gt;, not part of the TA-HSB practice guidance.</p></div>"
    )
    note = str(TEMPLATE.note("Org", "One <script>.\n\nTwo."))
    assert note == (
        '<aside class="hb-practice-note" aria-label="Local practice note (Org)">'
        '<p class="hb-practice-note__title">Local practice note (Org)</p>\n'
        "<p>One &lt;script&gt;.</p>\n<p>Two.</p></aside>"
    )


def test_review_dates_and_overdue_notice() -> None:
    review = Review(
        responsible_role="Head of Service",
        last_review=dt.date(2026, 1, 5),
        next_review=dt.date(2027, 1, 5),
    )
    html = str(TEMPLATE.review("Org", review))
    assert '<dd><time datetime="2027-01-05">5 January 2027</time></dd>' in html
    assert overdue(review, dt.date(2027, 1, 5)) is None
    assert overdue(review, dt.date(2027, 1, 6)) == (
        "NOTICE: the local overlay's next planned review date (2027-01-05) has passed "
        "(build date 2027-01-06); review the local content"
    )


def test_statement_reports_the_results_it_is_given() -> None:
    clean = A11yResults(
        axe_core="4.12.1",
        tested=dt.date(2026, 11, 28),
        tags=("wcag2a", "wcag22aa"),
        pages=30,
        palettes=("light (default)", "dark (slate)"),
        states=("search dialog open",),
        violations=0,
    )
    assert "does not claim full compliance" not in part("compliance", clean)  # no PDF results
    assert "<li>The PDFs have not been checked for accessibility.</li>" in part("exceptions", clean)
    assert "they were not checked" in part("pdf_results", clean)
    clean = clean.model_copy(update={"pdf": PDF})
    table = part("results", clean)
    assert "<td>axe-core 4.12.1</td>" in table
    assert "<td>30</td>" in table
    assert "<td>no violations</td>" in table
    assert "<li>search dialog open</li>" in table
    assert "does not claim full compliance" in part("compliance", clean)
    failing = clean.model_copy(update={"violations": 1, "exceptions": ("a.html: label: <x>",)})
    assert "<td>1 violation</td>" in part("results", failing)
    assert "partially compliant" in part("compliance", failing)
    assert "<li>a.html: label: &lt;x&gt;</li>" in part("exceptions", failing)


PDF = PdfResults(
    checker="pdfua 0.1.3",
    standard="PDF/UA-1",
    tested=dt.date(2026, 12, 2),
    files=("downloads/a.pdf", "downloads/b.pdf"),
    checks=("headings in order",),
    errors=0,
    warnings=0,
)


def test_statement_reports_the_pdf_results_the_same_way() -> None:
    web = RESULTS.model_copy(update={"pdf": PDF})
    table = part("pdf_results", web)
    assert "<td>pdfua 0.1.3 (PDF/UA-1 rules it can check)</td>" in table
    assert "<td>2 December 2026</td>" in table
    assert "<td>2: a.pdf, b.pdf</td>" in table
    assert "<td>no errors or warnings</td>" in table
    assert "<li>headings in order</li>" in table
    assert "does not claim full compliance" in part("compliance", web)
    assert "found no content that is not accessible" in part("exceptions", web)
    failing = web.model_copy(
        update={
            "pdf": PDF.model_copy(
                update={"errors": 1, "exceptions": ("downloads/a.pdf: UA-01 error: <untagged>",)}
            )
        }
    )
    assert "<td>1 error, 0 warnings; 1 problem in all</td>" in part("pdf_results", failing)
    assert "partially compliant" in part("compliance", failing)
    assert "<li>downloads/a.pdf: UA-01 error: &lt;untagged&gt;</li>" in part("exceptions", failing)
