"""Text and metadata of marked-up inputs: Markdown (front matter, headings, links) and HTML pages (meta tags, the
article's paragraphs without navigation and boilerplate). `coders.ingest` turns them into Documents.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from selectolax.lexbor import LexborHTMLParser, LexborNode

from coders import dates

HTML_START = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL)
_WHITESPACE = re.compile(r"\s+")
_HTML_DROP = frozenset(
    {"script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "iframe", "svg", "button",
     "select", "head", "title", "meta", "link"}
)  # fmt: skip
_HTML_BLOCKS = frozenset(
    {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote",
     "pre", "table", "tr", "dl", "dt", "dd", "figure", "figcaption", "address", "hr", "body", "center"}
)  # fmt: skip
_HTML_CELLS = frozenset({"td", "th"})
_META_DATE_KEYS = (
    "article:published_time", "og:article:published_time", "datepublished", "date", "pubdate", "publishdate",
    "publish-date", "publish_date", "dc.date", "dc.date.issued", "dcterms.date", "dcterms.created",
    "parsely-pub-date", "sailthru.date",
)  # fmt: skip
_META_AUTHOR_KEYS = ("author", "article:author", "byl", "dc.creator", "parsely-author")

_MD_FENCE = re.compile(r"^[ \t]*(?:```|~~~).*$", re.MULTILINE)
_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$", re.MULTILINE)
_MD_RULE = re.compile(r"^[ \t]{0,3}(?:[-*_=][ \t]*){3,}$", re.MULTILINE)
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1|(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])|`([^`\n]+)`")


class Meta(NamedTuple):
    """Metadata an input gives about itself, before header lines are read."""

    input_id: str | None = None
    title: str | None = None
    date: dt.date | None = None
    source: str | None = None
    url: str | None = None
    byline: str | None = None


# ---------------------------------------------------------------- Markdown


def front_matter(text: str) -> tuple[dict[str, str], str]:
    """The "key: value" lines between --- lines at the top of a Markdown file, and the text after them."""
    lines = text.lstrip("\ufeff").splitlines()
    if not lines or lines[0].strip() != "---":
        return {}, text
    end = next((n for n, line in enumerate(lines[1:], start=1) if line.strip() in ("---", "...")), None)
    if end is None:
        return {}, text
    fields = {}
    for line in lines[1:end]:
        key, sep, value = line.partition(":")
        if sep and key.strip() and not key.startswith((" ", "\t", "-")):
            fields[key.strip().lower()] = value.strip().strip("'\"")
    return fields, "\n".join(lines[end + 1 :])


def markdown_text(text: str) -> str:
    """Plain text of Markdown: headings become paragraphs; links, images, emphasis and code marks go."""
    text = _MD_FENCE.sub("", text)
    text = _MD_HEADING.sub(lambda m: f"\n{m.group(1)}\n", text)
    text = _MD_RULE.sub("", text)
    text = _MD_IMAGE.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    return _MD_EMPHASIS.sub(lambda m: m.group(2) or m.group(3) or m.group(4), text)


# ---------------------------------------------------------------- HTML


class Page(NamedTuple):
    text: str
    meta: Meta


def html_page(html: str) -> Page:
    """Text and metadata of an HTML page: title, meta date/author/site/url, and the article's paragraphs."""
    tree = LexborHTMLParser(html)
    metas: dict[str, str] = {}
    for node in tree.css("meta"):
        key = node.attributes.get("property") or node.attributes.get("name") or node.attributes.get("itemprop")
        content = node.attributes.get("content")
        if key and content and content.strip():
            metas.setdefault(key.strip().lower(), content.strip())
    date = next((d for key in _META_DATE_KEYS if key in metas and (d := dates.parse_date_value(metas[key]))), None)
    site = metas.get("og:site_name")
    title_node = tree.css_first("title")
    title = _strip_site(title_node.text(strip=True) if title_node else metas.get("og:title"), site)
    canonical = tree.css_first("link[rel=canonical]")
    url = metas.get("og:url") or (canonical.attributes.get("href") if canonical else None)
    author = next((metas[key] for key in _META_AUTHOR_KEYS if key in metas and not metas[key].startswith("http")), None)
    meta = Meta(title=title or None, date=date, source=site, url=url, byline=author)
    return Page(_html_text(_main_node(tree)), meta)


def _strip_site(title: str | None, site: str | None) -> str | None:
    """A page title without the site name it often carries ("Headline | Site")."""
    if not title or not site:
        return title
    for sep in (" | ", " - ", " – ", " — ", " :: ", " · "):
        head, found, tail = title.rpartition(sep)
        if found and tail.strip().lower() == site.lower():
            return head.strip()
        tail, found, head = title.partition(sep)
        if found and tail.strip().lower() == site.lower():
            return head.strip()
    return title


def _main_node(tree: LexborHTMLParser) -> LexborNode:
    """The element holding the article: the <article> with most text, else <main>, else <body>."""
    articles = tree.css("article")
    if articles:
        return max(articles, key=lambda node: len(node.text(strip=True)))
    return tree.css_first("main") or tree.body or tree.root  # type: ignore[return-value]


def _html_text(root: LexborNode) -> str:
    """Visible text under root: block elements become paragraphs, <br> a line break, boilerplate dropped."""
    parts: list[str] = []
    stack: list[tuple[LexborNode, bool]] = [(root, False)]
    while stack:
        node, closing = stack.pop()
        if closing:
            parts.append("\n\n")
            continue
        if node.is_text_node:
            parts.append(_WHITESPACE.sub(" ", node.text_content or ""))
            continue
        if not node.is_element_node or node.tag in _HTML_DROP:
            continue
        if node.tag == "br":
            parts.append("\n")
            continue
        if node.tag in _HTML_BLOCKS:
            parts.append("\n\n")
            stack.append((node, True))
        elif node.tag in _HTML_CELLS:
            parts.append(" ")
        stack.extend((child, False) for child in reversed(list(node.iter(include_text=True))))
    text = re.sub(r" *\n *", "\n", "".join(parts))
    return re.sub(r"\n{3,}", "\n\n", text).strip()
