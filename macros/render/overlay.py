"""Local content from an overlay, as escaped HTML: the local-page notice, practice notes,
review dates. Everything here is the organisation's plain text."""

from __future__ import annotations

import datetime as dt

from markupsafe import Markup

from ..data.local_models import Review
from .html import el, lines


def long_date(day: dt.date) -> str:
    """``28 November 2026``."""
    return f"{day.day} {day:%B %Y}"


def notice_html(organisation: str) -> Markup:
    """The notice on every local page, on screen and on paper."""
    return el(
        "div",
        el(
            "p",
            el("strong", "Local resource"),
            f" — added by {organisation}, not part of the TA-HSB practice guidance.",
        ),
        class_="hb-local-notice",
        role="note",
    )


def note_html(organisation: str, text: str) -> Markup:
    """A local practice note: a labelled box, distinct from the guidance's admonitions."""
    title = f"Local practice note ({organisation})"
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    return el(
        "aside",
        lines(
            el("p", title, class_="hb-practice-note__title"),
            *(el("p", p) for p in paragraphs),
        ),
        class_="hb-practice-note",
        aria_label=title,
    )


def review_html(organisation: str, review: Review | None) -> Markup:
    """Who reviews this copy and when; nothing when the overlay gives no review dates."""
    if review is None:
        return Markup("")
    return el(
        "div",
        lines(
            el("p", f"Local review of this copy by {organisation}", class_="hb-review__title"),
            el(
                "dl",
                lines(
                    el("dt", "Responsible"),
                    el("dd", review.responsible_role),
                    el("dt", "Last reviewed"),
                    el(
                        "dd",
                        el("time", long_date(review.last_review), datetime=str(review.last_review)),
                    ),
                    el("dt", "Next planned review"),
                    el(
                        "dd",
                        el("time", long_date(review.next_review), datetime=str(review.next_review)),
                    ),
                ),
            ),
        ),
        class_="hb-review",
    )
