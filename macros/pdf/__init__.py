"""PDFs made while the site builds: what each contains (``documents``, ``book``), how it is
rendered (``writer``, ``tagging``, ``templates/``), and when (``workers``).

Only this file is imported by a build without PDFs; the modules load when PDFs are on.
"""

from __future__ import annotations

from typing import Any


def pdf_mode(settings: Any) -> str:
    """``extra.handbook.pdf``: true (wait for every PDF), false, or ``background`` (serve)."""
    value = settings.get("pdf", True)
    if isinstance(value, str):
        value = value.strip().lower()
        if value == "background":
            return "background"
        return "off" if value in ("false", "no", "off", "0", "") else "wait"
    return "wait" if value else "off"
