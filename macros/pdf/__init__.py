"""PDFs: what each contains (``book``), how it is rendered (``writer``, ``tagging``,
``templates/``), when (``workers``). A PDF-less build imports only this file."""

from __future__ import annotations

from typing import Any


def pdf_mode(settings: Any) -> str:
    """``extra.handbook.pdf``: true (wait for every PDF), false, or ``background`` (serve)."""
    value = str(settings.get("pdf", True)).strip().lower()
    if value == "background":
        return "background"
    return "off" if value in ("false", "no", "off", "0", "", "none") else "wait"
