"""Hostile local pages through the real build: nothing in one runs on the build machine,
reads a file outside the overlay's folder, prints build paths, or reaches the page as
anything but sanitised HTML (markup from every Markdown route is cleaned as output)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from tests.build.fixture_site import FixtureSite, errors

pytestmark = pytest.mark.slow
OVERLAY = "organisation: Org\ncontacts:\n  - role: Lead\n"

# Every family of the probe: attr_list, link schemes, raw HTML hidden from a line scanner
# (fences of another length or character, escaped and indented backticks), YAML escapes,
# MultiMarkdown meta lines.
HOSTILE_PAGE = """\
Refresh: 0; url=https://evil.example/
Description: x" http-equiv="refresh

# Hostile page

A paragraph with attributes.
{: onclick="alert(1)" style="position:fixed" ping="https://evil.example/p" }

[javascript link](https://example.org/){: href="javascript:alert(2)" }
[script scheme](javascript:alert(3)) [vb](vbscript:msgbox(4))
[data](data:text/html,%3Cscript%3Ealert(5)%3C/script%3E) [file](file:///etc/passwd)
[ok link](https://example.org/) and [mail](mailto:lead@example.org)

````
```
````
<script>alert(6)</script>
<img src="https://evil.example/t.png" onerror="alert(7)">

~~~~~
~~~
~~~~~
<iframe src="https://evil.example/"></iframe>

\\`\\`\\`
<meta http-equiv="refresh" content="0;url=https://evil.example/">
\\`\\`\\`

    ```
<form action="https://evil.example/"><input name="q"></form>

<svg onload="alert(8)"><use href="#x"/></svg>
<a href="&#106;avascript:alert(9)">entity scheme</a>
<div style="background:url(https://evil.example/b.png)">styled</div>
<link rel="attachment" href="file:///etc/passwd">

About {{ term("IIOC") }}, and `{{ term("sexting") }}` in code.
"""
FORBIDDEN_TAGS = {"script", "img", "iframe", "meta", "form", "input", "svg", "link", "style", "use"}
SAFE_SCHEMES = ("https:", "http:", "mailto:", "tel:", "#", "../", "./")


def build(tmp_path: Path, allow_raw_html: bool) -> Tag:
    site = FixtureSite(tmp_path)
    site.config["extra"]["handbook"]["local"] = "local/local.yml"
    site.write("local/local/hostile.md", HOSTILE_PAGE)
    site.write(
        "local/local.yml",
        OVERLAY
        + f"allow_raw_html: {str(allow_raw_html).lower()}\n"
        + "pages:\n  - {file: hostile.md, title: Hostile}\n",
    )
    result = site.build()
    assert result.returncode == 0, result.stderr
    page = BeautifulSoup(site.html("local/hostile/index.html"), "html.parser")
    article = page.select_one("article")
    assert article is not None
    return article


@pytest.mark.parametrize("allow_raw_html", [False, True])
def test_a_hostile_local_page_is_sanitised_output(tmp_path: Path, allow_raw_html: bool) -> None:
    article = build(tmp_path, allow_raw_html)
    assert not article.find_all(FORBIDDEN_TAGS)
    for node in article.find_all(True):
        for name, value in node.attrs.items():
            assert not name.startswith("on"), node
            assert name not in ("style", "ping", "action", "src", "srcdoc"), node
            if name == "href":
                assert str(value).startswith(SAFE_SCHEMES), node
    links = {a.get_text(): a.get("href") for a in article.select("a")}
    assert links["ok link"] == "https://example.org/"
    assert links["mail"] == "mailto:lead@example.org"
    assert links["script scheme"] is None
    assert links["javascript link"] is None  # attr_list's href replaced the checked one
    # The MultiMarkdown meta lines are text on the page, not the page's metadata.
    text = " ".join(article.get_text(" ").split())
    assert "Refresh: 0; url=https://evil.example/" in text
    # The one allowed call became a glossary link; inside code it stays as written.
    term = article.select_one("span.hb-term a.hb-term__link")
    assert term is not None
    assert term.get_text() == "IIOC"
    assert article.select_one("code:-soup-contains('term(\"sexting\")')") is not None
    if not allow_raw_html:
        assert "<script>alert(6)</script>" in text  # shown as text, never run


def test_the_search_index_has_only_sanitised_text(tmp_path: Path) -> None:
    build(tmp_path, allow_raw_html=True)
    index = json.loads((tmp_path / "site/search/search_index.json").read_text("utf-8"))
    local = " ".join(d["text"] for d in index["docs"] if d["location"].startswith("local/"))
    for marker in ("<script", "onerror=", "javascript:", "<iframe", "<meta"):
        assert marker not in local


@pytest.mark.parametrize(
    ("body", "what"),
    [
        ("{{ cycler.__init__.__globals__.os.popen('touch {canary}').read() }}", "runs a command"),
        ("{% set x = cycler.__init__.__globals__.__builtins__.open('{canary}', 'w') %}", "writes"),
        ("{{ _handbook.root.joinpath('/etc/passwd').read_text() }}", "reads a host file"),
        ("{{ config.docs_dir }} {{ config.config_file_path }}", "prints build paths"),
        ("{{ macros_info() }}", "prints the configuration"),
        ("{% set f = cite %}{{ f('lim-2017') }}", "cites through a variable"),
        ("{{ 'x' * 10**10 }}", "asks for 10 GB"),
        ("{% for i in range(10**10) %}{% endfor %}", "loops for minutes"),
    ],
)
def test_a_local_page_never_reaches_a_template_engine(tmp_path: Path, body: str, what: str) -> None:
    site = FixtureSite(tmp_path)
    canary = tmp_path / "canary"
    site.config["extra"]["handbook"]["local"] = "local/local.yml"
    site.write("local/local/p.md", "# P\n\n" + body.replace("{canary}", str(canary)) + "\n")
    site.write("local/local.yml", OVERLAY + "pages:\n  - {file: p.md, title: P}\n")
    result = site.build()
    assert result.returncode == 1, what
    assert errors(result) == [
        'local/local/p.md: line 3: only {{ term("...") }} may be used in a local page; '
        "other {{ ... }} and {% ... %} are not allowed"
    ]
    assert "Traceback" not in result.stderr
    assert "root:" not in result.stderr  # nothing of /etc/passwd
    assert str(tmp_path / "docs") not in result.stderr
    assert not canary.exists()
    assert not (tmp_path / "site").exists()


def test_a_front_matter_title_is_the_tab_title_escaped(tmp_path: Path) -> None:
    site = FixtureSite(tmp_path)
    site.config["extra"]["handbook"]["local"] = "local/local.yml"
    site.write("local/local/p.md", "---\ntitle: Tab & 'title'\n---\n# P\n")
    site.write("local/local.yml", OVERLAY + "pages:\n  - {file: p.md, title: Nav title}\n")
    result = site.build()
    assert result.returncode == 0, result.stderr
    page = BeautifulSoup(site.html("local/p/index.html"), "html.parser")
    assert page.title is not None
    assert page.title.get_text().startswith("Tab & 'title' - ")
    assert "Tab &amp; &#39;title&#39;" in site.html("local/p/index.html")
