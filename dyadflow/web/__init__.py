"""Input from the web: feeds and article pages fetched politely, read into Documents like files are.

The run loop reads `web_documents(...)` beside `coders.ingest.read_inputs(...)`: it yields Documents
and Rejects, and hands the rows of the `fetches` and `pages` tables to a store callback (the run's
writer), so that they commit with the run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

from dyadflow.web.urls import is_web_url
from schemas.records import Document, Fetch, Page, Reject

Store = Callable[[str, list[BaseModel]], None]
# Rows held before they are handed to the store: fetch rows are small, raw pages are not.
FLUSH_ROWS = 256
FLUSH_PAGE_BYTES = 16_000_000


@dataclass(frozen=True)
class WebInput:
    """Where a run's web input comes from and where its fetch log goes: a feed list, the warehouse, a store."""

    feeds: str | None = None
    warehouse: str | Path | None = None
    store: Store | None = None


def split_inputs(inputs: Sequence[str | Path]) -> tuple[list[str | Path], list[str]]:
    """The inputs that are files or folders, and those that are http(s) URLs."""
    urls = [str(i) for i in inputs if isinstance(i, str) and is_web_url(i)]
    return [i for i in inputs if not (isinstance(i, str) and is_web_url(i))], urls


def web_documents(urls: Sequence[str], web: WebInput) -> Iterator[Document | Reject]:
    """Documents and Rejects of the page urls and the feeds of web; the fetches and pages rows go to web.store."""
    from dyadflow.web.crawl import crawl

    fetches: list[BaseModel] = []
    pages: list[BaseModel] = []
    held = 0

    def flush() -> None:
        nonlocal held
        if web.store is not None:
            for table, rows in (("fetches", fetches), ("pages", pages)):
                if rows:
                    web.store(table, list(rows))
        fetches.clear()
        pages.clear()
        held = 0

    for item in crawl(urls, web.feeds or None, warehouse=web.warehouse):
        if isinstance(item, Fetch):
            fetches.append(item)
        elif isinstance(item, Page):
            pages.append(item)
            held += len(item.content)
        else:
            yield item
        if len(fetches) >= FLUSH_ROWS or held >= FLUSH_PAGE_BYTES:
            flush()
    flush()
