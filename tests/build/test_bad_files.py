"""Bad data files stop the build with exactly one ERROR line naming the file: never a traceback."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.build.fixture_site import FixtureSite
from tests.conftest import ROOT
from tests.site.reading import VERSION

pytestmark = pytest.mark.slow
BAD = sorted((ROOT / "tests" / "fixtures" / "bad-data").glob("*.yml"))


def header(path: Path, name: str) -> str:
    """A ``# name: value`` line from the fixture's first lines (the rest may not be UTF-8)."""
    for line in path.read_bytes().splitlines()[:2]:
        text = line.decode("utf-8")
        if text.startswith(f"# {name}: "):
            return text.removeprefix(f"# {name}: ")
    raise AssertionError(f"{path.name}: no '# {name}:' line")


def overlay_site(tmp_path: Path) -> FixtureSite:
    site = FixtureSite(tmp_path)
    site.write("local/local.yml", "organisation: Example Council\ncontacts: [{role: Lead}]\n")
    site.config["extra"]["handbook"]["local"] = "local/local.yml"
    return site


def assert_one_error_line(result: subprocess.CompletedProcess[str], expected: str) -> None:
    assert result.returncode == 1
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert len(errors) == 1, result.stderr[-2000:]
    assert errors[0].split("-", 1)[1].strip() == expected
    assert len(result.stderr.splitlines()) < 10, result.stderr[-2000:]


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_bad_file_is_one_line(tmp_path: Path, path: Path) -> None:
    site = overlay_site(tmp_path)
    target = site.root / header(path, "target")
    target.write_bytes(path.read_bytes())
    assert_one_error_line(site.build(), header(path, "expect"))


def test_page_that_is_not_utf8_is_one_line(tmp_path: Path) -> None:
    site = overlay_site(tmp_path)
    (site.root / "docs" / "prompts.md").write_bytes(b"# Prompts\n\nCaf\xe9\n")
    assert_one_error_line(
        site.build(), "docs/prompts.md: line 3: not UTF-8 text (byte 0xe9 at offset 14)"
    )


def test_source_text_that_is_not_utf8_is_one_line(tmp_path: Path) -> None:
    site = overlay_site(tmp_path)
    site.write_yaml(
        "data/source-trace.yml",
        {"traces": [{"id": "p", "page": "prompts.md", "lines": ["1"], "begins": "Peers"}]},
    )
    (site.root / "source").mkdir()
    (site.root / "source/ta-hsb-guidance-slides.txt").write_bytes(b"Peers\n\nCaf\xe9\n")
    assert_one_error_line(
        site.build(),
        "source/ta-hsb-guidance-slides.txt: line 3: not UTF-8 text (byte 0xe9 at offset 10)",
    )


RESULTS = (ROOT / "data" / "accessibility-results.json").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            RESULTS.replace('"pages":', '"violations": 3, "pages":', 1),
            "(top level): repeated key 'violations' in one object",
        ),
        (
            RESULTS.replace('"pages":', '"pages": ' + "7" * 5000 + ', "x":', 1),
            "(top level): a number of more than 20 characters is not allowed",
        ),
        (
            RESULTS.replace('"tags":', '"tags": ' + "[" * 50_000 + "]" * 50_000 + ', "x":', 1),
            "line 4: nested more than 20 levels deep",
        ),
    ],
    ids=["repeated-key", "huge-integer", "deep-nesting"],
)
def test_bad_accessibility_results_are_one_line(tmp_path: Path, text: str, expected: str) -> None:
    site = overlay_site(tmp_path)
    site.write("data/accessibility-results.json", text)
    assert_one_error_line(site.build(), f"data/accessibility-results.json: {expected}")


def test_bad_data_fixtures_cover_every_file_kind() -> None:
    targets = {header(p, "target").split("/")[0] for p in BAD}
    assert targets == {"local", "data", "checklists"}


