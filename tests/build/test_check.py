"""`make check`: every problem in an overlay, one line each, without building pages or PDFs;
the same lines a build stops with (one code path, macros/data/state.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.build.fixture_site import FixtureSite
from tests.conftest import ROOT
from tools.check import run

# One overlay with a problem of every kind, against the fixture handbook's pages and
# checklist. notes[2] has no text (a field problem): the notes after it are still checked,
# under their own index.
MANY = """\
organisation: Org
logo: missing.svg
contacts:
  - role: Lead
  - phone: 0123
pages:
  - {file: pages/terms.md, title: Terms}
  - {file: pages/absent.md, title: Absent}
notes:
  - {page: nowhere.md, text: A note.}
  - {page: prompts.md, anchor: no-such-heading, text: A note.}
  - {page: prompts.md}
  - {page: prompts.md, anchor: questions, text: A note.}
  - {page: prompts.md, anchor: prompts, text: A note on a real heading.}
checklist_items:
  - {checklist: demo, section: nope, id: z, text: Z.}
  - {checklist: demo, section: s, id: a, text: Again.}
  - {checklist: nothing, section: s, id: y, text: Y.}
review:
  responsible_role: Head of Service
  last_review: 2026-06-01
  next_review: 2026-05-01
"""
PAGE = "# Terms\n\nAbout {{ term('nope') }}.\n\nSee {{ cite('lim-2017') }}.\n"
EXPECTED = [
    "local/local.yml: line 5: contacts[1].role: field required",
    "local/local.yml: line 5: contacts[1].phone: input should be a valid string",
    "local/local.yml: line 12: notes[2].text: field required",
    "local/local.yml: line 22: review.next_review: must be after last_review (2026-06-01)",
    "local/local.yml: line 2: logo: no such file 'missing.svg' in the overlay's folder",
    'local/local/pages/terms.md: line 5: only {{ term("...") }} may be used in a local page; '
    "other {{ ... }} and {% ... %} are not allowed",
    "local/local/pages/terms.md: line 3: term('nope'): not in the glossary",
    "local/local.yml: line 8: pages[1].file: no such file 'pages/absent.md' in local/local/",
    "local/local.yml: line 10: notes[0].page: no guidance page 'nowhere.md'",
    "local/local.yml: line 11: notes[1].anchor: no heading '#no-such-heading' on page 'prompts.md'",
    "local/local.yml: line 13: notes[3].anchor: no heading '#questions' on page 'prompts.md'",
    "local/local.yml: line 16: checklist_items[0].section: no section 'nope' in checklist 'demo'",
    "local/local.yml: line 17: checklist_items[1].id: 'a' is already an item id in checklist "
    "'demo'",
    "local/local.yml: line 18: checklist_items[2].checklist: no checklist 'nothing'",
]


@pytest.fixture
def site(tmp_path: Path) -> FixtureSite:
    site = FixtureSite(tmp_path)
    site.config["extra"]["handbook"]["local"] = "local/local.yml"
    site.write("local/local.yml", MANY)
    site.write("local/local/pages/terms.md", PAGE)
    site.write_yaml("mkdocs.yml", site.config)
    return site


def test_check_reports_every_problem_in_one_overlay(site: FixtureSite) -> None:
    problems, notices = run("local/local.yml", site.root)
    assert sorted(problems) == sorted(EXPECTED)
    assert notices == []


def test_a_build_stops_with_the_same_lines(site: FixtureSite) -> None:
    """The build runs the same checks: every problem, each on its own line."""
    result = site.build()
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    reported = [line.strip() for line in result.stderr.splitlines()]
    reported = [line.split(" -  ", 1)[1] if line.startswith("ERROR") else line for line in reported]
    assert sorted(line for line in reported if line in EXPECTED) == sorted(EXPECTED)


def test_a_value_that_cannot_be_read_and_the_problems_after_it(site: FixtureSite) -> None:
    """An impossible date no longer hides the rest: every problem, each with its line."""
    site.write(
        "local/local.yml",
        "organisation: Org\ncontacts:\n  - role: Lead\norganisatoin_typo: x\n"
        "review:\n  responsible_role: Head\n  last_review: 2026-02-30\n"
        "  next_review: 2026-05-01\nnotes:\n  - {page: nowhere.md, text: N.}\n"
        "accessibility: {prepared: 2026-13-01}\n",
    )
    problems, _ = run("local/local.yml", site.root)
    assert problems == [
        "local/local.yml: line 4: organisatoin_typo: extra inputs are not permitted",
        "local/local.yml: line 7: review.last_review: '2026-02-30' is not a real date or time "
        "(day is out of range for month)",
        "local/local.yml: line 11: accessibility.prepared: '2026-13-01' is not a real date or "
        "time (month must be in 1..12)",
        "local/local.yml: line 10: notes[0].page: no guidance page 'nowhere.md'",
    ]


def test_text_from_a_page_is_quoted_on_one_plain_line(site: FixtureSite) -> None:
    site.write(
        "local/local.yml",
        "organisation: Org\ncontacts: [{role: L}]\npages:\n"
        "  - {file: pages/terms.md, title: Terms}\n",
    )
    site.write("local/local/pages/terms.md", "# Terms\n\nAbout {{ term('a\x1b[2J\u202eb') }}.\n")
    problems, _ = run("local/local.yml", site.root)
    assert problems == [
        "local/local/pages/terms.md: line 3: term('a\\u001b[2J\\u202eb'): not in the glossary"
    ]


def test_make_check_on_the_example_overlay(tmp_path: Path) -> None:
    """As an area editor runs it: no problems, exit 0, well under 2 s (no pages, no PDFs)."""
    start = time.perf_counter()
    result = subprocess.run(
        ["make", "-s", "-o", ".venv/.installed", "check", "LOCAL=examples/local/local.yml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    took = time.perf_counter() - start
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert result.stderr.strip() == "check: examples/local/local.yml: no problems"
    assert took < 4, took  # about 1 s on the CI machine kind; building would take 10 s
    assert not (ROOT / "site" / "check").exists()


def test_make_check_fails_with_every_line(tmp_path: Path) -> None:
    overlay = tmp_path / "north.yml"
    overlay.write_text(
        "organisation: North\ncontacts:\n  - role: Lead\n"
        "notes:\n  - {page: prompts/sexting.md, anchor: no-such-heading, text: A.}\n"
        "checklist_items:\n  - {checklist: prompts-sexting, section: nope, id: z, text: Z.}\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "tools.check", str(overlay)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{overlay}: line 5: notes[0].anchor: no heading '#no-such-heading' on page "
        "'prompts/sexting.md'",
        f"{overlay}: line 7: checklist_items[0].section: no section 'nope' in checklist "
        "'prompts-sexting'",
    ]
    assert result.stderr.strip() == f"check: {overlay}: 2 problems"


def test_the_summary_has_a_line_of_its_own(tmp_path: Path) -> None:
    """Also where both streams go to one pipe (a CI log, `2>&1 | less`), where Python
    holds back what it prints to stdout and not what it prints to stderr."""
    overlay = tmp_path / "north.yml"
    overlay.write_text("organisation: North\ncontacts:\n  - role: Lead\nbanner: [x]\n")
    result = subprocess.run(
        [sys.executable, "-m", "tools.check", str(overlay)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
        env={k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"},
    )
    assert result.stdout.splitlines() == [
        f"{overlay}: line 4: banner: input should be a valid string",
        "",
        f"check: {overlay}: 1 problem",
    ]
    separate = subprocess.run(
        [sys.executable, "-m", "tools.check", str(overlay)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    joined = separate.stdout.rstrip("\n") + separate.stderr  # as some tools show them
    assert joined.splitlines()[-1] == f"check: {overlay}: 1 problem"
