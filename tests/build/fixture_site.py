"""Small fixture handbooks built in ``tmp_path`` with the real macros and theme overrides."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import ROOT, mkdocs_build, mkdocs_config

REFERENCES: list[dict[str, Any]] = [
    {"key": "lim-2017", "authors": "Lim et al.", "year": 2017, "cited_for": "Exposure by 15."},
    {"key": "seto-2015", "authors": "Seto", "year": 2015, "cited_for": "Peer influence."},
]
GLOSSARY: list[dict[str, Any]] = [
    {
        "id": "iioc",
        "term": "Indecent images of children",
        "abbreviation": "IIOC",
        "short": "Indecent images of a child under 18.",
        "definition": "Includes pseudo-photographs.",
    },
    {
        "id": "sexting",
        "term": "Sexting",
        "aliases": ["sexted"],
        "short": "Sending sexual images.",
        "definition": "Youth-produced sexual imagery and messages.",
    },
]
CHECKLIST: dict[str, Any] = {
    "id": "demo",
    "title": "Demo prompts",
    "page": "prompts.md",
    "cite": ["seto-2015"],
    "sections": [
        {
            "id": "s",
            "title": "Questions",
            "items": [
                {"id": "a", "text": "First question?", "terms": ["sexting"]},
                {"id": "b", "text": "Second question?", "note": "A note."},
            ],
        },
    ],
}
PAGES = {
    "index.md": '# Home\n\nAbout {{ term("IIOC") }} ({{ cite("lim-2017") }}).\n',
    "prompts.md": '# Prompts\n\nPeers ({{ cite("seto-2015") }}).\n\n{{ checklist("demo") }}\n',
    "reference/glossary.md": "# Glossary\n\n{{ glossary() }}\n",
    "reference/references.md": "# References\n\n{{ references() }}\n",
    "reference/local-contacts.md": "# Local contacts\n\n{{ local_contacts() }}\n",
    "checklists/demo.md": '# Demo print\n\n{{ checklist_print("demo") }}\n',
}


class FixtureSite:
    """A minimal handbook project; edit its files, then :meth:`build`."""

    def __init__(self, root: Path) -> None:
        self.root = root
        for name in ("macros", "overrides"):
            (root / name).symlink_to(ROOT / name)
        shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
        shutil.copytree(ROOT / "docs" / "assets", root / "docs" / "assets")
        (root / "data").mkdir()
        shutil.copy(ROOT / "data" / "accessibility-results.json", root / "data")
        shutil.copy(ROOT / "data" / "third-party.yml", root / "data")
        self.config = mkdocs_config()
        self.config.update(
            site_name="Fixture handbook",
            nav=[
                {"Home": "index.md"},
                {"Prompts": "prompts.md"},
                {"Glossary": "reference/glossary.md"},
                {"References": "reference/references.md"},
                {"Local contacts": "reference/local-contacts.md"},
                {"Print": "checklists/demo.md"},
            ],
        )
        self.config["extra"]["handbook"].update(source_edition="Fixture 2017", pdf=False)
        self.write_yaml("data/references.yml", REFERENCES)
        self.write_yaml("data/glossary.yml", GLOSSARY)
        self.write_yaml("checklists/demo.yml", CHECKLIST)
        for path, text in PAGES.items():
            self.write(f"docs/{path}", text)

    def write(self, path: str, text: str) -> Path:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        return target

    def write_yaml(self, path: str, data: object) -> Path:
        return self.write(path, yaml.safe_dump(data, sort_keys=False, allow_unicode=True))

    def build(self, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        # `mkdocs serve` folders that this small project does not have (e.g. source/).
        self.config["watch"] = [w for w in self.config.get("watch", []) if (self.root / w).exists()]
        self.write_yaml("mkdocs.yml", self.config)
        return mkdocs_build(
            self.root / "mkdocs.yml",
            self.root / "site",
            {"HANDBOOK_COMMIT": "fixture", **(env or {})},
        )

    def html(self, path: str) -> str:
        return (self.root / "site" / path).read_text(encoding="utf-8")


def errors(result: subprocess.CompletedProcess[str]) -> list[str]:
    """The ERROR and WARNING lines of a build, without log prefixes."""
    out = []
    for line in result.stderr.splitlines():
        for prefix in ("ERROR", "WARNING"):
            if line.startswith(prefix):
                out.append(line.split("-", 1)[1].strip())
    return out


def copy_example_overlay(root: Path) -> None:
    """``examples/local`` into ``root/local``, keeping the organisation details only: its
    local pages, notes and items target the real handbook (tests/build/test_local_content.py)."""
    shutil.copytree(ROOT / "examples" / "local", root / "local")
    overlay = yaml.safe_load((root / "local" / "local.yml").read_text(encoding="utf-8"))
    for key in ("pages", "notes", "checklist_items", "search_aids"):
        overlay.pop(key)
    (root / "local" / "local.yml").write_text(
        yaml.safe_dump(overlay, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
