"""Where things live inside a warehouse folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

TABLES = (
    "documents",
    "sentences",
    "events",
    "rejects",
    "codings",
    "event_days",
    "dyad_index",
    "dyad_cells",
    "fetches",
    "pages",
    "doc_dates",
)
# Tables whose rows keep their run in a compacted file (origin_run_id); the others are sums over runs.
ROW_TABLES = ("documents", "sentences", "events", "rejects", "codings", "fetches", "pages", "doc_dates")
INIT_RUN = "init"
# A compaction's files live in <table>/run_id=compact-<id>/; their rows name their own run in ORIGIN_RUN_ID.
COMPACT_PREFIX = "compact-"
ORIGIN_RUN_ID = "origin_run_id"


@dataclass(frozen=True)
class Layout:
    """The paths of one warehouse folder.

    wh/warehouse.duckdb               views and macros only, no table data
    wh/<table>/run_id=<id>/part-N.parquet
    wh/_runs/<id>.json                a run's commit marker, written last
    wh/<table>/run_id=compact-<id>/part-N.parquet   the parts of many runs, merged by `dyadflow compact`
    wh/_compactions/<id>.json         a compaction's commit marker: the runs its files hold
    wh/_runs/compact-<id>.json        the markers of those runs, a line each (their own files deleted)
    wh/.lock                          held by the one writer
    """

    root: Path

    @property
    def database(self) -> Path:
        return self.root / "warehouse.duckdb"

    @property
    def runs_dir(self) -> Path:
        return self.root / "_runs"

    @property
    def lock_file(self) -> Path:
        return self.root / ".lock"

    def table_dir(self, table: str) -> Path:
        return self.root / table

    def run_dir(self, table: str, run_id: str) -> Path:
        return self.root / table / f"run_id={run_id}"

    def marker(self, run_id: str) -> Path:
        return self.runs_dir / f"{run_id}.json"

    @property
    def compactions_dir(self) -> Path:
        return self.root / "_compactions"

    def compaction_marker(self, compaction_id: str) -> Path:
        return self.compactions_dir / f"{compaction_id}.json"

    def compacted_markers(self, compaction_id: str) -> Path:
        """The run markers a compaction holds, one JSON line each (their own files are then deleted)."""
        return self.runs_dir / f"{COMPACT_PREFIX}{compaction_id}.json"

    def compact_dir(self, table: str, compaction_id: str) -> Path:
        return self.run_dir(table, COMPACT_PREFIX + compaction_id)

    def glob(self, table: str) -> str:
        return str(self.root / table / "run_id=*" / "*.parquet")


def layout(root: str | Path) -> Layout:
    """The layout of the warehouse at root (resolved to an absolute path)."""
    return Layout(Path(root).expanduser().resolve())


def table_models() -> dict[str, type]:
    """The record model stored in each table."""
    from schemas.records import Coding, DocDate, Document, DyadCell, DyadDay, Event, EventDay, Fetch, Page, Reject, Sentence

    return {
        "documents": Document,
        "sentences": Sentence,
        "events": Event,
        "rejects": Reject,
        "codings": Coding,
        "event_days": EventDay,
        "dyad_index": DyadDay,
        "dyad_cells": DyadCell,
        "fetches": Fetch,
        "pages": Page,
        "doc_dates": DocDate,
    }
