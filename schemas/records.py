"""The records that flow through the pipeline, declared once; Arrow schemas derive from them."""

from __future__ import annotations

import datetime as dt
from enum import IntEnum, StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

DateSource = Literal["given", "header", "inferred", "unknown"]
EventDateSource = Literal["text", "document", "unknown"]
# Why an input was not coded: no such path, not readable, binary, nothing to code, a bad JSONL line, metadata
# or date, not English, the coder failed on it, or an input error of another kind.
# Reasons of the web input (dyadflow/web): a bad URL or OPML file, and every failing FetchOutcome below.
RejectReason = Literal[
    "missing",
    "unreadable",
    "binary",
    "empty",
    "bad-json",
    "bad-date",
    "not-english",
    "coder-error",
    "invalid",
    "unsupported-format",
    "not-prose",
    "unknown-document",
    "ambiguous",
    "bad-url",
    "bad-opml",
    "not-found",
    "gone",
    "http-error",
    "server-error",
    "timeout",
    "dns",
    "tls",
    "connection",
    "robots",
    "too-large",
    "redirect-loop",
    "too-many-redirects",
    "wrong-type",
    "not-a-feed",
    "malformed-feed",
]
# How precise an event_date is: a month or year date is the first day of its period, never a day known.
EventDatePrecision = Literal["day", "week", "month", "year", "unknown"]


class QuadClass(IntEnum):
    """GDELT's four-way grouping of CAMEO roots (rule version 'gdelt-1')."""

    VERBAL_COOPERATION = 1
    MATERIAL_COOPERATION = 2
    VERBAL_CONFLICT = 3
    MATERIAL_CONFLICT = 4


class Record(BaseModel):
    """Base of every stored record: strict, no unknown fields."""

    model_config = ConfigDict(extra="forbid", frozen=False)


class Document(Record):
    """One news article after ingestion: clean body text plus what is known about it."""

    doc_id: str = Field(description="hash of the normalized body text: the same article under two names is one document")
    input_id: str | None = Field(None, description="the input's own id (JSONL 'id'), if it gave one")
    path: str = Field(description="where it came from: a file path, 'path:line' for JSONL, or '-' for stdin")
    title: str | None = None
    byline: str | None = None
    source: str | None = Field(None, description="publication or outlet")
    url: str | None = None
    dateline: str | None = Field(None, description="the wire dateline that opened the body, e.g. 'MOSCOW' or 'ASTANA, Kazakhstan'")
    doc_date: dt.date | None = None
    date_source: DateSource = "unknown"
    language: str | None = None
    text: str = Field(description="the body, header lines removed; paragraphs separated by blank lines")


class Sentence(Record):
    """One sentence of a document, with its place in the body text."""

    doc_id: str
    sentence_index: int = Field(description="0-based position in the document")
    paragraph_index: int = Field(description="0-based paragraph the sentence belongs to")
    start_char: int = Field(description="offset of the first character in Document.text")
    end_char: int = Field(description="offset one past the last character in Document.text")
    text: str


class Event(Record):
    """Who did what to whom, when: one coded CAMEO event with its evidence."""

    event_id: str = Field(description="hash of (doc_id, sentence_index, source_actor, target_actor, event_code)")
    doc_id: str
    input_id: str | None = None
    sentence_index: int
    sentence: str
    event_date: dt.date | None = None
    event_date_source: EventDateSource = "unknown"
    event_date_precision: EventDatePrecision = Field(
        "unknown", description="day, week, month or year: what event_date is known to; 'unknown' when it has no date"
    )
    source_actor: str = Field(description="CAMEO actor code, e.g. UZBGOV")
    source_country: str | None = Field(None, description="ISO 3166 alpha-3 of the source, if it has one")
    source_text: str = Field(description="the words the source actor was read from")
    target_actor: str
    target_country: str | None = None
    target_text: str
    event_code: str = Field(description="CAMEO code as a string with its leading zero, e.g. '042'")
    event_root: str = Field(description="two-digit CAMEO root, e.g. '04'")
    quad_class: int = Field(ge=1, le=4)
    goldstein: float = Field(ge=-10.0, le=10.0)
    trigger: str = Field(description="the trigger words of the event")
    rule: str = Field(description="id of the lexicon entry or coding rule that produced it")
    coder_version: str
    action_geo_name: str | None = Field(None, description="where the event happened (GDELT ActionGeo_FullName's place)")
    action_geo_country: str | None = Field(None, description="ISO 3166 alpha-3 of the place's country")
    action_geo_adm1: str | None = Field(None, description="FIPS country code + ADM1 code, GDELT's ActionGeo_ADM1Code")
    action_geo_lat: float | None = None
    action_geo_lon: float | None = None
    action_geo_type: int | None = Field(None, ge=1, le=5, description="GDELT's ActionGeo_Type: 1 country, 3 US city, 4 world city, 5 ADM1")
    action_geo_feature_id: int | None = Field(None, description="the GeoNames id of the place")
    action_geo_rule: str | None = Field(None, description="which reading placed it: trigger-phrase, destination, sentence, dateline")


class Reject(Record):
    """An input (or one JSONL line) that was not coded, and why."""

    path: str
    line: int | None = None
    reason: RejectReason = Field(description="short machine-readable reason, e.g. 'binary', 'empty', 'bad-json'")
    message: str = Field(description="what a user reads")


