"""What the PDFs contain: each checklist on paper, with form fields, as one self-contained
document (the same ``paper`` template as the print view), and the combined one; the handbook: the
built pages' article HTML in navigation order (so the web and print editions cannot drift
apart), with a cover, contents and appendices."""

from __future__ import annotations

import posixpath
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from markupsafe import Markup

from ..data.loading import NAV_TITLE as LOCAL_NAV_TITLE
from ..data.local_pages import LOCAL_PREFIX
from ..data.nav import NavPage, nav_pages
from ..data.paths import CHANGES_PAGE, COVERAGE_PAGE, RECORD_PAGE, page_url
from ..data.state import State
from ..render.html import CHECKLIST
from ..render.local import contacts_text
from .writer import PdfError, document, form_font_face

if TYPE_CHECKING:
    from bs4 import Tag


CONTACTS = Markup('<p class="pdf-contacts">{}</p>\n')
PDF_CHECKLIST = Markup(
    '<article class="pdf-checklist"><p class="pdf-site">{site}</p>\n<h1>{title}</h1>\n'
    '<p class="pdf-stamp">{stamp}</p>\n{contacts}{paper}</article>'
)


class PdfJob(NamedTuple):
    """One PDF to make: where it goes in the site, and the complete HTML it is made from."""

    target: str  # site-relative path, e.g. downloads/checklists/<id>.pdf
    html: str
    forms: bool = False


def checklist_jobs(state: State, site_name: str) -> list[PdfJob]:
    """Every single-checklist PDF, then the combined one (no built page is needed)."""
    face = form_font_face()

    def job(target: str, title: str, body: Markup) -> PdfJob:
        html = document(title, body, "checklist-pdf.css", font_face=face)
        return PdfJob(target, html, forms=True)

    contacts = CONTACTS.format(contacts_text(state.overlay)) if state.overlay else ""
    articles, jobs = [], []
    for cid, checklist in state.checklists.items():
        changed = state.checklist_changed(cid)  # beside the edition stamp
        paper = CHECKLIST.paper(
            checklist, state.cite_text(checklist.cite), state.checklist_stamp(cid), fillable=True
        )
        article = PDF_CHECKLIST.format(
            site=site_name,
            title=checklist.title,
            stamp=f"{state.edition.line} · {changed}" if changed else state.edition.line,
            contacts=contacts,
            paper=paper,
        )
        articles.append(article)
        jobs.append(job(state.downloads.checklist(cid), checklist.title, article))
    combined = Markup("\n").join(articles)
    return [*jobs, job(state.downloads.all_checklists, "TA-HSB checklists", combined)]


def book_order(pages: Sequence[NavPage], local_part: str = LOCAL_NAV_TITLE) -> list[NavPage]:
    """Navigation order; local pages follow the guidance as a part; the printable checklists,
    then the source coverage, are appendices. Not the record (on-screen) or the changes."""
    pages = [p for p in pages if p.src not in (RECORD_PAGE, CHANGES_PAGE)]
    checklists = [p for p in pages if p.src.startswith("checklists/")]
    local = [p for p in pages if p.src.startswith(LOCAL_PREFIX)]
    coverage = [p for p in pages if p.src == COVERAGE_PAGE]
    rest = [p for p in pages if p not in checklists and p not in local and p not in coverage]
    return (
        rest
        + [NavPage(p.title, p.src, local_part) for p in local]
        + [NavPage(p.title, p.src, "Appendices: checklists") for p in checklists]
        + [NavPage(p.title, p.src, "Appendix: source coverage") for p in coverage]
    )


def slug(src: str) -> str:
    return src.removesuffix(".md").replace("/", "-")


def output_file(url: str) -> str:
    return url + "index.html" if url == "" or url.endswith("/") else url


# What is for the screen only, not for paper.
REMOVE_SELECTOR = (
    ".headerlink, .md-content__button, .md-source-file, .hb-term__tip, .hb-print-actions, "
    ".hb-handbook-pdf, .hb-checklist__links, .hb-checklist__status, .hb-checklist__privacy, "
    ".hb-paper__runfoot, .hb-print-stamp, .hb-source-wording, .hb-changed, script"
)
# HTML elements of all an overlay's local pages together, checked before the PDF is laid
# out: WeasyPrint takes milliseconds for each (a paragraph, list item, table cell, link,
# <abbr> …), so one page of 128 KiB of table cells took 80 s. The handbook's own 32 pages
# have 3,631: local pages may add about as much work again, no more.
MAX_LOCAL_ELEMENTS = 4000
COVER_ORG = Markup('<p class="pdf-cover__org">{}</p>\n')
COVER = Markup(
    '<section class="pdf-cover">{org}<p class="pdf-cover__title">{title}</p>\n'
    '<p class="pdf-cover__subtitle">For assessments of males aged 12 to 18 years where there is a'
    " concern regarding their engagement in technology-assisted harmful sexual behaviour</p>\n"
    '<p class="pdf-stamp">Handbook version {version}</p>\n<p>Guidance edition: {edition}</p>\n'
    '<p>Built {built}{commit}</p>\n<p class="pdf-cover__attribution">{attribution}</p></section>'
)
TOC_PAGE = Markup('<li class="pdf-toc__page"><a href="#{}">{}</a></li>')
CONTENTS = Markup('<nav class="pdf-toc"><h1 class="pdf-toc__title">Contents</h1><ol>{}</ol></nav>')


