"""Helpers for the robustness tests: a batch of inputs beside one good article, run into a fresh warehouse."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from dyadflow.batches import RunSummary, run
from warehouse.db import open_warehouse

# A short article the coder codes: the good file of every batch, which must come through whatever its neighbours are.
GOOD_NAME = "good.txt"
GOOD_ARTICLE = """Gas dispute strains ties between Bishkek and Tashkent

Date: 2012-01-20

Uzbekistan cut gas supplies to Kyrgyzstan on January 18, citing unpaid debts.

The Kyrgyz Foreign Ministry accused Uzbekistan of violating the supply contract. Uzbek border guards detained two Kyrgyz citizens near the border.
"""


def query(warehouse: Path, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    """Rows of a query over the warehouse's views, through a read-only connection."""
    con = open_warehouse(warehouse, read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


@dataclass
class Outcome:
    """A finished run over a batch: its summary, its warehouse and the folder of its inputs."""

    summary: RunSummary
    warehouse: Path
    inputs: Path

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Rows of a query over the run's warehouse."""
        return query(self.warehouse, sql, params)

    def name(self, path: str) -> str:
        """A stored path relative to the input folder ("good.txt", "wire.jsonl:3")."""
        return str(Path(path).relative_to(self.inputs)) if path.startswith(str(self.inputs)) else path

    def rejects(self) -> set[tuple[str, int | None, str]]:
        """The (input name, line, reason) of the rows of the rejects view."""
        return {(self.name(path), line, reason) for path, line, reason in self.rows("select path, line, reason from rejects")}

    def summary_rejects(self) -> set[tuple[str, int | None, str]]:
        """The (input name, line, reason) the run summary lists."""
        return {(self.name(r.path), r.line, r.reason) for r in self.summary.rejects}

    def reject_messages(self) -> list[str]:
        """The messages of the rejects view."""
        return [message for (message,) in self.rows("select message from rejects")]

    def documents(self) -> dict[str, str]:
        """Stored documents: input name -> body text."""
        return {self.name(path): text for path, text in self.rows("select path, text from documents")}

    def events_of(self, name: str) -> list[tuple[str, str, str]]:
        """(source actor, CAMEO code, target actor) of the events of the document read from one input."""
        return self.rows(
            "select e.source_actor, e.event_code, e.target_actor from events e join documents d using (doc_id) "
            "where d.path = ? order by e.sentence_index, e.event_id",
            [str(self.inputs / name)],
        )

    def assert_rejected_exactly(self, expected: set[tuple[str, int | None, str]]) -> None:
        """The rejects view and the run summary both list exactly these (name, line, reason), each with a message."""
        assert self.rejects() == expected
        assert self.summary_rejects() == expected
        assert self.summary.rejected == len(expected)
        assert all(message.strip() for message in self.reject_messages())

    def assert_good_article_coded(self) -> None:
        """The good article of the batch was stored and coded."""
        assert GOOD_NAME in self.documents()
        assert len(self.events_of(GOOD_NAME)) >= 3


@pytest.fixture
def run_batch(tmp_path: Path, coder: Any) -> Callable[..., Outcome]:
    """Write files (name -> bytes or str) beside the good article, run the pipeline on their folder, return the outcome."""

    def _run(files: dict[str, bytes | str], *, good: bool = True) -> Outcome:
        inputs = tmp_path / "inputs"
        inputs.mkdir(exist_ok=True)
        if good:
            (inputs / GOOD_NAME).write_text(GOOD_ARTICLE, encoding="utf-8")
        for name, data in files.items():
            path = inputs / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        warehouse = tmp_path / "wh"
        summary = run([inputs], warehouse, coder=coder)
        return Outcome(summary, warehouse, inputs)

    return _run
