"""Local pages as safe HTML: the rendered Markdown through an allow-list sanitiser (nh3, the
Rust Ammonia sanitiser), before it reaches the site, the search index or the handbook PDF.

Only the elements, attributes, classes and URL schemes listed below survive, whatever
Markdown feature produced the rest (raw HTML, attr_list, links): this is the one list to
change. The table of contents is read from the sanitised headings (:func:`headings`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping
from html import unescape
from typing import Any

import nh3
from markupsafe import Markup, escape
from pygments.token import STANDARD_TYPES  # type: ignore[import-untyped]

#: What Markdown (with the handbook's extensions) writes for ordinary text.
TAGS = frozenset(
    {
        *("p", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "br", "blockquote"),
        *("ul", "ol", "li", "dl", "dt", "dd"),
        *("a", "em", "strong", "code", "pre", "abbr", "sup", "sub", "del", "ins", "mark"),
        *("kbd", "small", "span", "div", "details", "summary"),
        *("table", "thead", "tbody", "tr", "th", "td", "caption"),
    }
)
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
#: Removed with their content, not only their tags.
DROP_WITH_CONTENT = {"script", "style", "template", "noscript", "title", "textarea"}
ATTRIBUTES: dict[str, set[str]] = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "ol": {"start"},
    "details": {"open"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    **{tag: {"id"} for tag in (*HEADINGS, "li", "sup", "dt")},
}
ADMONITIONS = {
    *("admonition", "note", "abstract", "info", "tip", "success", "question", "warning"),
    *("failure", "danger", "bug", "example", "quote"),
}
CLASSES: dict[str, set[str]] = {
    "a": {"headerlink", "footnote-ref", "footnote-backref"},
    "div": {"footnote", "highlight", *ADMONITIONS},
    "details": set(ADMONITIONS),
    "p": {"admonition-title"},
    "span": set(STANDARD_TYPES.values()) - {""},  # Pygments' classes, as code highlighting writes
}


def local_id(value: str) -> str | None:
    """``value`` as an id for local content, None if nothing is left. Ids the theme and the
    handbook use themselves (__drawer, __search, md-…, hb-…) are not for local content to
    take: every id (and every link to one on the same page) becomes [a-z0-9-], and one that
    would start with md- or hb- gets "local-" in front."""
    slug = re.sub(r"[^a-z0-9]+", "-", value.lower())[:100].strip("-")
    if not slug:
        return None
    return f"local-{slug}" if slug.startswith(("md-", "hb-")) else slug


def sanitise(
    html: str, placeholder: re.Pattern[str] | None = None, plain: Mapping[int, str] | None = None
) -> str:
    """``html`` with only the allowed elements, attributes, classes and URL schemes. A
    ``placeholder`` (a term() call) in an attribute is replaced by its ``plain`` text before
    the attribute is checked; one in text is left for :func:`fill_placeholders`."""

    def keep(tag: str, attr: str, value: str) -> str | None:
        if placeholder is not None and placeholder.search(value):
            # A term() call's text is only ever text: in a title, never a link, an id or a
            # number (filled in here, so the checks below see it).
            if attr != "title":
                return None
            value = placeholder.sub(lambda m: (plain or {})[int(m.group(1))], value)
        if attr == "id":
            return local_id(value)
        if attr == "href" and value.startswith("#"):
            return f"#{fragment}" if (fragment := local_id(value[1:])) else None
        return value

    cleaner = nh3.Cleaner(
        tags=set(TAGS),
        clean_content_tags=DROP_WITH_CONTENT,
        attributes=ATTRIBUTES,
        allowed_classes=CLASSES,
        url_schemes={"http", "https", "mailto", "tel"},
        attribute_filter=keep,
        strip_comments=True,
        link_rel=None,
    )
    return str(cleaner.clean(html))


TAG = re.compile(r"(<[^>]*>)")
OPENING = re.compile(r"<(/?)([a-zA-Z0-9]+)")
PLAIN_INSIDE = frozenset({"a", "code", "pre", "abbr", *HEADINGS})


def fill_placeholders(
    html: str,
    placeholder: re.Pattern[str],
    link: Callable[[int], Markup],
    plain: Mapping[int, str],
    source: Mapping[int, str],
) -> tuple[str, list[int]]:
    """Each placeholder's glossary link in sanitised ``html`` (inside a link, an abbreviation
    or a heading its plain text; inside code, the call as written), and the placeholders found
    in a heading, which a page may not have. Splitting on tags is exact: the sanitiser's output
    has no raw ``>`` inside a tag, nor a placeholder (:func:`sanitise` filled in or removed
    every one)."""
    depth: Counter[str] = Counter()
    out: list[str] = []
    in_headings: list[int] = []
    for part in TAG.split(html):
        if part.startswith("<"):
            if (match := OPENING.match(part)) and (name := match.group(2).lower()) in PLAIN_INSIDE:
                depth[name] += -1 if match.group(1) else 1
            out.append(part)
            continue
        if any(depth[h] > 0 for h in HEADINGS):
            in_headings += [int(m.group(1)) for m in placeholder.finditer(part)]
        if depth["code"] > 0 or depth["pre"] > 0:
            out.append(placeholder.sub(lambda m: str(escape(source[int(m.group(1))])), part))
        elif any(depth[t] > 0 for t in PLAIN_INSIDE):
            out.append(placeholder.sub(lambda m: str(escape(plain[int(m.group(1))])), part))
        else:
            out.append(placeholder.sub(lambda m: str(link(int(m.group(1)))), part))
    return "".join(out), in_headings


# Exact on the sanitiser's output: no ">" inside a tag, a heading's only attribute its id.
HEADING = re.compile(r'<h([1-6]) id="([^"]+)">(.*?)</h\1>', re.DOTALL)
PERMALINK = re.compile(r'<a [^>]*class="[^"]*\bheaderlink\b[^>]*>.*?</a>', re.DOTALL)


def headings(html: str) -> list[dict[str, Any]]:
    """The headings with an id in sanitised ``html``, as MkDocs' table-of-contents tokens; a
    title is its text less the permalink, escaped (the theme prints it as it is)."""
    found = []
    for match in HEADING.finditer(html):
        text = " ".join(unescape(TAG.sub("", PERMALINK.sub("", match.group(3)))).split())
        found.append({"level": int(match.group(1)), "id": match.group(2), "name": escape(text)})
    return found
