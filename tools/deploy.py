"""`make deploy-configs`: the server configurations in deploy/ written from
macros/hooks/security.py (tests/unit/hooks/test_servers.py fails while one differs)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from macros.hooks.security import DEPLOY_FILES
from tools.mkdocs_config import ROOT


def stale(root: Path = ROOT) -> list[str]:
    """The deploy/ files that differ from what macros/hooks/security.py writes."""
    return [
        name
        for name, write in DEPLOY_FILES.items()
        if not (root / name).is_file() or (root / name).read_text(encoding="utf-8") != write()
    ]


def main() -> int:
    argparse.ArgumentParser(description=__doc__).parse_args()
    differ = stale()
    for name in differ:
        (ROOT / name).parent.mkdir(parents=True, exist_ok=True)
        (ROOT / name).write_text(DEPLOY_FILES[name](), encoding="utf-8")
        print(f"deploy: wrote {name}")
    if not differ:
        print("deploy: every configuration is up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