class DocDate(Record):
    """A date given to a stored document after it was read (`dyadflow redate`); the newest is its doc_date."""

    doc_id: str
    doc_date: dt.date
    date_source: DateSource = "given"
    previous_date: dt.date | None = Field(None, description="the doc_date it had before")
    previous_source: DateSource = "unknown"


class Coding(Record):
    """That a run coded a document with a coder version; the newest coding of a document is current."""

    doc_id: str
    coder_version: str
    events: int = 0


class EventDay(Record):
    """How many events a run made current on a date; a recode run also takes back those it replaced (negative)."""

    event_date: dt.date | None = None
    events: int = Field(description="events added that day, minus those a recode replaced")


class FetchOutcome(StrEnum):
    """How one request of the web input ended (the fetches view's outcome)."""

    OK = "ok"
    NOT_MODIFIED = "not-modified"
    NOT_FOUND = "not-found"
    GONE = "gone"
    HTTP_ERROR = "http-error"
    SERVER_ERROR = "server-error"
    TIMEOUT = "timeout"
    DNS = "dns"
    TLS = "tls"
    CONNECTION = "connection"
    ROBOTS = "robots"
    TOO_LARGE = "too-large"
    REDIRECT_LOOP = "redirect-loop"
    TOO_MANY_REDIRECTS = "too-many-redirects"
    WRONG_TYPE = "wrong-type"
    NOT_A_FEED = "not-a-feed"
    MALFORMED_FEED = "malformed-feed"


FetchKind = Literal["feed", "page", "robots"]


class Fetch(Record):
    """One URL the web input asked for (or would have, but robots.txt forbids), and how it went."""

    url: str = Field(description="the URL asked for, canonical (tracking parameters dropped)")
    kind: FetchKind
    final_url: str | None = Field(None, description="where redirects led, canonical; for a page, its <link rel=canonical>")
    status: int | None = Field(None, description="the HTTP status of the last response; none when no response came")
    fetched_at: dt.datetime
    bytes: int = Field(0, description="bytes of the body received")
    etag: str | None = None
    last_modified: str | None = None
    outcome: FetchOutcome
    message: str = ""
    feed_url: str | None = Field(None, description="the feed that listed this page, if any")
    source: str | None = Field(None, description="the outlet or feed title, for a page from a feed")
    title: str | None = Field(None, description="the feed entry's title, for a retry to fall back on")
    entry_date: dt.date | None = Field(None, description="the feed entry's date, for a retry to fall back on")
    doc_id: str | None = Field(None, description="the document the page gave, if it gave one")


class Page(Record):
    """A fetched page's raw bytes, kept (compressed in Parquet) so that a later extractor can redo its text."""

    url: str
    final_url: str | None = None
    fetched_at: dt.datetime
    content_type: str | None = None
    content: bytes


class DyadDay(Record):
    """A cell of the dyad index: one document's events on one day between two actors in one QuadClass.

    Written at commit, net of what a recode replaced (negative rows), sorted by source_key, target_key and
    event_date so that a dyad query skips the row groups of every other dyad; summed, its cells give a
    dyad's counts and Goldstein sums, and its doc_id and outlet the distinct documents and sources.
    """

    source_key: str = Field(
        description="the first three letters of source_actor, its country; '' when source_country is another (matched in full)"
    )
    target_key: str = Field(description="the same for the target")
    event_date: dt.date
    event_date_precision: EventDatePrecision = Field(
        "day", description="how precise the events' date is (a series at a finer frequency leaves them out)"
    )
    source_actor: str
    source_country: str | None = None
    target_actor: str
    target_country: str | None = None
    quad_class: int
    doc_id: str
    outlet: str | None = Field(None, description="documents.source of the document")
    events: int = Field(description="events in the cell, minus those a recode replaced")
    goldstein_sum: float


class DyadCell(Record):
    """A cell of the country-level dyad index: a day's events between two countries from one outlet.

    Written at commit beside DyadDay, net of what a recode replaced, sorted by source_key, target_key and
    event_date. Its events, QuadClass counts and Goldstein sums add up over runs and days. Each
    document_<freq> counts the documents whose first event of the period (in this direction, of a
    precision fine enough for freq) falls in the cell, so their sum over a period is its distinct
    documents, and their sum per outlet says which outlets reported it; documents_both_<freq> does the
    same over both directions of the pair (for undirected series).
    """

    source_key: str = Field(description="coalesce(source_country, the first three letters of source_actor)")
    target_key: str = Field(description="the same for the target")
    event_date: dt.date
    event_date_precision: EventDatePrecision = Field("day", description="how precise the events' date is")
    outlet: str | None = Field(None, description="documents.source of the documents")
    events: int
    verbal_coop: int
    material_coop: int
    verbal_conflict: int
    material_conflict: int
    goldstein_sum: float
    documents_day: int
    documents_week: int
    documents_month: int
    documents_quarter: int
    documents_year: int
    documents_both_day: int
    documents_both_week: int
    documents_both_month: int
    documents_both_quarter: int
    documents_both_year: int


class RunRecord(Record):
    """What one pipeline run did; written last, it marks the run as committed."""

    run_id: str
    kind: Literal["init", "run", "recode"] = "run"
    status: Literal["committed", "failed"] = "committed"
    started_at: dt.datetime
    ended_at: dt.datetime
    inputs_seen: int = 0
    documents_new: int = 0
    documents_skipped: int = 0
    rejected: int = 0
    sentences: int = 0
    events: int = 0
    coder_version: str = ""
