"""The files a query of the sums tables reads, listed from the run and compaction markers in Python.

The views list them through read_json over every marker on each query; a dyad series that reads a few
cells lists them here once instead. The listing is a snapshot: the live compaction first, then the
committed runs, then one named file per part. A compaction that commits and cleans up in between deletes
a file of the listing, and the read fails (it is then listed again); a part is never silently left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from warehouse.layout import COMPACT_PREFIX, Layout
from warehouse.store import committed_runs, live_compaction

PART = "part-00000.parquet"
"""The one file a run (at commit) or a compaction writes per sums table."""


@dataclass(frozen=True)
class PartFiles:
    """A table's file in each visible part, and the parts that have none (written before the table existed)."""

    files: tuple[str, ...]
    lacking: tuple[str, ...]


def visible_parts(lay: Layout) -> list[str]:
    """The run_id folders the views read: each committed run the live compaction does not hold, and its own."""
    live = live_compaction(lay)
    parts = sorted(committed_runs(lay) - set(live.runs))
    return parts + ([COMPACT_PREFIX + live.compaction_id] if live.seq > 0 else [])


def part_files(lay: Layout, table: str, parts: list[str]) -> PartFiles:
    """The table's file of each part, and the parts without one."""
    paths = [(part, lay.run_dir(table, part) / PART) for part in parts]
    return PartFiles(
        tuple(str(path) for _, path in paths if path.exists()),
        tuple(part for part, path in paths if not Path(path).exists()),
    )
