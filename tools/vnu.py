"""Check every HTML page of a built site with the W3C Nu HTML checker (offline, Java).

The checker comes from the npm package ``vnu-jar`` (pinned in package.json,
installed with ``npm ci``). Every error fails the check, except one the theme
itself makes and the handbook cannot change without patching Material: the
``autocomplete`` attribute on its header's checkbox toggles. Those are
ignored by exact message and element, and counted in the summary.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
THEME_AUTOCOMPLETE = (
    "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, "
    "“datetime-local”, “email”, “hidden”, “month”, “number”, “password”, “range”, "
    "“search”, “tel”, “text”, “time”, “url”, or “week”."
)


def is_theme_toggle_autocomplete(message: dict[str, Any]) -> bool:
    """Material's own ``<input class="md-toggle" type="checkbox" … autocomplete="off">``."""
    extract = str(message.get("extract", ""))
    return (
        message.get("message") == THEME_AUTOCOMPLETE
        and 'class="md-toggle"' in extract
        and 'type="checkbox"' in extract
    )


def check(site: Path) -> tuple[list[dict[str, Any]], int]:
    """Run the checker over ``site``: (errors that count, theme errors ignored)."""
    java = shutil.which("java")
    if java is None:
        sys.exit("vnu: java is missing: install default-jre-headless (`make system-deps`, as root)")
    if not JAR.is_file():
        sys.exit(f"vnu: {JAR.relative_to(ROOT)} is missing: run `npm ci`")
    result = subprocess.run(
        [java, "-jar", str(JAR), "--errors-only", "--skip-non-html", "--format", "json", str(site)],
        capture_output=True,
        text=True,
        check=False,
    )
    messages: list[dict[str, Any]] = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [m for m in messages if m.get("type") in ("error", "non-document-error")]
    counted = [m for m in errors if not is_theme_toggle_autocomplete(m)]
    return counted, len(errors) - len(counted)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("site", type=Path)
    args = parser.parse_args()
    site: Path = args.site.resolve()
    pages = sum(1 for _ in site.rglob("*.html"))
    errors, ignored = check(site)
    for error in errors:
        where = str(error.get("url", "")).removeprefix("file:").removeprefix(f"{site}/")
        print(f"{where}:{error.get('lastLine', '?')}: {error.get('message')}")
    print(
        f"Nu HTML checker: {pages} pages, {len(errors)} errors "
        f"({ignored} ignored: the theme's autocomplete on its checkbox toggles)"
    )
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
