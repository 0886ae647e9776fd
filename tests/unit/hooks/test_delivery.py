"""Hashed asset names and pre-compressed copies (macros.assets, macros.compress)."""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

import brotli
import pytest
from mkdocs.structure.files import File, Files

from macros.hooks.assets import THEME_SCRIPT, hashed_name, theme_files
from macros.hooks.security import compress_site, is_copy


def test_hashed_name_puts_the_content_hash_before_the_extension() -> None:
    digest = hashlib.sha256(b"body{}").hexdigest()[:8]
    assert hashed_name("assets/css/handbook.css", b"body{}") == f"assets/css/handbook.{digest}.css"
    assert hashed_name("app.module.js", b"x").startswith("app.module.")
    assert hashed_name("app.module.js", b"x").endswith(".js")
    assert hashed_name("LICENSE", b"x") == "LICENSE." + hashlib.sha256(b"x").hexdigest()[:8]


def test_theme_files_are_found_once_in_any_theme_folder(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    for folder in (one, two):
        (folder / "assets/javascripts").mkdir(parents=True)
        (folder / "assets/javascripts/bundle.abc.min.js").write_text("x")
    (two / "assets/javascripts/bundle.abc.min.js.map").write_text("x")
    (two / "assets/javascripts/bundle.def.min.js").mkdir()  # a folder is not a file
    assert theme_files([str(one), str(two)], THEME_SCRIPT) == [
        "assets/javascripts/bundle.abc.min.js"
    ]
    assert theme_files([str(tmp_path)], THEME_SCRIPT) == []


def test_a_changed_file_gets_a_new_name() -> None:
    assert hashed_name("a.js", b"one") != hashed_name("a.js", b"two")
    assert hashed_name("a.js", b"one") == hashed_name("a.js", b"one")


@pytest.mark.parametrize(
    ("path", "local"),
    [
        ("assets/css/handbook.css", True),
        ("https://example.org/assets/css/handbook.css", False),
        ("//example.org/assets/css/handbook.css", False),
        ("/assets/css/handbook.css", False),
    ],
)
def test_only_files_inside_the_site_are_renamed(path: str, local: bool) -> None:
    """site_hooks.on_files renames the ``extra_css`` and ``extra_javascript`` it finds as files."""
    files = Files([File("assets/css/handbook.css", "docs", "site", use_directory_urls=True)])
    assert (files.get_file_from_path(path) is not None) is local


def test_compressed_copies_of_text_files_only(tmp_path: Path) -> None:
    texts = {
        "index.html": b"<p>hello</p>" * 200,
        "a/b.css": b"body{color:red}" * 100,
        "a/c.js": b"let x = 1;" * 100,
        "search/index.json": b'{"a": 1}' * 100,
        "icon.svg": b"<svg></svg>" * 50,
        "sitemap.xml": b"<urlset></urlset>" * 50,
    }
    for name, data in texts.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data)
    (tmp_path / "file.pdf").write_bytes(b"%PDF-1.7")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG")
    sizes = compress_site(tmp_path)
    assert sorted(plain for plain, _, _ in sizes) == sorted(map(len, texts.values()))
    for name, data in texts.items():
        gz = (tmp_path / (name + ".gz")).read_bytes()
        br = (tmp_path / (name + ".br")).read_bytes()
        assert gzip.decompress(gz) == data
        assert brotli.decompress(br) == data
        assert len(gz) < len(data)
        assert len(br) < len(data)
        assert is_copy(tmp_path / (name + ".gz"))
        assert not is_copy(tmp_path / name)
    assert not (tmp_path / "file.pdf.gz").exists()
    assert not (tmp_path / "logo.png.br").exists()


def test_compressed_copies_are_reproducible(tmp_path: Path) -> None:
    (tmp_path / "a.css").write_bytes(b"body{}" * 100)
    compress_site(tmp_path)
    first = (tmp_path / "a.css.gz").read_bytes()
    compress_site(tmp_path)
    assert (tmp_path / "a.css.gz").read_bytes() == first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.css", "a.css.br", "a.css.gz"]
