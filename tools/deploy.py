"""`make deploy-configs`: the server configurations in deploy/ written from
macros/hooks/security.py; ``--check`` only names the files that differ."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from macros.hooks.security import DEPLOY_FILES

ROOT = Path(__file__).resolve().parent.parent


def stale(root: Path = ROOT) -> list[str]:
    """The deploy/ files that differ from what macros/hooks/security.py writes."""
    out = []
    for name, write in DEPLOY_FILES.items():
        path = root / name
        if not path.is_file() or path.read_text(encoding="utf-8") != write():
            out.append(name)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="only report files that differ")
    args = parser.parse_args()
    differ = stale()
    if args.check:
        for name in differ:
            print(f"{name}: differs from macros/hooks/security.py; run `make deploy-configs`")
        return 1 if differ else 0
    for name in differ:
        path = ROOT / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(DEPLOY_FILES[name](), encoding="utf-8")
        print(f"deploy: wrote {name}")
    if not differ:
        print("deploy: every configuration is up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
