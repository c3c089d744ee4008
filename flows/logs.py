"""Where the log lines of a run go: to the Prefect server and the run's log file, to the terminal only when asked.

Prefect's logging configuration prints every flow and task log line on stderr (a handler on the root
logger). A run in a terminal shows its progress bar and summary instead: `to_log_file` swaps that
handler for the run's log file for the duration of the run. The lines still reach the Prefect server.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOG_FORMAT = "%(asctime)s | %(levelname)-7s | %(name)s - %(message)s"


def _is_console(handler: logging.Handler) -> bool:
    return isinstance(handler, logging.StreamHandler) and not isinstance(handler, logging.FileHandler)


@contextmanager
def to_log_file(log_file: Path | None, *, verbose: bool = False) -> Iterator[Path | None]:
    """Send the root logger's lines (Prefect's and dyadflow's) to log_file, and to the terminal only if verbose.

    log_file None keeps no file (the terminal still gets nothing unless verbose). Yields the log file.
    """
    root = logging.getLogger()
    removed = [] if verbose else [h for h in root.handlers if _is_console(h)]
    for handler in removed:
        root.removeHandler(handler)
    added: logging.Handler | None = None
    if log_file is not None:
        try:
            log_file.parent.mkdir(parents=True, exist_ok=True)
            added = logging.FileHandler(log_file, encoding="utf-8")
        except OSError:  # a warehouse path that is not a folder: the run itself says so
            log_file = None
        else:
            added.setFormatter(logging.Formatter(LOG_FORMAT))
            added.setLevel(logging.INFO)
            root.addHandler(added)
    dyadflow = logging.getLogger("dyadflow")
    level = dyadflow.level
    dyadflow.setLevel(logging.INFO)
    try:
        yield log_file
    finally:
        dyadflow.setLevel(level)
        if added is not None:
            root.removeHandler(added)
            added.close()
        for handler in removed:
            root.addHandler(handler)
