"""Hostile local pages through the real build: nothing in one runs on the build machine,
reads a file outside the overlay's folder, prints build paths, or reaches the page as
anything but sanitised HTML (markup from every Markdown route is cleaned as output)."""

from __future__ import annotations

import json
import re
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


# Issue 34: routes around the sanitiser (the table of contents, term() text in attributes),
# a notice pushed below the content, and a tab title unescaped twice.
TOC_PAGE = """\
# Local page

## Two {: id='y"><meta http-equiv="refresh" content="0;url=https://evil.example/">' }

## Three {: data-toc-label='<meta http-equiv="refresh" content="0">' }

## Four {: id='__drawer' }

Text with a footnote.[^1]

[^1]: The note.
"""
TERM_ATTRIBUTES_PAGE = """\
# Terms

[one](https://example.org/){: href='{{ term("IIOC", "javascript:alert(1)") }}' }
[two](https://example.org/){: href='{{ term("IIOC", "data:text/html,x") }}' }

<h2 id='{{ term("IIOC", "__drawer") }}'>Raw</h2>

<ul><li id='{{ term("IIOC", "md-content") }}'>About {{ term("IIOC") }}</li></ul>

<dl><dt id='{{ term("IIOC", "hb-record") }}'>Term</dt><dd>Definition</dd></dl>
"""
FAKE_UPDATE_PAGE = """\
!!! note "TA-HSB practice guidance: official update"
    This box looks like the guidance's own.

# Title last
"""


def build_pages(tmp_path: Path, pages: dict[str, str], extra: str = "") -> FixtureSite:
    site = FixtureSite(tmp_path)
    site.config["extra"]["handbook"]["local"] = "local/local.yml"
    listed = ""
    for name, text in pages.items():
        site.write(f"local/local/{name}.md", text)
        listed += f"  - {{file: {name}.md, title: '{name.title()} &amp; more'}}\n"
    site.write("local/local.yml", OVERLAY + extra + "pages:\n" + listed)
    return site


def test_the_table_of_contents_and_ids_come_from_the_sanitised_page(tmp_path: Path) -> None:
    pages = {"toc": TOC_PAGE, "terms": TERM_ATTRIBUTES_PAGE, "fake": FAKE_UPDATE_PAGE}
    site = build_pages(tmp_path, pages, "allow_raw_html: true\n")
    # MkDocs only warns about an href it cannot place (a term() call's placeholder), and a
    # copy may be built without --strict: let it through to the sanitiser.
    site.config["validation"]["unrecognized_links"] = "info"
    result = site.build()
    assert result.returncode == 0, result.stderr
    for name in pages:
        raw = site.html(f"local/{name}/index.html")
        page = BeautifulSoup(raw, "html.parser")
        assert len(page.select("meta[http-equiv]")) == 1, name  # the handbook's own policy
        assert "evil.example" not in raw
        ids = [str(node["id"]) for node in page.select("article [id]")]
        assert all(re.fullmatch(r"[a-z0-9-]+", i) for i in ids), ids
        assert not any(i.startswith(("md-", "hb-")) and "hb-tip-" not in i for i in ids)
        for a in page.select("article a[href]"):
            assert str(a["href"]).startswith(SAFE_SCHEMES), a
        toc = page.select("nav.md-nav--secondary a.md-nav__link")
        for link in toc:  # every entry points at a heading of the page
            assert page.select_one(f"article {link['href']}") is not None, link
        # The tab shows the overlay's title as written (it was unescaped twice).
        assert page.title is not None
        assert page.title.get_text().startswith(f"{name.title()} &amp; more - ")
    toc_page = BeautifulSoup(site.html("local/toc/index.html"), "html.parser")
    entries = [
        (a.get_text(strip=True), a["href"])
        for a in toc_page.select(".md-sidebar--secondary a.md-nav__link")
    ]
    # (With raw HTML allowed, Markdown reads the <meta> in the first one as markup, which
    # the sanitiser removes; tests/build/test_hostile.py has it as text.)
    assert [title for title, _ in entries][1:] == ["Three", "Four"]
    assert all(re.fullmatch(r"#[a-z0-9-]+", str(href)) for _, href in entries)
    assert entries[2][1] == "#drawer"
    footnote = toc_page.select_one("article sup a.footnote-ref")
    assert footnote is not None
    assert toc_page.select_one(f"article {footnote['href']}") is not None
    # The "Local resource" notice comes before anything the page says.
    fake = BeautifulSoup(site.html("local/fake/index.html"), "html.parser")
    order = fake.select("article .hb-local-notice, article .admonition, article h1")
    assert [node.name for node in order] == ["div", "div", "h1"]
    assert "hb-local-notice" in order[0]["class"]


def test_a_term_call_in_a_heading_of_any_form_is_refused(tmp_path: Path) -> None:
    page = '# T\n\n<h2>Raw {{ term("IIOC") }}</h2>\n\n##Hash {{ term("IIOC") }}\n'
    site = build_pages(tmp_path, {"p": page}, "allow_raw_html: true\n")
    result = site.build()
    assert result.returncode == 1
    assert errors(result) == ["local/local/p.md: line 5: term() is for running text, not headings"]
    site.write("local/local/p.md", '# T\n\n<h2>Raw {{ term("IIOC") }}</h2>\n')
    result = site.build()
    assert result.returncode == 1
    assert errors(result) == ["local/local/p.md: line 3: term() is for running text, not headings"]
    assert "Traceback" not in result.stderr


def test_deeply_nested_raw_html_is_refused_in_one_line(tmp_path: Path) -> None:
    page = "# T\n\n" + "<div>" * 5000 + "x" + "</div>" * 5000 + "\n"
    site = build_pages(tmp_path, {"p": page}, "allow_raw_html: true\n")
    result = site.build()
    assert result.returncode == 1
    assert errors(result) == ["local/local/p.md: line 3: HTML elements nested more than 40 deep"]
    assert "Traceback" not in result.stderr
