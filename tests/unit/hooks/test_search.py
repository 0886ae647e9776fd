"""The search hooks' steps: the handbook's worker in place of Material's, and the search aids
in the index."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from mkdocs.exceptions import PluginError

from macros import hooks
from macros.data.glossary import Glossary
from macros.data.models import GlossaryEntry
from macros.data.search_aids import SearchAids
from macros.hooks import search
from macros.hooks.assets import theme_file
from tests.conftest import ROOT, material_templates

ENTRY = GlossaryEntry(
    id="sexting",
    term="Sexting",
    aliases=("sext",),
    explained="prompts/sexting.md#what-sexting-includes",
    short="s",
    definition="d",
)
GLOSSARY = Glossary((ENTRY,), {})
AIDS = SearchAids(
    pages={"reference/privacy.md": ("cookies",)},
    terms={"sexting": ("nudes",)},
    where={"reference/privacy.md": "data/search-aids.yml: [1].page"},
)
MATERIAL = "assets/javascripts/workers/search.a7633da7.min.js"


def index(*locations: str, fields: dict[str, Any] | None = None) -> dict[str, Any]:
    config = {"fields": {"title": {"boost": 3}, "text": {"boost": 1}, "aids": {"boost": 1}}}
    if fields is not None:
        config["fields"] = fields
    return {
        "config": config,
        "docs": [{"location": loc, "title": "t", "text": "x"} for loc in locations],
    }


def test_aids_go_on_the_page_and_the_glossary_entry() -> None:
    data = index(
        "prompts/sexting/",
        "prompts/sexting/#what-sexting-includes",
        "reference/privacy/",
        "reference/glossary/",
        "reference/glossary/#sexting",
    )
    assert search.add_aids(data, AIDS, GLOSSARY, directory_urls=True) == []
    aids = {d["location"]: d.get("aids") for d in data["docs"]}
    assert aids == {
        "prompts/sexting/": "Sexting; sext; nudes",  # the article: the page comes first
        "prompts/sexting/#what-sexting-includes": None,
        "reference/privacy/": "cookies",
        "reference/glossary/": None,
        "reference/glossary/#sexting": "nudes",
    }
    assert all(d["title"] == "t" and d["text"] == "x" for d in data["docs"])  # never shown


def test_offline_addresses() -> None:
    data = index(
        "prompts/sexting.html", "reference/privacy.html", "reference/glossary.html#sexting"
    )
    assert search.add_aids(data, AIDS, GLOSSARY, directory_urls=False) == []
    assert [d.get("aids") for d in data["docs"]] == ["Sexting; sext; nudes", "cookies", "nudes"]


def test_a_page_left_out_of_the_index_is_an_error() -> None:
    data = index("reference/glossary/#sexting")
    assert search.add_aids(data, AIDS, GLOSSARY, directory_urls=True) == [
        "data/search-aids.yml: [1].page: page 'docs/reference/privacy.md' is left out of the "
        "search index (search: exclude), so its search aids cannot find it",
        "data/glossary.yml: [0].explained: page 'docs/prompts/sexting.md' is left out of the "
        "search index (search: exclude), so its search aids cannot find it",
    ]


def test_without_an_aids_field_the_aids_would_be_lost() -> None:
    data = index("prompts/sexting/", fields={"title": {"boost": 1000}})
    (line,) = search.add_aids(data, AIDS, GLOSSARY, directory_urls=True)
    assert line.startswith("mkdocs.yml: plugins: search: fields: has no 'aids' field")


def test_rewrite_keeps_materials_format(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "search" / "search_index.json"
    path.parent.mkdir()
    data = index("reference/privacy/", "prompts/sexting/", "reference/glossary/#sexting")
    path.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
    state = SimpleNamespace(glossary=GLOSSARY, search_aids=AIDS)
    monkeypatch.setattr(hooks, "build", SimpleNamespace(state=state))
    monkeypatch.setitem(
        search._state, "headings", {"prompts/sexting.md": {"what-sexting-includes"}}
    )
    search.on_post_build({"site_dir": str(tmp_path), "use_directory_urls": True})
    text = path.read_text(encoding="utf-8")
    assert '"aids":"cookies"' in text
    assert ", " not in text.replace("Sexting; sext; nudes", "")  # compact, as Material writes


def test_explained_headings_must_exist() -> None:
    headings = {"prompts/sexting.md": {"what-sexting-includes"}}
    assert search.explained_problems(GLOSSARY, headings) == []
    assert search.explained_problems(GLOSSARY, {"prompts/sexting.md": {"other"}}) == [
        "data/glossary.yml: [0].explained: no heading '#what-sexting-includes' on page "
        "'docs/prompts/sexting.md'"
    ]


def test_heading_ids() -> None:
    html = '<h1 id="a">A</h1><p id="p">x</p><h2 class="c" id="b-2">B</h2><h3>none</h3>'
    assert set(search.HEADING_ID.findall(html)) == {"a", "b-2"}


def test_materials_worker_is_found_in_the_theme(tmp_path: Path) -> None:
    theme = material_templates()
    pattern = f"{search.MATERIAL_WORKER}/search.*.min.js"
    assert theme_file([str(tmp_path), str(theme)], pattern, "x") == MATERIAL
    with pytest.raises(PluginError, match="0 files matching"):
        theme_file([str(tmp_path)], pattern, "x")


def test_the_worker_loads_materials_worker_and_is_named_by_its_content() -> None:
    source = (ROOT / "docs" / search.WORKER_SOURCE).read_text(encoding="utf-8")
    path, text = search.worker_file(source, MATERIAL)
    assert 'var MATERIAL_WORKER = "workers/search.a7633da7.min.js";' in text
    assert search.PLACEHOLDER not in text
    assert path.startswith("assets/javascripts/search-worker.")
    other, _ = search.worker_file(source.replace("tidied", "tidy"), MATERIAL)
    assert other != path


def test_pages_name_the_handbooks_worker() -> None:
    own = "assets/javascripts/search-worker.12345678.js"
    html = (
        '<p>assets/javascripts/workers/search.a7633da7.min.js"</p>'
        '<script id="__config" type="application/json">{"base": "..", '
        '"search": "../assets/javascripts/workers/search.a7633da7.min.js", "x": 1}</script>'
    )
    out = search.point_to_worker(html, MATERIAL, own)
    assert '"search": "../assets/javascripts/search-worker.12345678.js"' in out
    assert out.startswith(
        '<p>assets/javascripts/workers/search.a7633da7.min.js"</p>'
    )  # only the config
    assert search.point_to_worker("<p>no config</p>", MATERIAL, own) == "<p>no config</p>"
    with pytest.raises(PluginError):
        search.point_to_worker(
            '<script id="__config" type="application/json">{}</script>', MATERIAL, own
        )


def test_the_search_dialog_gets_a_name_and_the_help() -> None:
    html = (
        f'{search.DIALOG}<nav class="md-search__options" aria-label="Search"></nav>'
        f'<div class="md-search-result__meta">Initializing</div>{search.RESULT_LIST}</div>'
    )
    out = search.search_dialog(html, {"reference/glossary.md": "../reference/glossary/"})
    assert out.startswith(
        '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search">'
    )
    assert '<a href="../reference/glossary/">Glossary A–Z</a>;</li></ul></div><ol' in out
    assert "prompt lists" not in out  # its page is not in this build
    assert search.search_dialog("<p>no search</p>", {}) == "<p>no search</p>"
    with pytest.raises(PluginError, match="not Material's"):
        search.search_dialog(search.DIALOG, {})
