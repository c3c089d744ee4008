"""Feeds: the user's list of them (text or OPML), and RSS 0.9x/1.0/2.0 or Atom bytes read with feedparser."""

from __future__ import annotations

import datetime as dt
import io
import re
import xml.etree.ElementTree as ET
import xml.sax
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import feedparser

from dyadflow.web.pages import PageKind, binary_kind, page_kind
from dyadflow.web.urls import canonical_url, is_web_url
from schemas.errors import InputError
from schemas.records import FetchOutcome

_FEED_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b", re.DOTALL)
_OPML_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<opml\b", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class FeedLine:
    """One feed of the user's list, with where it was written (for a reject naming the line)."""

    url: str
    path: str
    line: int | None = None
    title: str | None = None


@dataclass(frozen=True)
class Entry:
    """One item of a feed: the article's link and what the feed says of it."""

    url: str
    title: str | None = None
    author: str | None = None
    date: dt.date | None = None


@dataclass(frozen=True)
class Feed:
    """A parsed feed: its title (the outlet, most often) and its entries in feed order."""

    url: str
    title: str | None
    entries: list[Entry]


class FeedProblem(Exception):
    """Bytes that are not a feed, or not a well-formed one; outcome says which."""

    def __init__(self, outcome: FetchOutcome, message: str) -> None:
        super().__init__(message)
        self.outcome = outcome
        self.message = message


def read_feed_list(path: str | Path) -> Iterator[FeedLine | InputError]:
    """The feeds a file names: one URL a line (# starts a comment), or an OPML file's outlines with an xmlUrl.

    A line that is not an http(s) URL is an InputError (yielded, not raised) naming the file and line.

    Raises:
        InputError: the file cannot be read, or is OPML that is not well-formed XML.
    """
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"cannot read the feed list ({getattr(e, 'strerror', None) or e})", path=name, reason="unreadable") from e
    if _OPML_START.match(text):
        yield from _opml_feeds(text, name)
        return
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split(" #", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
        if not line:
            continue
        if is_web_url(line):
            yield FeedLine(canonical_url(line), name, number)
        else:
            yield InputError(f"not an http(s) URL: {line!r}", path=name, line=number, reason="bad-url")


def _opml_feeds(text: str, name: str) -> Iterator[FeedLine | InputError]:
    try:
        root = ET.fromstring(text)
    except ET.ParseError as e:
        raise InputError(f"the OPML file is not well-formed XML ({e})", path=name, reason="bad-opml") from e
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or "").strip()
        if not url:
            continue
        title = outline.get("title") or outline.get("text")
        if is_web_url(url):
            yield FeedLine(canonical_url(url), name, title=title.strip() if title else None)
        else:
            yield InputError(f"an outline's xmlUrl is not an http(s) URL: {url!r}", path=name, reason="bad-url")


def parse_feed(content: bytes, url: str, content_type: str = "") -> Feed:
    """The feed in content (fetched from url): RSS 0.9x, 1.0, 2.0 or Atom, which must be well-formed XML.

    Raises:
        FeedProblem: not-a-feed (an HTML page, or XML feedparser knows no feed in), or malformed-feed
            (not well-formed XML, even where feedparser salvages some entries).
    """
    kind, what = page_kind(content_type, content)
    # a feed served as text/html is still a feed: its first element says so
    if binary_kind(content) or (kind == PageKind.HTML and not _FEED_START.match(content[:4096])):
        raise FeedProblem(FetchOutcome.NOT_A_FEED, f"is {what}, not an RSS or Atom feed")
    headers = {"content-location": url, "content-type": content_type or "application/xml"}
    parsed = feedparser.parse(io.BytesIO(content), response_headers=headers, resolve_relative_uris=True, sanitize_html=True)
    error = parsed.get("bozo_exception")
    if parsed.get("bozo") and isinstance(error, xml.sax.SAXException):
        salvaged = f"; feedparser salvaged {len(parsed.entries)} entries, which are not used" if parsed.entries else ""
        raise FeedProblem(FetchOutcome.MALFORMED_FEED, f"is not well-formed XML ({error}){salvaged}")
    if not parsed.get("version"):
        raise FeedProblem(FetchOutcome.NOT_A_FEED, f"holds no RSS or Atom feed ({what})")
    entries = [entry for item in parsed.entries if (entry := _entry(item, url)) is not None]
    title = (parsed.feed.get("title") or "").strip() or None
    return Feed(url=url, title=title, entries=entries)


def _entry(item: Any, feed_url: str) -> Entry | None:
    """An Entry of a feedparser item; None for an item without a link to an http(s) page."""
    link = item.get("link") or next((link.get("href") for link in item.get("links", []) if link.get("href")), None)
    if not link:
        return None
    url = canonical_url(link, base=feed_url)
    if not is_web_url(url):
        return None
    stamp = item.get("published_parsed") or item.get("updated_parsed")
    date = dt.date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday) if stamp else None
    title = (item.get("title") or "").strip() or None
    author = (item.get("author") or "").strip() or None
    return Entry(url=url, title=title, author=author, date=date)
