"""One night of the web input: feeds fetched conditionally, each new article fetched once, extracted, made a Document."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from coders import ingest
from dyadflow.web.feeds import Entry, FeedLine, FeedProblem, parse_feed, read_feed_list
from dyadflow.web.fetch import Fetcher, Response
from dyadflow.web.history import History, Retry, StoredPage, load_history, stored_pages
from dyadflow.web.pages import PageKind, extract_page, page_kind
from dyadflow.web.settings import PERMANENT_OUTCOMES, WebSettings
from dyadflow.web.urls import canonical_url, host_key, is_web_url
from schemas.errors import InputError
from schemas.records import Document, Fetch, FetchKind, FetchOutcome, Page, Reject

WebItem = Document | Reject | Fetch | Page


def crawl(
    urls: Sequence[str] = (),
    feeds: str | Path | None = None,
    *,
    warehouse: str | Path | None = None,
    settings: WebSettings | None = None,
    fetcher: Fetcher | None = None,
) -> Iterator[WebItem]:
    """Documents and Rejects from the feeds listed in `feeds` and the page `urls`, with the Fetch and Page rows to store.

    The warehouse's earlier fetches decide what is asked: feeds conditionally (ETag, Last-Modified),
    pages never twice once fetched, pages that failed for now once more, pages that failed too often
    not at all. Every failure is a Reject naming the URL and the reason; the rest goes on.

    Raises:
        InputError: the feed list cannot be read.
    """
    settings = settings or WebSettings.from_env()
    history = load_history(warehouse, settings)
    own = fetcher is None
    fetcher = fetcher or Fetcher(settings)
    try:
        night = _Night(fetcher, history)
        if feeds is not None:
            for line in list(read_feed_list(feeds)):
                if isinstance(line, InputError):
                    yield Reject(path=line.path or str(feeds), line=line.line, reason=line.reason, message=line.detail)
                else:
                    yield from night.feed(line)
        night.queue += [PageJob(url) for url in urls] + [PageJob(r.url, retry=r) for r in history.retries]
        for job in host_turns(night.queue):
            yield from night.page(job.url, entry=job.entry, feed_url=job.feed_url, source=job.source, retry=job.retry)
        for stored in stored_pages(warehouse, history.unstored):
            yield from night.reread(stored)
    finally:
        if own:
            fetcher.close()


@dataclass(frozen=True)
class PageJob:
    """A page to fetch tonight, with what its feed (or an earlier night) said of it."""

    url: str
    entry: Entry | None = None
    feed_url: str | None = None
    source: str | None = None
    retry: Retry | None = None


def host_turns(jobs: Sequence[PageJob]) -> Iterator[PageJob]:
    """The jobs host by host in turn (each host's in their order): one host's delay passes while others are asked."""
    queues: dict[str, deque[PageJob]] = {}
    for job in jobs:
        queues.setdefault(host_key(job.url) if is_web_url(job.url) else "", deque()).append(job)
    while queues:
        for host in list(queues):
            yield queues[host].popleft()
            if not queues[host]:
                del queues[host]


class _Night:
    """The state of one night's crawl: the fetcher, what earlier nights did and what this one has asked."""

    def __init__(self, fetcher: Fetcher, history: History) -> None:
        self.fetcher = fetcher
        self.history = history
        self.asked: set[str] = set()
        self.queue: list[PageJob] = []

    def feed(self, line: FeedLine) -> Iterator[WebItem]:
        """The rows of one feed's fetch; its entries join the queue of pages."""
        if line.url in self.asked:
            return
        self.asked.add(line.url)
        response = self.fetcher.get(line.url, headers=self.history.conditional_headers(line.url))
        yield from self._robots_rows()
        record = _fetch_row(response, "feed")
        if response.outcome == FetchOutcome.NOT_MODIFIED:
            record.etag, record.last_modified = self.history.validators.get(line.url, (None, None))
            record.etag = response.headers.get("etag") or record.etag
            record.last_modified = response.headers.get("last-modified") or record.last_modified
            yield record
            return
        if not response.ok:
            yield record
            yield _reject(line.url, record)
            return
        try:
            parsed = parse_feed(response.content, line.url, response.content_type)
        except FeedProblem as problem:
            record.outcome, record.message = problem.outcome, problem.message
            yield record
            yield _reject(line.url, record)
            return
        yield record
        source = parsed.title or line.title
        self.queue += [PageJob(entry.url, entry, line.url, source) for entry in parsed.entries]

    def page(
        self,
        url: str,
        *,
        entry: Entry | None = None,
        feed_url: str | None = None,
        source: str | None = None,
        retry: Retry | None = None,
    ) -> Iterator[WebItem]:
        """The rows and document of one article page, unless it was fetched (or given up) before."""
        if not is_web_url(url):
            yield Reject(path=url, reason="bad-url", message="not an http(s) URL")
            return
        url = canonical_url(url)
        if url in self.asked or url in self.history.done:
            return
        self.asked.add(url)
        if retry is not None:
            entry = Entry(url=url, title=retry.title, date=retry.entry_date)
            feed_url, source = retry.feed_url, retry.source
        response = self.fetcher.get(url)
        yield from self._robots_rows()
        record = _fetch_row(response, "page")
        record.feed_url, record.source = feed_url, source
        record.title, record.entry_date = (entry.title, entry.date) if entry else (None, None)
        if response.ok:
            kind, what = page_kind(response.content_type, response.content)
            if kind != PageKind.HTML:
                record.outcome, record.message = FetchOutcome.WRONG_TYPE, f"is {what}, not an article page"
        if record.outcome != FetchOutcome.OK:
            yield record
            yield _reject(url, record)
            return
        accepted, record.final_url = read_page(response.content, url, record.final_url, entry=entry, source=source)
        if record.final_url:
            self.asked.add(record.final_url)
        if isinstance(accepted, Document):
            record.doc_id = accepted.doc_id
        yield record
        yield Page(url=url, final_url=record.final_url, fetched_at=response.fetched_at,
                   content_type=response.content_type or None, content=response.content)  # fmt: skip
        yield accepted

    def reread(self, stored: StoredPage) -> Iterator[WebItem]:
        """The document of a page fetched on an earlier night that was never stored (the coder failed on it)."""
        entry = Entry(url=stored.url, title=stored.title, date=stored.entry_date)
        document, _ = read_page(stored.content, stored.url, stored.final_url, entry=entry, source=stored.source)
        yield document

    def _robots_rows(self) -> Iterator[Fetch]:
        """Fetch rows of the robots.txt files the last request made the fetcher read."""
        while self.fetcher.robots_fetched:
            yield _fetch_row(self.fetcher.robots_fetched.pop(0), "robots")


def read_page(
    content: bytes, url: str, final_url: str | None, *, entry: Entry | None = None, source: str | None = None
) -> tuple[Document | Reject, str | None]:
    """The Document of an article page's bytes (or a Reject saying why there is none), and its canonical URL.

    The page's own title, author, date and site name win over the feed entry's; every rule of
    coders.ingest (header lines, document date, language) applies as to a file.
    """
    extracted = extract_page(content, url)
    final_url = extracted.canonical or final_url
    document = ingest.document_from_text(
        extracted.text,
        path=url,
        title=extracted.title or (entry.title if entry else None),
        date=extracted.date or (entry.date if entry else None),
        source=extracted.site or source,
        url=final_url or url,
        byline=extracted.author or (entry.author if entry else None),
    )
    return ingest._accept(document, url), final_url  # the emptiness and language rules of every input


def _fetch_row(response: Response, kind: FetchKind) -> Fetch:
    """The fetches row of a response."""
    final = response.final_url if response.final_url and response.final_url != response.url else None
    return Fetch(
        url=response.url,
        kind=kind,
        final_url=final,
        status=response.status,
        fetched_at=response.fetched_at,
        bytes=len(response.content),
        etag=response.headers.get("etag"),
        last_modified=response.headers.get("last-modified"),
        outcome=response.outcome,
        message=response.message,
    )


def _reject(url: str, record: Fetch) -> Reject:
    """The Reject of a failed fetch: the URL, the outcome as reason, what happened and what the next run does."""
    if record.kind == "feed":
        later = "the feed is asked again next run"
    elif record.outcome == FetchOutcome.ROBOTS:
        later = "robots.txt is read again on the next runs; given up after a few nights"
    elif record.outcome in PERMANENT_OUTCOMES:
        later = "asked again on the next runs until it has failed like this a few times, then given up"
    else:
        later = "tried again next run"
    return Reject(path=url, reason=str(record.outcome), message=f"{record.message} ({later})")
