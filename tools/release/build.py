"""A release in ``dist/<name>/``, made from the checkout and the time of ``SOURCE_DATE_EPOCH``
(else of the last commit): two builds of one commit, in any folders, give the same bytes."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from macros.hooks.edition_hooks import OUT as EDITION_OUT
from macros.hooks.servers import DEPLOY_FILES
from tools import dist, mkdocs_config

from .bundle import write_sums, write_tar_gz
from .notes import edition_notes, release_notes
from .sbom import make_bom, sbom_json
from .source import commit, overlay_in, release_name, source_date_epoch, version

NOTES = "RELEASE-NOTES.md"
SUMS = "SHA256SUMS"
#: Besides the site, the server archive carries the server configurations, licence and notice.
STATIC_DEPLOY = ("deploy/nginx/brotli.conf",)
TEXTS = ("LICENSE", "NOTICE")


@dataclass(frozen=True)
class Release:
    folder: Path
    name: str
    epoch: int
    commit: str

    @property
    def site_archive(self) -> str:
        return f"{self.name}.tar.gz"

    @property
    def offline_zip(self) -> str:
        return f"{self.name}-offline.zip"

    @property
    def sbom(self) -> str:
        return f"{self.name}.cdx.json"

    @property
    def guidance(self) -> str:
        """This edition's snapshot of the guidance (editions/<version>.json, README)."""
        return f"{self.name}-guidance.json"

    @property
    def files(self) -> tuple[str, ...]:
        """Every file of the release, SHA256SUMS last."""
        return (self.site_archive, self.offline_zip, self.sbom, self.guidance, NOTES, SUMS)


def deploy_files(root: Path, into: Path) -> Path:
    """deploy/ as the release ships it: written from macros/hooks/security.py now."""
    shutil.rmtree(into, ignore_errors=True)
    for name, write in DEPLOY_FILES.items():
        (into / name).parent.mkdir(parents=True, exist_ok=True)
        (into / name).write_text(write(), encoding="utf-8")
    for name in STATIC_DEPLOY:
        shutil.copy(root / name, into / name)
    return into / "deploy"


def build(root: Path, out: Path, overlay: str | None) -> Release:
    overlay = overlay_in(root, overlay)  # recorded in the SBOM: from the root, never absolute
    epoch = source_date_epoch(root)
    name = release_name(version(root), overlay)
    release = Release(out / name, name, epoch, commit(root))
    notes = release_notes(root, version(root), name)  # first: no build without them
    work = root / "build" / "release"
    env = {"SOURCE_DATE_EPOCH": str(epoch), "HANDBOOK_LOCAL": overlay or ""}
    # PDFs and compressed copies, whatever the caller's settings.
    site = {**env, "HANDBOOK_PDF": "true", "HANDBOOK_COMPRESS": "true"}
    mkdocs_config.build(root, work / "site", {**site, EDITION_OUT: str(work / "guidance.json")})
    guidance = (work / "guidance.json").read_text(encoding="utf-8")
    notes += edition_notes(root, guidance, overlay)
    dist.build(work / "offline", env)
    shutil.rmtree(release.folder, ignore_errors=True)
    release.folder.mkdir(parents=True)
    parts = {f"{name}/site": work / "site", f"{name}/deploy": deploy_files(root, work / "files")}
    parts |= {f"{name}/{text}": root / text for text in TEXTS}
    write_tar_gz(release.folder / release.site_archive, parts, epoch)
    zip_folder = Path(release.offline_zip).stem
    dist.package(work / "offline", release.folder / release.offline_zip, zip_folder, epoch)
    bom = make_bom(root, version(root), name, epoch, release.commit, overlay)
    (release.folder / release.sbom).write_text(sbom_json(bom), encoding="utf-8")
    (release.folder / NOTES).write_text(notes, encoding="utf-8")
    (release.folder / release.guidance).write_text(guidance, encoding="utf-8")
    write_sums(release.folder, release.files[:-1], SUMS)
    return release
