"""The Licences page and data/third-party.yml against the built site: every file of the
site that is not the handbook's own belongs to a listed component, every listed pattern is
in the site, the versions are those the files carry, and the PDFs' fonts are the listed one."""

from __future__ import annotations

import fnmatch
import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from macros.data.files import DataError
from macros.data.third_party import THIRD_PARTY_FILE, Component, load_components
from macros.hooks.assets import SCRIPT_BUNDLE
from macros.hooks.security import REVALIDATED, is_copy
from macros.pdf.writer import FORM_FONT
from tests.conftest import ROOT
from tests.site.reading import built_page, soup

COMPONENTS = load_components(ROOT)
# The handbook's own files in the site: its pages and PDFs, its assets (hashed names),
# what MkDocs and the build write (search index, sitemap, _headers, the scripts joined into
# one, the offline copy's sw.js, manifest and edition.json), an overlay's logo.
OWN_ASSETS = [
    *(p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs/assets").rglob("*")),
    SCRIPT_BUNDLE,
]


def own(path: str) -> bool:
    if path.endswith((".html", ".pdf")) or path in ("sitemap.xml", "_headers"):
        return True
    if path.startswith(("search/", "assets/local/")) or path in REVALIDATED:
        return True
    unhashed = re.sub(r"\.[0-9a-f]{8}(\.(?:css|js))$", r"\1", path)
    return unhashed in OWN_ASSETS


def site_files(site_dir: Path) -> list[str]:
    return sorted(
        p.relative_to(site_dir).as_posix()
        for p in site_dir.rglob("*")
        if p.is_file() and not is_copy(p)
    )


def test_every_third_party_file_is_listed(site_dir: Path) -> None:
    patterns = [pattern for c in COMPONENTS for pattern in c.files]
    unlisted = [
        path
        for path in site_files(site_dir)
        if not own(path) and not any(fnmatch.fnmatchcase(path, p) for p in patterns)
    ]
    assert unlisted == []


@pytest.mark.parametrize("component", COMPONENTS, ids=lambda c: c.id)
def test_every_listed_pattern_is_in_the_site(site_dir: Path, component: Component) -> None:
    files = site_files(site_dir)
    for pattern in component.files:
        assert any(fnmatch.fnmatchcase(path, pattern) for path in files), pattern


def bundled_packages(site_dir: Path) -> set[str]:
    """The npm packages Material's source maps name as bundled into its files."""
    found = set()
    for path in (site_dir / "assets").rglob("*.map"):
        for source in json.loads(path.read_text(encoding="utf-8"))["sources"]:
            match = re.search(r"node_modules/((?:@[^/]+/)?[^/]+)/", source)
            if match:
                found.add(match.group(1))
    return found


def test_every_package_bundled_into_materials_files_is_listed(site_dir: Path) -> None:
    listed = {
        c.purl.removeprefix("pkg:npm/").rsplit("@", 1)[0].replace("%40", "@")
        for c in COMPONENTS
        if c.purl and c.purl.startswith("pkg:npm/")
    }
    assert bundled_packages(site_dir) >= {"rxjs", "lunr", "clipboard"}
    assert bundled_packages(site_dir) <= listed


def carried(site_dir: Path, pattern: str) -> str:
    """The text of the site's file(s) matching ``pattern``, source maps' sources included."""
    out = []
    for path in sorted(site_dir.glob(pattern)):
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".map":
            text = "\n".join(s or "" for s in json.loads(text).get("sourcesContent") or [])
        out.append(text)
    return "\n".join(out)


@pytest.mark.parametrize(
    ("component_id", "pattern", "stated"),
    [
        ("clipboard", "assets/javascripts/bundle.*.min.js.map", "clipboard.js v{version}"),
        ("lunr", "assets/javascripts/workers/search.*.min.js.map", "not as bright - {version}"),
        ("underscore", "assets/javascripts/lunr/wordcut.js", "Underscore.js {version}"),
        ("tinysegmenter", "assets/javascripts/lunr/tinyseg.js", "TinySegmenter {version}"),
    ],
)
def test_versions_are_those_the_code_states(
    site_dir: Path, component_id: str, pattern: str, stated: str
) -> None:
    [component] = [c for c in COMPONENTS if c.id == component_id]
    assert stated.format(version=component.version) in carried(site_dir, pattern)


def pdf_fonts(path: Path) -> set[str]:
    names = set()
    for page in PdfReader(path).pages:
        resources: Any = page["/Resources"]
        for font in resources.get("/Font", {}).values():
            names.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    return names


def test_the_pdfs_embed_the_listed_font_at_its_version(site_dir: Path) -> None:
    [dejavu] = [c for c in COMPONENTS if c.kind == "font"]
    pdfs = sorted((site_dir / "downloads").rglob("*.pdf"))
    assert pdfs
    for path in pdfs:
        fonts = pdf_fonts(path)
        assert fonts, path
        # Handbook-Form: the form fields' Latin subset of DejaVu Sans (macros/pdf/writer.py).
        assert all(n.startswith("DejaVu-Sans") or n == "Handbook-Form" for n in fonts), fonts
    system = subprocess.run(
        ["fc-match", "--format=%{file}", "DejaVu Sans"], capture_output=True, text=True, check=True
    ).stdout  # the page text's font, as WeasyPrint finds it
    for path in (Path(system), FORM_FONT):
        assert TTFont(path)["name"].getDebugName(5) == f"Version {dejavu.version}", path


def test_the_licences_page_lists_every_component(site_dir: Path) -> None:
    page = soup(built_page(site_dir, "reference/licences.md"))
    rows = page.select("table.hb-licences tbody tr")
    assert len(rows) == len(COMPONENTS)
    for row, component in zip(rows, COMPONENTS, strict=True):
        cells = [" ".join(td.get_text(" ").split()) for td in row.select("td")]
        assert cells[0].startswith(component.name), cells
        assert cells[1] == (component.version or "not stated")
        assert cells[2] == component.licence_text
        assert row.select_one("a.hb-licences__name")["href"] == str(component.url)  # type: ignore[index]
    text = " ".join(page.get_text(" ").split())
    assert "assets/javascripts/iframe-worker.js" in text
    assert "the iframe-worker package" in text
    assert "rights stay with its authors" in text


def test_an_installed_version_that_differs_stops_the_build(tmp_path: Path) -> None:
    """A Material upgrade without an updated list is one clear line, not a wrong page."""
    data = (ROOT / THIRD_PARTY_FILE).read_text(encoding="utf-8")
    version = next(c.version for c in COMPONENTS if c.id == "mkdocs-material")
    (tmp_path / "data").mkdir()
    (tmp_path / THIRD_PARTY_FILE).write_text(
        data.replace(f"mkdocs-material@{version}", "mkdocs-material@9.0.0").replace(
            f"version: {version}", "version: 9.0.0"
        ),
        encoding="utf-8",
    )
    with pytest.raises(DataError) as err:
        load_components(tmp_path)
    assert str(err.value) == (
        f"{THIRD_PARTY_FILE}: [0].version: '9.0.0' but mkdocs-material {version} is installed: "
        "update this entry"
    )
