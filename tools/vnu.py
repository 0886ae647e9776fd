"""Check every HTML page of a built site with the W3C Nu HTML checker (offline, Java).

The checker comes from the npm package ``vnu-jar`` (pinned in package.json, installed with
``npm ci``). Every error fails the check (vnu's exit status) except the messages in
tools/vnu-filter.txt (vnu's ``--filterfile``: one regular expression per line, matched
against the whole message), which the theme itself makes and the handbook cannot change
without copying Material's partials: ``autocomplete`` on its header's checkbox toggles,
``tabindex=""`` on its navigation's section labels (navigation.tabs with navigation.sections),
and a table-of-contents label for a ``__toc`` toggle a section's index page does not have.

    python tools/vnu.py site
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
FILTER = ROOT / "tools" / "vnu-filter.txt"


def check(site: Path) -> subprocess.CompletedProcess[str]:
    """Run the checker over ``site``: its exit status and its messages (on stderr)."""
    java = shutil.which("java")
    if java is None:
        sys.exit("vnu: java is missing: install default-jre-headless (`make system-deps`, as root)")
    if not JAR.is_file():
        sys.exit(f"vnu: {JAR.relative_to(ROOT)} is missing: run `npm ci`")
    options = ["--errors-only", "--skip-non-html", "--filterfile", str(FILTER)]
    return subprocess.run(
        [java, "-jar", str(JAR), *options, str(site)],
        capture_output=True,
        text=True,
        check=False,
    )


if __name__ == "__main__":
    result = check(Path(sys.argv[1]))
    print(result.stderr.strip() or f"Nu HTML checker: {sys.argv[1]}: no errors")
    sys.exit(result.returncode)
