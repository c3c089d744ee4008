"""Tables on stdout that fit their data: a rich table on a terminal, plain tab-separated lines when piped."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from typing import Any

from rich.console import Console
from rich.table import Table


def cell(value: Any) -> str:
    """A value as a table cell: empty for null, on one line."""
    return "" if value is None else " ".join(str(value).split())


def print_rows(columns: Sequence[str], rows: Iterable[Sequence[Any]], *, terminal: bool | None = None) -> None:
    """Print rows under a header: a rich table on a terminal, else one tab-separated line per row (no wrapping, no box)."""
    if terminal is None:
        terminal = sys.stdout.isatty()
    if terminal:
        table = Table(*columns)
        for row in rows:
            table.add_row(*(cell(v) for v in row))
        Console().print(table)
        return
    sys.stdout.write("\t".join(columns) + "\n")
    for row in rows:
        sys.stdout.write("\t".join(cell(v) for v in row) + "\n")
    sys.stdout.flush()
