"""What earlier nights fetched, from the warehouse's fetches: done URLs, give-ups, retries, feed validators."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from dyadflow.web.settings import PERMANENT_OUTCOMES, WebSettings
from warehouse.db import memory_connection
from warehouse.layout import layout


@dataclass(frozen=True)
class Retry:
    """A page an earlier night failed to fetch for now, with what its feed said of it."""

    url: str
    feed_url: str | None = None
    source: str | None = None
    title: str | None = None
    entry_date: dt.date | None = None


@dataclass
class History:
    """The web input's memory: URLs never to ask again, pages to try again, and each feed's ETag and Last-Modified."""

    done: set[str] = field(default_factory=set)
    retries: list[Retry] = field(default_factory=list)
    validators: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    unstored: list[str] = field(default_factory=list)
    """Pages fetched and read into a document that no committed run stored (the coder failed on it)."""

    def conditional_headers(self, url: str) -> dict[str, str]:
        """If-None-Match and If-Modified-Since for a feed fetched before (empty for a new one)."""
        etag, modified = self.validators.get(url, (None, None))
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        return headers


@dataclass(frozen=True)
class StoredPage:
    """A page's raw bytes as an earlier night kept them, with what its feed said of it."""

    url: str
    final_url: str | None
    content: bytes
    source: str | None = None
    title: str | None = None
    entry_date: dt.date | None = None


def stored_pages(warehouse: str | Path | None, urls: list[str]) -> Iterator[StoredPage]:
    """The kept raw pages of urls, one at a time (none for no warehouse)."""
    if warehouse is None or not urls:
        return
    con = memory_connection(warehouse)
    try:
        for url in urls:
            row = con.execute("SELECT url, final_url, content, source, title, entry_date FROM stored_page(?)", [url]).fetchone()
            if row is not None:
                yield StoredPage(*row)
    finally:
        con.close()


def load_history(warehouse: str | Path | None, settings: WebSettings) -> History:
    """The History of a warehouse's committed fetches; an empty one for no warehouse or a new one."""
    if warehouse is None or not layout(warehouse).runs_dir.is_dir():
        return History()
    history = History()
    con = memory_connection(warehouse)
    try:
        permanent = sorted(str(o) for o in PERMANENT_OUTCOMES)
        rows = con.execute(
            "SELECT url, kind, fetched, permanent_failures, transient_failures, etag, last_modified, "
            "feed_url, source, title, entry_date FROM fetch_state(?) ORDER BY url",
            [permanent],
        ).fetchall()
        history.unstored = [row[0] for row in con.execute("SELECT url FROM unstored_pages()").fetchall()]
    finally:
        con.close()
    for url, kind, fetched, permanent_failures, transient_failures, etag, modified, feed_url, source, title, entry_date in rows:
        if kind == "feed":
            if etag or modified:
                history.validators[url] = (etag, modified)
            continue
        if kind != "page":
            continue
        if fetched or permanent_failures >= settings.permanent_limit or transient_failures >= settings.transient_limit:
            history.done.add(url)
        else:
            history.retries.append(Retry(url, feed_url, source, title, entry_date))
    return history
