"""Reading a ``_headers`` file as static hosts do (Netlify, Cloudflare Pages): every rule
whose address pattern matches applies, and ``*`` matches anything."""

from __future__ import annotations

import re


def rules(text: str) -> list[tuple[str, dict[str, str]]]:
    """A _headers file as (address pattern, headers) rules, in order."""
    out: list[tuple[str, dict[str, str]]] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("/"):
            out.append((line, {}))
        else:
            name, _, value = line.strip().partition(": ")
            out[-1][1][name] = value
    return out


def matching(text: str, address: str) -> list[dict[str, str]]:
    """Every rule whose pattern matches ``address``, as hosts read it (``*`` matches anything)."""
    return [
        headers
        for pattern, headers in rules(text)
        if re.fullmatch(".*".join(re.escape(part) for part in pattern.split("*")), address)
    ]


def addresses(files: list[str]) -> dict[str, str]:
    """Every address of ``files`` (a folder's index.html also answers at the folder) → file."""
    out = {"/" + f: f for f in files}
    out |= {"/" + f.removesuffix("index.html"): f for f in files if f.endswith("index.html")}
    return out
