"""Glossary term links (with tooltips) and the generated Glossary page."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
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


AIDS_NOTE = "the handbook's search aids, not the slides' words"


@dataclass(frozen=True)
class EntryLinks:
    """What an entry links to besides its definition: the page that explains the term, the
    pages that use it, and its spellings search finds it by (data/search-aids.yml; the
    other aids are in the index only)."""

    explained: PageLink | None = None
    used_on: Sequence[PageLink] = ()
    aids: Sequence[str] = ()


def _labelled(label: str, *content: Markup | str, class_: str | None = None) -> Markup:
    """A line of links or words under an entry, after its label; kept out of the index."""
    return el(
        "p",
        el("span", label, class_="hb-gloss__label"),
        *content,
        class_=class_,
        data_search_exclude=True,
    )


def entry_html(
    entry: GlossaryEntry,
    names: Mapping[str, str],
    links: EntryLinks,
    cite: Callable[[Sequence[str]], Markup],
) -> Markup:
    """One entry. Its lists of links and search aids are left out of the search index
    (``data-search-exclude``): search finds the entry by its name and definition, and the
    aids are indexed on their own (macros/hooks/search.py)."""
    aliases = [a for a in entry.aliases if a.casefold() != entry.term.casefold()]
    return el(
        "div",
        lines(
            el("h3", entry.heading, id=entry.id, class_="hb-gloss__term"),
            el("p", "Also: ", ", ".join(aliases), class_="hb-gloss__aliases") if aliases else None,
            el("p", entry.definition, class_="hb-gloss__definition"),
            _labelled(
                "Explained on: ",
                el("a", links.explained.title, href=links.explained.href),
                class_="hb-gloss__explained",
            )
            if links.explained
            else None,
            _labelled("Source: ", cite(entry.cite)) if entry.cite else None,
            _labelled(
                "Related: ",
                Markup(", ").join(el("a", names[r], href=f"#{r}") for r in entry.related),
            )
            if entry.related
            else None,
            _labelled("Used on: ", page_links(links.used_on)) if links.used_on else None,
            _labelled(
                "Also searched as ",
                el("span", f"({AIDS_NOTE}): ", class_="hb-gloss__note"),
                ", ".join(links.aids),
                class_="hb-gloss__aids",
            )
            if links.aids
            else None,
        ),
        class_="hb-gloss",
    )


def glossary_html(
    entries: Sequence[GlossaryEntry],
    links: Mapping[str, EntryLinks],
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
            *(entry_html(e, names, links.get(e.id, EntryLinks()), cite) for e in group),
        )
        for k, group in groups
    ]
    return el("div", lines(index, *sections), class_="hb-glossary")
