"""Search aids through the real build: indexed on their page, never shown on it; an overlay's
aids find its own local pages; the glossary lists them marked as the handbook's."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.build.fixture_site import GLOSSARY, FixtureSite, errors

pytestmark = pytest.mark.slow
OVERLAY = """\
organisation: Org
contacts: [{role: Lead}]
pages: [{file: referrals.md, title: Referrals}]
search_aids:
  - {page: referrals.md, aids: [front door, MASH referral]}
"""


def index(site: FixtureSite) -> dict[str, dict[str, Any]]:
    data = json.loads((site.root / "site" / "search" / "search_index.json").read_text("utf-8"))
    assert data["config"]["fields"]["aids"] == {"boost": 3}
    return {doc["location"]: doc for doc in data["docs"]}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> FixtureSite:
    site = FixtureSite(tmp_path_factory.mktemp("aids"))
    site.write_yaml(
        "data/glossary.yml",
        [{**GLOSSARY[0], "explained": "prompts.md#prompts"}, {**GLOSSARY[1]}],
    )
    site.write_yaml(
        "data/search-aids.yml",
        [
            {
                "term": "iioc",
                "aids": ["CSAM", "child sexual abuse material"],
                "spellings": ["indecant images"],
            },
            {"page": "reference/references.md", "aids": ["bibliography"]},
        ],
    )
    site.write("local/local.yml", OVERLAY)
    site.write("local/local/referrals.md", "# Referrals\n\nHow to refer a child.\n")
    site.config["extra"]["handbook"]["local"] = "local/local.yml"
    result = site.build()
    assert result.returncode == 0, result.stderr
    assert errors(result) == []
    return site


def test_aids_are_indexed_on_their_page(built: FixtureSite) -> None:
    docs = index(built)
    assert (
        docs["prompts/"]["aids"]
        == "Indecent images of children; IIOC; CSAM; child sexual abuse material; indecant images"
    )
    assert docs["reference/references/"]["aids"] == "bibliography"
    assert (
        docs["reference/glossary/#iioc"]["aids"]
        == "CSAM; child sexual abuse material; indecant images"
    )
    assert docs["local/referrals/"]["aids"] == "front door; MASH referral"
    assert sum("aids" in doc for doc in docs.values()) == 4


def test_aids_are_never_shown_on_the_pages_they_find(built: FixtureSite) -> None:
    for path in (
        "prompts/index.html",
        "reference/references/index.html",
        "local/referrals/index.html",
    ):
        html = built.html(path)
        for aid in ("CSAM", "bibliography", "front door", "MASH referral"):
            assert aid not in html, (path, aid)


def test_the_glossary_shows_only_spellings_as_the_handbooks_search_aids(
    built: FixtureSite,
) -> None:
    html = built.html("reference/glossary/index.html")
    assert (
        'Also searched as </span><span class="hb-gloss__note">(the handbook\'s search aids, '
        "not the slides' words): </span>indecant images</p>"
    ).replace("'", "&#39;") in html
    assert "CSAM" not in html  # other words would read as meanings: in the index only
    assert 'Explained on: </span><a href="../../prompts/#prompts">Prompts</a>' in html


def test_the_pages_name_the_handbooks_worker(built: FixtureSite) -> None:
    site = built.root / "site"
    workers = sorted(p.name for p in (site / "assets" / "javascripts").glob("search-worker*.js"))
    assert len(workers) == 1
    assert workers[0] != "search-worker.js"  # only the hashed copy is published
    for page in ("index.html", "prompts/index.html", "404.html"):
        assert f"search-worker.{workers[0].split('.')[1]}.js" in built.html(page), page
        assert (
            "workers/search."
            not in built.html(page).split('id="__config"')[1].split("</script>")[0]
        )
