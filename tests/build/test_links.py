"""Nothing in an overlay's tree may be a symbolic link (or a pipe, or a device): not the
overlay file, not a folder on the way to it, not its folder, not a folder on the way to a
file it names, not a file in it. Each is refused in one line naming the path, before
anything of the overlay is read, so no message quotes a file the overlay does not own
(macros/data/loading.py)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.build.fixture_site import FixtureSite, errors
from tools.check import run

OVERLAY = """\
organisation: North
logo: logo.svg
contacts:
  - role: Lead
pages:
  - {file: pages/ok.md, title: OK}
"""
LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>\n'
)
ACCOUNTS = "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
LINK = (
    "is a symbolic link; no part of an overlay may be one (its file, the folders on the way "
    "to it, its folder or anything in that folder)"
)


@pytest.fixture
def site(tmp_path: Path) -> FixtureSite:
    """A fixture handbook with an overlay whose file, folder, page and logo are all plain,
    and a secret and a second area's folder outside it."""
    (tmp_path / "project").mkdir()
    site = FixtureSite(tmp_path / "project")
    site.config["extra"]["handbook"]["local"] = "areas/north.yml"
    site.write_yaml("mkdocs.yml", site.config)
    site.write("areas/north.yml", OVERLAY)
    site.write("areas/north/pages/ok.md", "# OK\n")
    site.write("areas/north/logo.svg", LOGO)
    site.write("areas/south/pages/ok.md", "# South's unlisted draft\n\n{{ nope }}\n")
    site.write("areas/south/logo.svg", LOGO)
    (tmp_path / "accounts").write_text(ACCOUNTS, encoding="utf-8")
    return site


def swap(path: Path, target: Path) -> None:
    """Replace ``path`` (a file or a folder) with a symbolic link to ``target``."""
    if path.is_dir():
        for sub in sorted(path.rglob("*"), reverse=True):
            sub.rmdir() if sub.is_dir() else sub.unlink()
        path.rmdir()
    else:
        path.unlink()
    path.symlink_to(target)


def link_overlay_file(site: FixtureSite) -> str:
    swap(site.root / "areas" / "north.yml", site.root.parent / "accounts")
    return "areas/north.yml"


def link_overlay_folder(site: FixtureSite) -> str:
    swap(site.root / "areas" / "north", site.root / "areas" / "south")
    return "areas/north"


def link_folder_on_the_way_to_a_page(site: FixtureSite) -> str:
    swap(site.root / "areas" / "north" / "pages", site.root / "areas" / "south" / "pages")
    return "areas/north/pages"


def link_page(site: FixtureSite) -> str:
    swap(site.root / "areas" / "north" / "pages" / "ok.md", site.root.parent / "accounts")
    return "areas/north/pages/ok.md"


def link_logo(site: FixtureSite) -> str:
    swap(site.root / "areas" / "north" / "logo.svg", site.root / "areas" / "south" / "logo.svg")
    return "areas/north/logo.svg"


def link_file_the_overlay_does_not_name(site: FixtureSite) -> str:
    (site.root / "areas" / "north" / "notes.md").symlink_to(site.root.parent / "accounts")
    return "areas/north/notes.md"


def link_folder_on_the_way_to_the_overlay(site: FixtureSite) -> str:
    (site.root / "areas").rename(site.root / "elsewhere")
    (site.root / "areas").symlink_to(site.root / "elsewhere")
    return "areas"


@pytest.mark.parametrize(
    "make",
    [
        link_overlay_file,
        link_overlay_folder,
        link_folder_on_the_way_to_a_page,
        link_page,
        link_logo,
        link_file_the_overlay_does_not_name,
        link_folder_on_the_way_to_the_overlay,
    ],
)
def test_a_link_anywhere_in_an_overlay_is_one_line(
    site: FixtureSite, make: Callable[[FixtureSite], str]
) -> None:
    shown = make(site)
    problems, _ = run("areas/north.yml", site.root)
    assert problems == [f"{shown}: {LINK}"]


def test_a_pipe_in_the_overlay_folder_is_refused_without_being_opened(site: FixtureSite) -> None:
    os.mkfifo(site.root / "areas" / "north" / "pages" / "ok.md.tmp")
    problems, _ = run("areas/north.yml", site.root)  # opening a pipe would wait for ever
    assert problems == ["areas/north/pages/ok.md.tmp: is not a regular file"]


def test_the_plain_overlay_has_no_problems(site: FixtureSite) -> None:
    assert run("areas/north.yml", site.root)[0] == []


@pytest.mark.slow
def test_a_build_refuses_a_linked_overlay_file_without_quoting_it(site: FixtureSite) -> None:
    """The build runs the same check first: one line, and no line of the linked file."""
    link_overlay_file(site)
    result = site.build()
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert errors(result) == [f"areas/north.yml: {LINK}"]
    assert "root:" not in result.stdout + result.stderr
    assert not (site.root / "site" / "index.html").exists()
