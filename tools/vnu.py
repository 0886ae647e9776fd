"""Check every HTML page of a built site with the W3C Nu HTML checker (offline, Java).

The checker comes from the npm package ``vnu-jar`` (pinned in package.json,
installed with ``npm ci``). Every error fails the check, except three the theme
itself makes and the handbook cannot change without copying Material's partials:
``autocomplete`` on its header's checkbox toggles, ``tabindex=""`` on the section
labels of its navigation (navigation.tabs with navigation.sections), and a table of
contents label for a ``__toc`` toggle a section's index page does not have. Those are
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
#: Material 9.8.2's own errors: the exact message, and what the element's extract holds.
THEME_ERRORS = (
    (
        "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, "
        "“datetime-local”, “email”, “hidden”, “month”, “number”, “password”, “range”, "
        "“search”, “tel”, “text”, “time”, “url”, or “week”.",
        'class="md-toggle"',
    ),
    (
        "Bad value “” for attribute “tabindex” on element “label”: "
        "The empty string is not a valid integer.",
        '<label class="md-nav__link',
    ),
    (
        "The value of the “for” attribute of the “label” element must be the ID of a "
        "non-hidden form control.",
        'for="__toc"',
    ),
)


def is_theme_error(message: dict[str, Any]) -> bool:
    """One of Material's own errors (:data:`THEME_ERRORS`), on the theme's element."""
    extract = str(message.get("extract", ""))
    return any(message.get("message") == text and mark in extract for text, mark in THEME_ERRORS)


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
    counted = [m for m in errors if not is_theme_error(m)]
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
        f"({ignored} ignored: the theme's own, see tools/vnu.py)"
    )
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