class Book:
    """The pages (``texts``: each page's HTML by source path) as one document, links inside."""

    def __init__(self, state: State, pages: Sequence[NavPage], texts: Mapping[str, str]) -> None:
        self.state = state
        self.pages = pages
        self.texts = texts
        self.urls = {p.src: page_url(p.src, state.directory_urls) for p in pages}
        self.by_url = {output_file(u): slug(src) for src, u in self.urls.items()}

    def article(self, page: NavPage) -> Tag:
        from bs4 import BeautifulSoup  # imported late: only the handbook PDF parses pages

        soup = BeautifulSoup(self.texts[page.src], "html.parser")
        article = soup.select_one("article.md-content__inner")
        if article is None:
            raise PdfError(f"handbook PDF: docs/{page.src}: no article content in the built page")
        for node in article.select(REMOVE_SELECTOR):  # one pass over the page, not one per selector
            if not node.decomposed:  # not inside one removed already
                node.decompose()
        for end in (0, -1):  # the theme's line breaks around the content: the same book
            while article.contents and not str(article.contents[end]).strip():  # text only
                article.contents[end].extract()
        for form in article.select("section.hb-checklist"):
            cid = form.get("data-checklist")
            note = soup.new_tag("p", attrs={"class": "pdf-see-appendix"})
            title = self.state.checklists[str(cid)].title if cid in self.state.checklists else ""
            note.string = f"The checklist for this page, “{title}”, is printed in the appendices."
            form.replace_with(note)
        self.rewrite(article, page)
        # Headings one level lower in a page inside a part, to nest as the outline does; each
        # keeps its look (class pdf-hN, templates/pdf-base.css).
        for heading in article.find_all(("h1", "h2", "h3", "h4", "h5", "h6")):
            level = int(heading.name[1])
            classes = [c for c in heading.get_attribute_list("class") if c]
            heading["class"] = " ".join([*classes, f"pdf-h{level}"])
            heading.name = f"h{min(level + (1 if page.part else 0), 6)}"
        article.name = "section"
        article.attrs = {"class": "pdf-page", "id": slug(page.src)}
        return article

    def rewrite(self, article: Tag, page: NavPage) -> None:
        """Prefix ids with the page slug; point internal links at those ids."""
        prefix = slug(page.src)
        base = self.urls[page.src]
        base_dir = base if base == "" or base.endswith("/") else posixpath.dirname(base) + "/"
        for node in article.find_all(True):  # one pass over the page
            if node.has_attr("id"):
                node["id"] = f"{prefix}--{node['id']}"
            if node.has_attr("aria-describedby"):
                del node["aria-describedby"]
            href = str(node.get("href", "")) if node.name == "a" else ""
            if not href or href.startswith(("http://", "https://", "mailto:", "tel:")):
                continue
            path, _, fragment = href.partition("#")
            dest: str | None = prefix
            if path:
                target = posixpath.normpath(posixpath.join(base_dir, path))
                target = "" if target == "." else target
                dest = self.by_url.get(
                    output_file(target + "/" if path.endswith("/") and target else target)
                )
            if dest is None:
                node.unwrap()  # downloads and other files: plain text on paper
            else:
                node["href"] = f"#{dest}--{fragment}" if fragment else f"#{dest}"

    def html(self, site_name: str, attribution: str) -> str:
        toc: list[Markup] = []
        body: list[Markup] = []
        part = None
        local = 0  # elements of the local pages so far
        for page in self.pages:
            if page.part != part and page.part:
                toc.append(Markup('<li class="pdf-toc__part">{}</li>').format(page.part))
                body.append(Markup('<h1 class="pdf-part">{}</h1>').format(page.part))
            part = page.part
            toc.append(TOC_PAGE.format(slug(page.src), page.title))
            article = self.article(page)
            if page.src.startswith(LOCAL_PREFIX):
                local += len(article.find_all(True))
                if local > MAX_LOCAL_ELEMENTS:
                    raise PdfError(
                        f"{self.state.overlay_label}: local page "
                        f"'{page.src.removeprefix(LOCAL_PREFIX)}': the local pages up to this "
                        f"one have {local:,} HTML elements; the limit for all of them is "
                        f"{MAX_LOCAL_ELEMENTS:,} (the handbook PDF lays out each one)"
                    )
            # Trusted: HTML of the pages this build rendered, re-serialised by BeautifulSoup.
            body.append(Markup(str(article)))  # noqa: S704
        contents = CONTENTS.format(Markup("").join(toc))
        edition, overlay = self.state.edition, self.state.overlay
        cover = COVER.format(
            org=COVER_ORG.format(overlay.organisation) if overlay else "",
            title=site_name,
            version=edition.version,
            edition=edition.source_edition,
            built=edition.build_date.isoformat(),
            commit=f" from commit {edition.commit}" if edition.commit else "",
            attribution=attribution,
        )
        return document(site_name, Markup("\n").join([cover, contents, *body]), "handbook-pdf.css")


def article_from_content(content: str, title: str) -> str:
    """A page's article as Material's ``partials/content.html`` writes it: the page's own
    ``<h1>`` or one with its title (without what :meth:`Book.article` would remove)."""
    heading = "" if "<h1" in content else Markup("<h1>{}</h1>").format(title)
    return f'<article class="md-content__inner md-typeset">{heading}{content}</article>'


def book_pages(state: State, nav: Any) -> list[NavPage]:
    """The handbook PDF's pages, in book order, from the ``nav`` config."""
    org = state.overlay.organisation if state.overlay else "the organisation"
    part = f"{LOCAL_NAV_TITLE}: added by {org}, not part of the TA-HSB practice guidance"
    return book_order(nav_pages(nav), part)
