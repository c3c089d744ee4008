"""The records that flow through the pipeline, declared once; Arrow schemas derive from them."""

from __future__ import annotations

import datetime as dt
from enum import IntEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

DateSource = Literal["given", "header", "inferred", "unknown"]
EventDateSource = Literal["text", "document", "unknown"]


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


class Reject(Record):
    """An input (or one JSONL line) that was not coded, and why."""

    path: str
    line: int | None = None
    reason: str = Field(description="short machine-readable reason, e.g. 'binary', 'empty', 'bad-json'")
    message: str = Field(description="what a user reads")


class Coding(Record):
    """That a run coded a document with a coder version; the newest coding of a document is current."""

    doc_id: str
    coder_version: str
    events: int = 0


class EventDay(Record):
    """How many events a run made current on a date; a recode run also takes back those it replaced (negative)."""

    event_date: dt.date | None = None
    events: int = Field(description="events added that day, minus those a recode replaced")


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
    source_actor: str
    source_country: str | None = None
    target_actor: str
    target_country: str | None = None
    quad_class: int
    doc_id: str
    outlet: str | None = Field(None, description="documents.source of the document")
    events: int = Field(description="events in the cell, minus those a recode replaced")
    goldstein_sum: float


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
