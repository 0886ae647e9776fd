"""Source provenance: the trace over the source lines, its checks, coverage and rendering."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.data.files import DataError, validate
from macros.data.models import Reference
from macros.data.source import (
    LeftOut,
    Source,
    Trace,
    TraceFile,
    load,
    normalise,
    numbers,
    section_anchor,
    word_count,
)
from macros.pages.reference import coverage_counts
from macros.render.html import CITATIONS, SOURCE

TEXT = "\n".join(
    [
        " Title of a slide ",  # 1
        "",  # 2
        "“A quoted line that ",  # 3
        "",  # 4
        "breaks in two.” ",  # 5
        "12 ",  # 6
        "Contact line with an address here",  # 7
        "One more line of three words",  # 8
    ]
)


def trace(tid: str = "a", lines: tuple[str, ...] = ("1-5",), begins: str = "Title of") -> Trace:
    return Trace(id=tid, page="p.md", section="A section", lines=lines, begins=begins)


def source(*traces: Trace, left: tuple[LeftOut, ...] = ()) -> Source:
    return Source(TEXT, TraceFile(traces=traces, left_out=left))


def test_helpers() -> None:
    assert numbers(["3-5", "9"]) == [3, 4, 5, 9]
    assert normalise(" ‘a’\n\n “b” ") == "'a' \"b\""
    assert word_count("• 12 a") == 2
    assert section_anchor("Recidivism and 'crossover'") == "recidivism-and-crossover"
    assert section_anchor("Other forms of TA-(H)SB") == "other-forms-of-ta-hsb"
    assert section_anchor("Dual HSB: how the two relate") == "dual-hsb-how-the-two-relate"


def test_passage_joins_lines_and_keeps_the_words() -> None:
    src = source(trace(), left=(LeftOut(lines=("7",), reason="Private.", shown=False),))
    passage = src.passages["a"]
    assert " ".join(passage.parts) == "Title of a slide “A quoted line that breaks in two.”"
    assert passage.label == "1–5"


def test_begins_mismatch_fails_naming_the_page() -> None:
    with pytest.raises(DataError) as err:
        source(trace(begins="Title of another slide"))
    message = str(err.value)
    assert message.startswith("data/source-trace.yml: traces[0] (p.md, 'a'): source lines 1-5")
    assert "do not begin 'Title of another slide'" in message


@pytest.mark.parametrize(
    ("lines", "problem"),
    [
        (("1-99",), "the source has only 8 lines"),
        (("2",), "only blank lines"),
        (("5-3",), "the range runs backwards"),
    ],
)
def test_bad_ranges_fail(lines: tuple[str, ...], problem: str) -> None:
    with pytest.raises(DataError, match=problem):
        source(trace(lines=lines, begins="x"))


def test_duplicate_ids_and_overlapping_left_out_fail() -> None:
    with pytest.raises(DataError, match="duplicate trace id"):
        source(trace(), trace())
    with pytest.raises(DataError, match="line 3 is also traced"):
        source(trace(), left=(LeftOut(lines=("3",), reason="No."),))


def test_rows_group_lines_and_hide_what_must_not_be_shown() -> None:
    src = source(trace(), left=(LeftOut(lines=("7",), reason="Private.", shown=False),))
    rows = src.rows()
    assert [(r.label, r.reason) for r in rows] == [
        ("1–5", None),
        ("6", None),
        ("7", "Private."),
        ("8", None),
    ]
    assert rows[0].traces == (src.passages["a"].trace,)
    assert rows[2].text is None
    assert src.untraced() == [8]  # "12" has one word; line 8 has three or more


def test_problems_name_unused_traces_and_untraced_lines() -> None:
    src = source(trace(), left=(LeftOut(lines=("7",), reason="Private.", shown=False),))
    used = [("p.md", 'x {{ source_wording("a") }}')]
    assert src.problems(used) == [
        "data/source-trace.yml: source line 8 ('One more line of three words') is "
        "neither traced nor left out"
    ]
    assert src.problems([("other.md", 'source_wording("a")')])[0] == (
        "p.md: trace 'a' (data/source-trace.yml) is not used on its page"
    )


def test_wording_block_is_closed_and_escaped() -> None:
    src = Source("<b>&</b> text here", TraceFile(traces=(trace(lines=("1",), begins="<b>"),)))
    html = str(SOURCE.wording(src.passages["a"], "../cov/"))
    assert html.startswith('<details class="quote hb-source-wording" id="source-a">')
    assert " open" not in html.split(">", 1)[0]
    assert "<summary>Source wording</summary>" in html
    assert "<p>&lt;b&gt;&amp;&lt;/b&gt; text here</p>" in html
    assert 'source lines 1 (whitespace joined). <a href="../cov/">Source coverage</a>' in html


def test_notes_go_in_the_same_block_escaped() -> None:
    noted = trace(lines=("1",), begins="<b>").model_copy(
        update={"notes": ("The slide's <i>title</i> & more.",)}
    )
    src = Source("<b>&</b> text here", TraceFile(traces=(noted,)))
    html = str(SOURCE.wording(src.passages["a"], "../cov/"))
    assert "<summary>Source and notes</summary>" in html
    assert (
        '<ul class="hb-source-wording__notes"><li>The slide&#39;s &lt;i&gt;title&lt;/i&gt;'
        " &amp; more.</li></ul>"
    ) in html
    assert html.index("hb-source-wording__notes") > html.index("</blockquote>")
    assert html.endswith("</details>")


def test_a_bad_note_is_refused_in_one_line_naming_the_field() -> None:
    data = {"traces": [{"id": "a", "page": "p.md", "lines": ["1"], "begins": "x"}]}
    data["traces"][0]["notes"] = ["Fine.", "Bell \x07 here."]
    with pytest.raises(DataError) as error:
        validate(TraceFile, data, "data/source-trace.yml")
    (line,) = str(error.value).splitlines()
    assert line.startswith("data/source-trace.yml: traces[0].notes[1]:"), line
    assert "control character" in line


def test_coverage_lists_rows_and_never_shows_hidden_text() -> None:
    src = source(trace(), left=(LeftOut(lines=("7",), reason="Private.", shown=False),))
    rows = src.rows()
    html = str(SOURCE.coverage(rows, coverage_counts(rows), lambda t: (t.section, "p/#x")))
    assert "Contact line" not in html
    assert "(not shown)" in html
    assert "Left out: Private." in html
    assert '<a href="p/#x">A section</a>' in html
    assert "4 passages: 1 restated in the handbook, 1 left out, 2 slide numbers" in html


def test_load_without_trace_file_is_none(tmp_path: Path) -> None:
    assert load(tmp_path) is None
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "source-trace.yml").write_text(
        "traces:\n  - {id: a, page: p.md, lines: ['1'], begins: x}\n", encoding="utf-8"
    )
    with pytest.raises(DataError, match=r"source/ta-hsb-guidance-slides\.txt: cannot be read"):
        load(tmp_path)


def test_source_that_is_not_utf8_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "source-trace.yml").write_text(
        "traces:\n  - {id: a, page: p.md, lines: ['1'], begins: x}\n", encoding="utf-8"
    )
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "ta-hsb-guidance-slides.txt").write_bytes(b"x\n\nCaf\xe9\n")
    with pytest.raises(DataError) as err:
        load(tmp_path)
    assert str(err.value) == (
        "source/ta-hsb-guidance-slides.txt: line 3: not UTF-8 text (byte 0xe9 at offset 6)"
    )


def test_reference_from_outside_the_slides_is_shown_as_such() -> None:
    ref = Reference(
        key="guide",
        title="A guide",
        cited_for="The guidance.",
        from_outside_source="The publisher, from the report's title page.",
    )
    html = str(CITATIONS.entry(ref, []))
    assert ref.label == "A guide"
    assert (
        '<span class="hb-ref__label">Not from the slides: </span>'
        "The publisher, from the report&#39;s title page." in html
    )
    with pytest.raises(ValueError, match="needs authors, a title or a publisher"):
        Reference(key="x", cited_for="y")
