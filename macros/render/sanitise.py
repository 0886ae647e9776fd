"""Local pages as safe HTML: the rendered Markdown through an allow-list sanitiser.

An organisation's local page is rendered by Markdown like any page, then cleaned here
with nh3 (the Rust Ammonia sanitiser) before it reaches the site, the search index or the
handbook PDF. Only the elements, attributes, classes and URL schemes listed below survive;
everything else (scripts, event handlers, styles, forms, frames, images, other URL
schemes such as ``javascript:`` or ``data:``) is removed, whatever Markdown feature
produced it (raw HTML, attr_list, links). This is the one list to change.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

import nh3
from markupsafe import Markup, escape

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
#: Removed with their content, not only their tags.
DROP_WITH_CONTENT = frozenset({"script", "style", "template", "noscript", "title", "textarea"})
ATTRIBUTES: dict[str, set[str]] = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "ol": {"start"},
    "details": {"open"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    **{tag: {"id"} for tag in ("h1", "h2", "h3", "h4", "h5", "h6", "li", "sup", "dt")},
}
ADMONITIONS = {"admonition", "note", "abstract", "info", "tip", "success", "question"} | {
    "warning",
    "failure",
    "danger",
    "bug",
    "example",
    "quote",
}
# Pygments' short token classes, as Markdown's code highlighting writes them.
CODE_CLASSES = {
    *("c", "ch", "cm", "cp", "cpf", "c1", "cs", "err", "k", "kc", "kd", "kn", "kp", "kr"),
    *("kt", "m", "mb", "mf", "mh", "mi", "mo", "il", "n", "na", "nb", "bp", "nc", "no"),
    *("nd", "ni", "ne", "nf", "fm", "nl", "nn", "nt", "nv", "vc", "vg", "vi", "vm", "o"),
    *("ow", "p", "s", "sa", "sb", "sc", "dl", "sd", "s2", "se", "sh", "si", "sx", "sr"),
    *("s1", "ss", "w", "gd", "ge", "gr", "gh", "gi", "go", "gp", "gs", "gu", "gt", "x"),
}
CLASSES: dict[str, set[str]] = {
    "a": {"headerlink", "footnote-ref", "footnote-backref"},
    "div": {"footnote", "highlight", *ADMONITIONS},
    "details": set(ADMONITIONS),
    "p": {"admonition-title"},
    "span": CODE_CLASSES,
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Ids the theme and the handbook use themselves (__drawer, __search, md-…, hb-…) are not
# for local content to take.
SAFE_ID = re.compile(r"^(?!__|md-|hb-)[A-Za-z0-9][A-Za-z0-9_:.-]{0,99}$")


def _attribute(tag: str, attr: str, value: str) -> str | None:
    if attr == "id" and not SAFE_ID.match(value):
        return None
    return value


_CLEANER = nh3.Cleaner(
    tags=set(TAGS),
    clean_content_tags=set(DROP_WITH_CONTENT),
    attributes=ATTRIBUTES,
    allowed_classes=CLASSES,
    url_schemes=set(URL_SCHEMES),
    attribute_filter=_attribute,
    strip_comments=True,
    link_rel=None,
)


def sanitise(html: str) -> str:
    """``html`` with only the allowed elements, attributes, classes and URL schemes."""
    return str(_CLEANER.clean(html))


TAG = re.compile(r"(<[^>]*>)")
OPENING = re.compile(r"<(/?)([a-zA-Z0-9]+)")
PLAIN_INSIDE = frozenset({"a", "code", "pre", "abbr"})


def fill_placeholders(
    html: str,
    placeholder: re.Pattern[str],
    link: Callable[[int], Markup],
    plain: Mapping[int, str],
    source: Mapping[int, str],
) -> str:
    """Put each placeholder's glossary link in sanitised ``html``.

    Inside a link, an abbreviation or an attribute value the placeholder becomes its
    plain text; inside code, the call as it was written. The sanitiser's output has no
    raw ``>`` inside a tag, so splitting on tags is exact.
    """
    depth: dict[str, int] = {}
    out: list[str] = []
    for part in TAG.split(html):
        if part.startswith("<"):
            match = OPENING.match(part)
            if match is not None and match.group(2).lower() in PLAIN_INSIDE:
                name = match.group(2).lower()
                depth[name] = depth.get(name, 0) + (-1 if match.group(1) else 1)
            out.append(placeholder.sub(lambda m: str(escape(plain[int(m.group(1))])), part))
            continue
        if depth.get("code", 0) > 0 or depth.get("pre", 0) > 0:
            out.append(placeholder.sub(lambda m: str(escape(source[int(m.group(1))])), part))
        elif any(depth.get(t, 0) > 0 for t in PLAIN_INSIDE):
            out.append(placeholder.sub(lambda m: str(escape(plain[int(m.group(1))])), part))
        else:
            out.append(placeholder.sub(lambda m: str(link(int(m.group(1)))), part))
    return "".join(out)
