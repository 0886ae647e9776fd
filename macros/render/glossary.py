"""Glossary term links (with tooltips) and the generated Glossary page."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from itertools import groupby

from markupsafe import Markup

from ..data.models import GlossaryEntry
from .citations import PageLink, page_links
from .html import el, lines


def tooltip_text(entry: GlossaryEntry) -> str:
    return f"{entry.heading}: {entry.short}"


def term_html(entry: GlossaryEntry, text: str, href: str, tip_id: str) -> Markup:
    """A term linked to its glossary entry, described by a hover/focus tooltip.

    The tooltip is ``hidden`` (so it is not read twice in the text flow) and tied to
    the link with ``aria-describedby``; CSS shows it on hover and keyboard focus.
    An abbreviation is wrapped in ``<abbr>`` with its expansion.
    """
    is_abbr = entry.abbreviation is not None and text.casefold() == entry.abbreviation.casefold()
    label: Markup | str = el("abbr", text, title=entry.term) if is_abbr else text
    return el(
        "span",
        el("a", label, href=href, class_="hb-term__link", aria_describedby=tip_id),
        el(
            "span",
            tooltip_text(entry),
            id=tip_id,
            role="tooltip",
            class_="hb-term__tip",
            hidden=True,
            data_search_exclude=True,  # search should find the glossary entry, not every tooltip
        ),
        class_="hb-term",
    )


def letter(entry: GlossaryEntry) -> str:
    first = entry.term[:1].upper()
    return first if first.isalpha() else "#"


def sort_key(entry: GlossaryEntry) -> str:
    return entry.term.casefold()


def entry_html(
    entry: GlossaryEntry,
    names: Mapping[str, str],
    used_on: Sequence[PageLink],
    cite: Callable[[Sequence[str]], Markup],
) -> Markup:
    aliases = [a for a in entry.aliases if a.casefold() != entry.term.casefold()]
    return el(
        "div",
        lines(
            el("h3", entry.heading, id=entry.id, class_="hb-gloss__term"),
            el("p", "Also: ", ", ".join(aliases), class_="hb-gloss__aliases") if aliases else None,
            el("p", entry.definition, class_="hb-gloss__definition"),
            el("p", el("span", "Source: ", class_="hb-gloss__label"), cite(entry.cite))
            if entry.cite
            else None,
            el(
                "p",
                el("span", "Related: ", class_="hb-gloss__label"),
                Markup(", ").join(el("a", names[r], href=f"#{r}") for r in entry.related),
            )
            if entry.related
            else None,
            el("p", el("span", "Used on: ", class_="hb-gloss__label"), page_links(used_on))
            if used_on
            else None,
        ),
        class_="hb-gloss",
    )


def glossary_html(
    entries: Sequence[GlossaryEntry],
    used_on: Mapping[str, Sequence[PageLink]],
    cite: Callable[[Sequence[str]], Markup],
) -> Markup:
    """The whole glossary: a letter index, then entries grouped by initial letter."""
    ordered = sorted(entries, key=sort_key)
    names = {e.id: e.heading for e in entries}
    groups = [(k, list(g)) for k, g in groupby(ordered, key=letter)]
    index = el(
        "nav",
        el("ul", [el("li", el("a", k, href=f"#letter-{k.lower()}")) for k, _ in groups]),
        class_="hb-gloss-index",
        aria_label="Glossary letters",
    )
    sections = [
        lines(
            el("h2", k, id=f"letter-{k.lower()}", class_="hb-gloss__letter"),
            *(entry_html(e, names, used_on.get(e.id, ()), cite) for e in group),
        )
        for k, group in groups
    ]
    return el("div", lines(index, *sections), class_="hb-glossary")
