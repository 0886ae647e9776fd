"""`make linkcheck`: every internal link and anchor of a built site, with linkchecker, served on
a loopback port (its anchor check cannot follow ``page/#anchor`` on ``file://``). External
links are listed, never fetched (CI has no internet)."""

from __future__ import annotations

import argparse
import html
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from tools.servers import serving

EXTERNAL = re.compile(r"""<a\s(?:[^>]*\s)?href=["'](https?://[^"']+)["']""")
CONFIG = """\
[checking]
threads=4
maxrequestspersecond=100
[filtering]
ignore=
  ^https?://(?!127\\.0\\.0\\.1:{port}/)
  ^mailto:
  ^tel:
checkextern=0
[output]
status=0
[AnchorCheck]
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("site", type=Path)
    parser.add_argument("--report", type=Path, default=Path("test-artifacts/external-links.txt"))
    args = parser.parse_args()
    with serving(args.site) as url:
        with tempfile.NamedTemporaryFile("w", suffix=".ini", delete=False) as cfg:
            cfg.write(CONFIG.format(port=urlsplit(url).port))
        linkchecker = Path(sys.executable).with_name("linkchecker")
        result = subprocess.run([str(linkchecker), "-f", cfg.name, url], check=False)
    pages = (page.read_text(encoding="utf-8") for page in args.site.rglob("*.html"))
    links = sorted({html.unescape(href) for text in pages for href in EXTERNAL.findall(text)})
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text("".join(f"{link}\n" for link in links), encoding="utf-8")
    print(f"linkcheck: external links listed, not fetched: {len(links)} (see {args.report})")
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
