"""An article page's main text and metadata, extracted with trafilatura: no navigation, sidebars or footers."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import urlsplit

import trafilatura
from selectolax.lexbor import LexborHTMLParser

from coders import dates
from dyadflow.web.urls import canonical_url, is_web_url

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL)
_SIGNATURES = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an office document)"),
)
_LINE_BREAKS = re.compile(r"\n+")


class PageKind(StrEnum):
    """What a fetched body is, as far as the web input cares."""

    HTML = "html"
    OTHER = "other"


@dataclass(frozen=True)
class ExtractedPage:
    """An article's text (paragraphs separated by blank lines) and what its page says about it."""

    text: str
    title: str | None = None
    author: str | None = None
    date: dt.date | None = None
    site: str | None = None
    canonical: str | None = None


def binary_kind(content: bytes) -> str | None:
    """What a body is when its first bytes say it is a PDF, an image or an archive; None otherwise."""
    head = content[:1024].lstrip()
    return next((name for signature, name in _SIGNATURES if head.startswith(signature)), None)


def page_kind(content_type: str, content: bytes) -> tuple[PageKind, str]:
    """Whether a body is an HTML page, from its bytes first and its Content-Type second; else what it is."""
    if binary := binary_kind(content):
        return PageKind.OTHER, binary
    if _HTML_START.match(content[:4096]) or content_type in _HTML_TYPES:
        return PageKind.HTML, "an HTML page"
    if content_type.startswith(("image/", "audio/", "video/", "application/pdf")):
        return PageKind.OTHER, f"a {content_type} file"
    return PageKind.OTHER, f"not an HTML page ({content_type or 'no Content-Type'})"


def canonical_link(content: bytes, url: str) -> str | None:
    """The page's <link rel=canonical> as a canonical URL, resolved against url; None when it has none."""
    tree = LexborHTMLParser(content[:2_000_000].decode("utf-8", errors="replace"))
    for node in tree.css("link[rel]"):
        if "canonical" in (node.attributes.get("rel") or "").lower().split() and node.attributes.get("href"):
            resolved = canonical_url(node.attributes["href"] or "", base=url)
            # a site that names its home page as every article's canonical URL says nothing about the article
            if not is_web_url(resolved) or (urlsplit(resolved).path == "/" and urlsplit(url).path not in ("", "/")):
                return None
            return resolved
    return None


def extract_page(content: bytes, url: str) -> ExtractedPage:
    """The main text of an article page (trafilatura, precision first) and its title, author, date, site and canonical URL.

    The date is the page's own metadata (published time and the like), never a date guessed from its
    text; the text is empty when trafilatura finds no article.
    """
    raw = trafilatura.extract(
        content,
        url=url,
        output_format="json",
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    canonical = canonical_link(content, url)
    if not raw:
        return ExtractedPage(text="", canonical=canonical)
    fields = json.loads(raw)
    text = _LINE_BREAKS.sub("\n\n", (fields.get("text") or "").strip())
    return ExtractedPage(
        text=text,
        title=_clean(fields.get("title")),
        author=_clean(fields.get("author")),
        date=dates.parse_date_value(fields["date"]) if fields.get("date") else None,
        site=_clean(fields.get("source-hostname")),
        canonical=canonical,
    )


def _clean(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None
