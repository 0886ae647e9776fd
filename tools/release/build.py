"""A release in ``dist/<name>/``, made from the checkout and the time of ``SOURCE_DATE_EPOCH``
(else of the last commit): two builds of one commit, in any folders, give the same bytes."""

from __future__ import annotations

import shutil
from pathlib import Path

from macros.data.edition import read_version
from macros.hooks.local_hooks import OUT as EDITION_OUT
from tools import mkdocs_config
from tools.deploy import stale

from .bundle import write_sums, write_tar_gz, write_zip
from .notes import edition_notes, release_notes
from .sbom import sbom_json
from .source import SourceError, commit, overlay_in, release_name, source_date_epoch

NOTES = "RELEASE-NOTES.md"
SUMS = "SHA256SUMS"


def build(root: Path, out: Path, overlay: str | None) -> Path:
    """The release's folder, ``out/<name>``."""
    overlay = overlay_in(root, overlay)  # recorded in the SBOM: from the root, never absolute
    differ = stale(root)
    if differ:
        raise SourceError(
            f"{differ[0]}: differs from macros/hooks/security.py: run `make deploy-configs`"
        )
    epoch = source_date_epoch(root)
    version = read_version(root / "pyproject.toml")
    name = release_name(version, overlay)
    head = commit(root)
    # The server archive, the offline zip, the SBOM and this edition's snapshot of the guidance.
    ends = (".tar.gz", "-offline.zip", ".cdx.json", "-guidance.json")
    archive, offline_zip, sbom, guidance_json = (f"{name}{end}" for end in ends)
    notes = release_notes(root, version, name)  # first: no build without them
    work = root / "build" / "release"
    env = {"SOURCE_DATE_EPOCH": str(epoch), "HANDBOOK_LOCAL": overlay or ""}
    # PDFs and compressed copies, whatever the caller's settings.
    site = {**env, "HANDBOOK_PDF": "true", "HANDBOOK_COMPRESS": "true"}
    mkdocs_config.build(root, work / "site", {**site, EDITION_OUT: str(work / "guidance.json")})
    guidance = (work / "guidance.json").read_text(encoding="utf-8")
    notes += edition_notes(root, guidance, overlay)
    mkdocs_config.build(root, work / "offline", {**env, "OFFLINE": "true"})
    folder = out / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    parts = {part: root / part for part in ("deploy", "LICENSE", "NOTICE")}
    write_tar_gz(folder / archive, name, {"site": work / "site", **parts}, epoch)
    write_zip(work / "offline", folder / offline_zip, epoch)
    sbom_text = sbom_json(root, version, name, epoch, head, overlay)
    for file, text in ((sbom, sbom_text), (NOTES, notes), (guidance_json, guidance)):
        (folder / file).write_text(text, encoding="utf-8")
    write_sums(folder, (archive, offline_zip, sbom, guidance_json, NOTES), SUMS)
    return folder
