"""`make release`: built twice, from two clones of the commit in different folders with the
same SOURCE_DATE_EPOCH, every file is byte for byte the same; and what the release holds.

The clones are of HEAD (committed work only), made and built as `make verify-release` does
(tools/release/verify.py), with this environment's Python.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from cyclonedx.schema import SchemaVersion
from cyclonedx.validation.json import JsonStrictValidator

from macros.data.edition import read_version
from macros.data.third_party import load_components
from macros.hooks.security import DEPLOY_FILES
from tests.conftest import ROOT
from tests.unit.test_lock import LOCKED
from tools.release import verify as verify_module
from tools.release.bundle import write_sums
from tools.release.notes import CHANGELOG, LINK, section
from tools.release.source import SourceError, git, release_name
from tools.release.verify import clone, compare

pytestmark = pytest.mark.slow
EPOCH = 1767225600  # 2026-01-01 00:00:00 UTC
VERSION = read_version(ROOT / "pyproject.toml")
NAME = release_name(VERSION, None)


@dataclass(frozen=True)
class Built:
    folder: Path  # the release folder
    commit: str


def build_in_clone(where: Path) -> Built:
    commit = git(ROOT, "rev-parse", "HEAD")
    source = clone(ROOT, commit, where)
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(EPOCH), "HANDBOOK_LOCAL": ""}
    env.pop("HANDBOOK_COMMIT", None)
    result = subprocess.run(
        [sys.executable, "-m", "tools.release", "build", "--out", str(source / "dist")],
        cwd=source,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return Built(source / "dist" / NAME, commit)


@pytest.fixture(scope="module")
def first(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_in_clone(tmp_path_factory.mktemp("a") / "h")


@pytest.fixture(scope="module")
def second(tmp_path_factory: pytest.TempPathFactory) -> Built:
    deeper = tmp_path_factory.mktemp("another-place") / "a" / "longer" / "path" / "handbook"
    deeper.parent.mkdir(parents=True)
    return build_in_clone(deeper)


def test_two_builds_in_different_folders_are_byte_for_byte_the_same(
    first: Built, second: Built
) -> None:
    assert first.folder.parent.parent != second.folder.parent.parent
    assert compare(first.folder, second.folder) == []
    names = sorted(p.name for p in first.folder.iterdir())
    assert names == sorted(
        [
            f"{NAME}.tar.gz",
            f"{NAME}-offline.zip",
            f"{NAME}.cdx.json",
            f"{NAME}-guidance.json",
            "RELEASE-NOTES.md",
            "SHA256SUMS",
        ]
    )


def test_verify_release_says_identical_or_names_the_file_that_differs(
    first: Built, second: Built, tmp_path: Path
) -> None:
    def verify(release: Path) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "tools.release", "verify", str(release)]
        return subprocess.run(
            [*command, "--against", str(second.folder)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )

    ok = verify(first.folder)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "all 6 files are byte for byte what its source builds" in ok.stdout
    tampered = tmp_path / NAME
    tampered.mkdir()
    for path in first.folder.iterdir():
        (tampered / path.name).write_bytes(path.read_bytes())
    notes = tampered / "RELEASE-NOTES.md"
    notes.write_text(notes.read_text(encoding="utf-8") + "x\n", encoding="utf-8")
    bad = verify(tampered)
    assert bad.returncode == 1
    assert "RELEASE-NOTES.md: its SHA-256 differs from SHA256SUMS" in bad.stdout


def test_checksums(first: Built) -> None:
    lines = (first.folder / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    listed = {name: digest for digest, name in (line.split("  ", 1) for line in lines)}
    assert sorted(listed) == sorted(
        p.name for p in first.folder.iterdir() if p.name != "SHA256SUMS"
    )
    for name, digest in listed.items():
        assert hashlib.sha256((first.folder / name).read_bytes()).hexdigest() == digest
    result = subprocess.run(
        ["sha256sum", "-c", "SHA256SUMS"], cwd=first.folder, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_site_archive_is_normalised(first: Built) -> None:
    path = first.folder / f"{NAME}.tar.gz"
    head = path.read_bytes()[:10]
    assert head[3] == 0  # gzip flags: no file name
    assert head[4:8] == b"\0\0\0\0"  # gzip time 0
    with tarfile.open(path, "r:gz") as tar:
        members = tar.getmembers()
        assert tar.pax_headers == {}
    names = [m.name for m in members]
    assert names == sorted(names)
    assert names[0] == NAME
    assert all(n == NAME or n.startswith(NAME + "/") for n in names)
    for member in members:
        assert member.mtime == EPOCH, member.name
        assert (member.uid, member.gid, member.uname, member.gname) == (0, 0, "", ""), member.name
        assert member.mode == (0o755 if member.isdir() else 0o644), member.name
        assert member.isdir() or member.isfile(), member.name
        assert not member.pax_headers, member.name


def test_the_site_archive_holds_the_site_the_server_configurations_and_the_licence(
    first: Built,
) -> None:
    with tarfile.open(first.folder / f"{NAME}.tar.gz", "r:gz") as tar:
        files = {
            m.name.removeprefix(NAME + "/"): tar.extractfile(m).read()  # type: ignore[union-attr]
            for m in tar.getmembers()
            if m.isfile()
        }
    for name in ("site/index.html", "site/index.html.gz", "site/index.html.br", "site/404.html"):
        assert name in files
    assert "site/reference/licences/index.html" in files
    assert f"site/downloads/ta-hsb-handbook-{VERSION}.pdf" in files
    assert files["site/_headers"].startswith(b"# Headers for static hosts")
    for name, write in DEPLOY_FILES.items():
        assert files[name].decode("utf-8") == write(), name
    assert files["LICENSE"] == (ROOT / "LICENSE").read_bytes()
    assert files["NOTICE"] == (ROOT / "NOTICE").read_bytes()
    assert f"commit {first.commit[:10]}".encode() in files["site/index.html"]
    assert b"Built 2026-01-01" in files["site/index.html"]


def test_the_offline_zip_is_normalised(first: Built) -> None:
    with zipfile.ZipFile(first.folder / f"{NAME}-offline.zip") as zf:
        infos = zf.infolist()
    names = [i.filename for i in infos]
    assert names == sorted(names)
    assert all(n.startswith(f"{NAME}-offline/") for n in names)
    assert f"{NAME}-offline/index.html" in names
    assert not [n for n in names if n.endswith((".gz", ".br")) or n.endswith("_headers")]
    for info in infos:
        assert info.date_time == (2026, 1, 1, 0, 0, 0), info.filename
        assert info.external_attr >> 16 == 0o100644, info.filename
        assert info.extra == b"", info.filename


def test_the_sbom_is_valid_and_lists_what_ships_and_what_built_it(first: Built) -> None:
    text = (first.folder / f"{NAME}.cdx.json").read_text(encoding="utf-8")
    assert JsonStrictValidator(SchemaVersion.V1_6).validate_str(text) is None
    sbom = json.loads(text)
    assert sbom["specVersion"] == "1.6"
    assert sbom["metadata"]["timestamp"].startswith("2026-01-01T00:00:00")
    project = sbom["metadata"]["component"]
    assert (project["name"], project["version"]) == ("ta-hsb-handbook", VERSION)
    props = {p["name"]: p.get("value") for p in project["properties"]}
    assert props["ta-hsb:commit"] == first.commit
    assert props["ta-hsb:source-date-epoch"] == str(EPOCH)
    components = {c["bom-ref"]: c for c in sbom["components"]}
    for listed in load_components(ROOT):
        got = components[f"shipped:{listed.id}"]
        assert got["scope"] == "required"
        assert got.get("version") == listed.version
        licence = got["licenses"][0]
        assert listed.licence_text in (
            licence.get("expression"),
            *licence.get("license", {}).values(),
        )
    pypi = {
        c["name"].lower(): c
        for c in sbom["components"]
        if c.get("purl", "").startswith("pkg:pypi/")
    }
    for name, (locked_version, _, _) in LOCKED.items():
        assert pypi[name]["version"] == locked_version, name
        assert pypi[name]["scope"] == "excluded", name
    npm_lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    npm = {c["purl"] for c in sbom["components"] if c.get("purl", "").startswith("pkg:npm/")}
    for path, info in npm_lock["packages"].items():
        if path:
            name = path.rsplit("node_modules/", 1)[-1].replace("@", "%40", 1)
            assert f"pkg:npm/{name}@{info['version']}" in npm, path


def test_the_release_notes_are_the_versions_changelog_section(first: Built) -> None:
    notes = (first.folder / "RELEASE-NOTES.md").read_text(encoding="utf-8")
    assert notes.startswith(f"# {NAME}: release notes\n")
    changelog = (ROOT / CHANGELOG).read_text(encoding="utf-8")
    first_item = LINK.sub(r"\1", section(changelog, VERSION).splitlines()[0])  # links as words
    assert first_item in notes
    assert "](" not in notes.split("\n", 3)[3]  # links to the site's pages are words


def make_dry_run(target: str) -> str:
    """What ``make -n <target> LOCAL=areas/north.yml`` would run."""
    return subprocess.run(
        ["make", "-n", "-o", ".venv/.installed", target, "LOCAL=areas/north.yml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_an_overlay_release_is_named_after_the_overlay() -> None:
    assert release_name("1.1.0", "areas/north.yml") == "ta-hsb-handbook-1.1.0-north"
    release = make_dry_run("release")
    assert "HANDBOOK_LOCAL=areas/north.yml" in release
    assert "tools.release build" in release
    assert f"ta-hsb-handbook-{VERSION}-north-offline.zip" in make_dry_run("dist")


# -- make verify-release on a release it must not trust (no build: the clone and the
#    rebuild are stood in for, so each of these takes milliseconds) -----------------------

GOOD = {"commit": "0123456789abcdef0123456789abcdef01234567", "source-date-epoch": str(EPOCH)}


def fake_release(folder: Path, props: dict[str, str] | None) -> Path:
    """A release folder with notes, an SBOM holding ``props`` (none if None) and its sums."""
    folder.mkdir(parents=True)
    (folder / "RELEASE-NOTES.md").write_text("# notes\n", encoding="utf-8")
    if props is not None:
        listed = [{"name": f"ta-hsb:{k}", "value": v} for k, v in props.items()]
        sbom = {"metadata": {"component": {"name": "ta-hsb-handbook", "properties": listed}}}
        (folder / f"{NAME}.cdx.json").write_text(json.dumps(sbom), encoding="utf-8")
    write_sums(folder, [p.name for p in folder.iterdir()], "SHA256SUMS")
    return folder


@pytest.fixture
def stand_ins(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[Path]:
    """No git clone and no build: the clone is an empty folder, and the rebuild writes the
    release it was asked to check, under the name the build gives it, and keeps a copy of
    the clone it was run in (``built-from``). The clones made."""
    cloned: list[Path] = []

    def clone(root: Path, commit: str, into: Path) -> Path:
        into.mkdir(parents=True)
        cloned.append(into)
        return into

    def run(args: list[str], cwd: Path, **_: object) -> None:
        out = Path(args[args.index("--out") + 1]) / NAME
        shutil.copytree(tmp_path / "release", out)
        shutil.copytree(cwd, tmp_path / "built-from", symlinks=True, dirs_exist_ok=True)

    monkeypatch.setattr(verify_module, "clone", clone)
    monkeypatch.setattr(subprocess, "run", run)  # the rebuild's `python -m tools.release build`
    return cloned


def checkout(tmp_path: Path) -> Path:
    """A checkout with an overlay beside it (outside it) and one inside it."""
    root = tmp_path / "work" / "checkout"
    (root / "areas" / "north").mkdir(parents=True)
    (root / "areas" / "north.yml").write_text("organisation: North\n", encoding="utf-8")
    (root / "areas" / "north" / "page.md").write_text("# Page\n", encoding="utf-8")
    (tmp_path / "work" / "secret.yml").write_text("password: x\n", encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("props", "message"),
    [
        (None, "release: no SBOM (*.cdx.json); a release has one"),
        ({"source-date-epoch": "1"}, f"{NAME}.cdx.json: property ta-hsb:commit: missing"),
        (
            {**GOOD, "commit": "--upload-pack=touch x"},
            f"{NAME}.cdx.json: property ta-hsb:commit: '--upload-pack=touch x' is not valid",
        ),
        (
            {"commit": GOOD["commit"], "source-date-epoch": "1\n2"},
            f"{NAME}.cdx.json: property ta-hsb:source-date-epoch: '1\\n2' is not valid",
        ),
    ],
    ids=["no-sbom", "no-commit", "commit-option", "epoch"],
)
def test_a_release_missing_a_part_is_one_line(
    tmp_path: Path, stand_ins: list[Path], props: dict[str, str] | None, message: str
) -> None:
    release = fake_release(tmp_path / "release", props)
    with pytest.raises(SourceError) as err:
        verify_module.verify(checkout(tmp_path), release, None, None)
    assert str(err.value) == message
    assert stand_ins == []  # refused before anything was cloned


@pytest.mark.parametrize(
    "overlay",
    [
        "../secret.yml",
        "areas/../../secret.yml",
        str(Path("/etc/hostname.yml")),
        "areas//north.yml",
        "areas/.north.yml",
        "areas\\north.yml",
        "-north.yml",
        "areas/north.md",
    ],
)
def test_a_tampered_overlay_value_is_refused_before_anything_is_copied(
    tmp_path: Path, stand_ins: list[Path], overlay: str
) -> None:
    release = fake_release(tmp_path / "release", {**GOOD, "overlay": overlay})
    with pytest.raises(SourceError) as err:
        verify_module.verify(checkout(tmp_path), release, None, None)
    assert str(err.value).startswith(f"the SBOM's property ta-hsb:overlay: '{overlay}' is not")
    assert stand_ins == []
    assert sorted(p.name for p in (tmp_path / "work").iterdir()) == ["checkout", "secret.yml"]


def test_the_overlay_is_brought_into_the_clone_and_links_are_refused(
    tmp_path: Path, stand_ins: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = checkout(tmp_path)
    release = fake_release(tmp_path / "release", {**GOOD, "overlay": "areas/north.yml"})
    assert verify_module.verify(root, release, None, None) == 0
    assert len(stand_ins) == 1
    clone = tmp_path / "built-from"
    assert (clone / "areas" / "north" / "page.md").read_text(encoding="utf-8") == "# Page\n"
    assert (clone / "areas" / "north.yml").is_file()
    assert "using this checkout's" in capsys.readouterr().out
    (root / "areas" / "north" / "secret.md").symlink_to(tmp_path / "work" / "secret.yml")
    with pytest.raises(SourceError) as err:
        verify_module.verify(root, release, None, None)
    assert str(err.value) == "areas/north/secret.md: the overlay holds a symbolic link"
    (root / "areas" / "north" / "secret.md").unlink()
    (root / "areas").rename(tmp_path / "elsewhere")
    (root / "areas").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(SourceError) as err:
        verify_module.verify(root, release, None, None)
    assert str(err.value) == "areas/north.yml: areas is a symbolic link"


def test_a_renamed_release_folder_is_verified(
    tmp_path: Path, stand_ins: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    release = fake_release(tmp_path / "release", GOOD)
    renamed = release.rename(tmp_path / "renamed")
    shutil.copytree(renamed, tmp_path / "release")  # what the rebuild makes (stand_ins)
    assert verify_module.verify(checkout(tmp_path), renamed, None, None) == 0
    assert "renamed: all 3 files are byte for byte" in capsys.readouterr().out


def test_names_in_the_release_never_lead_out_of_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    release = fake_release(tmp_path / "release", GOOD)
    root = checkout(tmp_path)
    (tmp_path / "outside").write_text("x\n", encoding="utf-8")
    sums = release / "SHA256SUMS"
    digest = hashlib.sha256(b"x\n").hexdigest()
    sums.write_text(sums.read_text(encoding="utf-8") + f"{digest}  ../outside\n", encoding="utf-8")
    assert verify_module.verify(root, release, None, None) == 1
    assert (
        "verify: release/../outside: listed in SHA256SUMS, not a file name"
        in capsys.readouterr().out
    )
    (release / "link").symlink_to(tmp_path / "outside")
    assert verify_module.verify(root, release, None, None) == 1
    assert capsys.readouterr().out == "verify: release/link: a symbolic link\n"