@pytest.mark.parametrize(
    ("target", "text", "expected"),
    [
        (
            "data/glossary.yml",
            "- {id: iioc, term: IIOC, short: s, definition: '" + "x" * 20_000_000 + "'}\n",
            "data/glossary.yml: (top level): file is 20,000,051 bytes; the limit is 1,048,576",
        ),
        (
            "data/glossary.yml",
            "- {id: iioc, term: IIOC, short: s, definition: '" + "x" * 5000 + "'}\n",
            "data/glossary.yml: line 1: [0].definition: string should have at most 2000 characters",
        ),
        (
            "local/local.yml",
            "organisation: Example Council\ncontacts:\n"
            + "".join("  " * i + "-\n" for i in range(300))
            + "  " * 300
            + "x\n",
            "local/local.yml: line 22: nested more than 20 levels deep",
        ),
        (
            "local/local.yml",
            "organisation: '" + "Example " * 30 + "'\ncontacts: [{role: Lead}]\n",
            "local/local.yml: line 1: organisation: string should have at most 200 characters",
        ),
    ],
    ids=["20-MB-definition", "long-definition", "deep-block-nesting", "long-organisation"],
)
def test_oversized_input_is_one_line(tmp_path: Path, target: str, text: str, expected: str) -> None:
    site = overlay_site(tmp_path)
    site.write(target, text)
    assert_one_error_line(site.build(), expected)


@pytest.mark.parametrize(
    ("html", "resource"),
    [
        ('<link rel="attachment" href="file:///etc/passwd">', "file:///etc/passwd"),
        ('<img src="../../../../../../../../etc/hostname" alt="">', "file:///etc/hostname"),
        ('<img src="https://example.org/tracker.png" alt="">', "https://example.org/tracker.png"),
    ],
)
def test_page_referring_outside_the_site_stops_the_pdf_step(
    tmp_path: Path, html: str, resource: str
) -> None:
    site = overlay_site(tmp_path)
    site.config["extra"]["handbook"]["pdf"] = True
    site.write("docs/prompts.md", site.root.joinpath("docs/prompts.md").read_text() + html + "\n")
    assert_one_error_line(
        site.build(),
        f"ta-hsb-handbook-{VERSION}.pdf: a resource could not be loaded: '{resource}' is outside the built site",
    )


def test_local_pages_past_the_pdfs_element_limit_stop_the_pdf_step(tmp_path: Path) -> None:
    """Refused before the PDF is laid out (WeasyPrint takes milliseconds per element)."""
    site = overlay_site(tmp_path)
    site.config["extra"]["handbook"]["pdf"] = True
    site.write(
        "local/local.yml",
        "organisation: Example Council\ncontacts: [{role: Lead}]\n"
        "pages: [{file: list.md, title: A long list}]\n",
    )
    site.write("local/local/list.md", "# A long list\n\n" + "- item\n" * 4100)
    assert_one_error_line(
        site.build(),
        "local/local.yml: local page 'list.md': the local pages up to this one have 4,105 HTML "
        "elements; the limit for all of them is 4,000 (the handbook PDF lays out each one)",
    )


@pytest.mark.parametrize(
    ("logo", "problem"),
    [
        (
            "../../../../../../etc/passwd",
            "must be a file in the overlay's folder, not '../../../../../../etc/passwd'",
        ),
        ("/etc/hostname", "must be a file in the overlay's folder, not '/etc/hostname'"),
        ("script.svg", "SVG with a <script> element is not allowed"),
        ("use-bomb.svg", "SVG with a <use> element is not allowed"),
        (
            "xhtml-meta-refresh.svg",
            "SVG with an element from another namespace ({http://www.w3.org/1999/xhtml}meta) "
            "is not allowed",
        ),
        ("text.png", "the content is not a PNG image"),
        (
            'x.svg\\" onerror=\\"alert(1)',
            "the file name must not contain quotes, '<', '>', '&' or '\\'",
        ),
    ],
)
def test_bad_logo_is_one_line(tmp_path: Path, logo: str, problem: str) -> None:
    site = overlay_site(tmp_path)
    (site.root / "local" / "local").mkdir(exist_ok=True)
    for name in ("script.svg", "use-bomb.svg", "xhtml-meta-refresh.svg", "text.png"):
        (site.root / "local" / "local" / name).write_bytes(
            (ROOT / "tests/fixtures/logos" / name).read_bytes()
        )
    site.write(
        "local/local.yml",
        f'organisation: Example Council\nlogo: "{logo}"\ncontacts: [{{role: Lead}}]\n',
    )
    assert_one_error_line(site.build(), f"local/local.yml: line 2: logo: {problem}")


def test_an_inline_script_the_policy_does_not_list_stops_the_build(tmp_path: Path) -> None:
    site = FixtureSite(tmp_path)
    site.write("docs/prompts.md", "# Prompts\n\n<script>alert(1)</script>\n")
    result = site.build()
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert len(errors) == 1, result.stderr[-2000:]
    assert (
        errors[0]
        .split("-", 1)[1]
        .strip()
        .startswith(
            "finished site: prompts/index.html: an inline script the Content-Security-Policy "
            "does not allow ('sha256-"
        )
    )
