"""The offline copy of a served handbook: its service worker, manifest and edition id.

After everything else is written (``site_hooks.on_post_build``), the site root gets:

- ``edition.json``: this build's edition (version, build date, commit). A page compares
  its own edition with it to say that a newer one has been deployed.
- ``manifest.webmanifest``: the name and icons for "Install" (macros/hooks/manifest.py).
- ``sw.js``: the site's own service worker, from ``worker/sw.js`` with this edition's
  list of files: every page, asset, the search index and the PDFs, each with the start
  of its SHA-256. It keeps them in one cache for this edition, refuses a file that is
  not this edition's (a copy half deployed, an old file from a cache on the way), serves
  from that cache only, and deletes the caches of other editions.

With the overlay's ``offline_app: false``, and in ``make serve``, ``sw.js`` is
``worker/off.js`` instead: a worker that deletes the handbook's caches and unregisters
itself, for readers whose browser installed one from an earlier build; the pages also
unregister it. The offline zip (opened from ``file://``, where service workers do not
run) gets none of the three files.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..data.edition import Edition
from ..data.local_models import LocalOverlay
from .security import REVALIDATED

ON, OFF, NONE = "on", "off", "none"
WORKER_DIR = Path(__file__).with_name("worker")
ROOT_FILES = REVALIDATED  # sw.js, manifest.webmanifest, edition.json: checked on every load
DIGEST_LENGTH = 16  # hex digits of SHA-256 the worker checks each file against
#: Files no page of a served copy asks for: compressed copies (the server's business),
#: source maps, the crawlers' sitemap, the offline zip's file:// search shim, the
#: server's own error page (nginx serves 404.html only as the answer to a missing
#: address) and the worker itself. Lunr's language packs: for a search in English only.
NEVER = re.compile(
    r"(^|/)\.|\.(gz|br|map)$|^(sitemap\.xml|404\.html|sw\.js)$"
    r"|^assets/javascripts/iframe-worker\.js$"
)
LUNR = re.compile(r"^assets/javascripts/lunr/")
MARKER = "/* EDITION */ null"


def app_mode(command: str, offline_build: bool, overlay: LocalOverlay | None) -> str:
    """``none`` for the offline zip, ``off`` for ``serve`` or ``offline_app: false``, else ``on``."""
    if offline_build:
        return NONE
    if command == "serve" or (overlay is not None and not overlay.offline_app):
        return OFF
    return ON


@dataclass(frozen=True)
class Cached:
    path: str  # relative to the site root, "/"-separated
    size: int
    digest: str


def cached_files(site_dir: Path, english_only: bool = True) -> list[Cached]:
    """What the worker keeps for offline reading, in a stable order."""
    found = []
    for file in sorted(site_dir.rglob("*")):
        path = file.relative_to(site_dir).as_posix()
        if not file.is_file() or NEVER.search(path) or (english_only and LUNR.search(path)):
            continue
        data = file.read_bytes()
        found.append(Cached(path, len(data), hashlib.sha256(data).hexdigest()[:DIGEST_LENGTH]))
    return found


def edition_data(edition: Edition, app: str) -> dict[str, Any]:
    return {
        "id": edition.id,
        "version": edition.version,
        "built": edition.build_date.isoformat(),
        "commit": edition.commit,
        "guidance": edition.source_edition,
        "offline": app == ON,
    }


def worker_source(edition: dict[str, Any], files: Sequence[Cached]) -> str:
    """``worker/sw.js`` with this edition and its files in place of its marker."""
    listing = [[f.path, f.digest] for f in files]
    content = hashlib.sha256(json.dumps(listing).encode()).hexdigest()[:DIGEST_LENGTH]
    data = {"edition": edition, "cache": f"{edition['id']} {content}", "files": listing}
    template = (WORKER_DIR / "sw.js").read_text(encoding="utf-8")
    # JSON is a JavaScript expression; ensure_ascii keeps U+2028 and U+2029 out of it.
    return template.replace(MARKER, json.dumps(data, ensure_ascii=True, sort_keys=True), 1)


@dataclass(frozen=True)
class Written:
    app: str
    files: int = 0
    bytes: int = 0


def write_root_files(
    site_dir: Path,
    edition: Edition,
    app: str,
    manifest: dict[str, Any],
    icon_files: dict[str, bytes],
    english_only: bool = True,
) -> Written:
    """Write the icons made at build time, then edition.json, the manifest and sw.js."""
    if app == NONE:
        return Written(app)
    for path, icon in icon_files.items():
        (site_dir / path).parent.mkdir(parents=True, exist_ok=True)
        (site_dir / path).write_bytes(icon)
    data = edition_data(edition, app)
    (site_dir / "edition.json").write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    text = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
    (site_dir / "manifest.webmanifest").write_text(text, encoding="utf-8")
    if app == OFF:
        source = (WORKER_DIR / "off.js").read_text(encoding="utf-8")
        (site_dir / "sw.js").write_text(source, encoding="utf-8")
        return Written(app)
    files = cached_files(site_dir, english_only)
    (site_dir / "sw.js").write_text(worker_source(data, files), encoding="utf-8")
    return Written(app, len(files), sum(f.size for f in files))
