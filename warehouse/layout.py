"""Where things live inside a warehouse folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

TABLES = ("documents", "sentences", "events", "rejects", "codings", "event_days", "fetches", "pages", "doc_dates")
INIT_RUN = "init"


@dataclass(frozen=True)
class Layout:
    """The paths of one warehouse folder.

    wh/warehouse.duckdb               views and macros only, no table data
    wh/<table>/run_id=<id>/part-N.parquet
    wh/_runs/<id>.json                a run's commit marker, written last
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

    def glob(self, table: str) -> str:
        return str(self.root / table / "run_id=*" / "*.parquet")


def layout(root: str | Path) -> Layout:
    """The layout of the warehouse at root (resolved to an absolute path)."""
    return Layout(Path(root).expanduser().resolve())


def table_models() -> dict[str, type]:
    """The record model stored in each table."""
    from schemas.records import Coding, DocDate, Document, Event, EventDay, Fetch, Page, Reject, Sentence

    return {
        "documents": Document, "sentences": Sentence, "events": Event, "rejects": Reject, "codings": Coding,
        "event_days": EventDay, "fetches": Fetch, "pages": Page, "doc_dates": DocDate,
    }
