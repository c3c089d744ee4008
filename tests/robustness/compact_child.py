"""The child process of the compaction kill tests, forked from a server that has imported the warehouse already.

`compact_killed_at(root, n, renames)` compacts the warehouse at root and SIGKILLs itself just before its
n-th rename (os.replace, the step that makes a file or a marker appear); n = 0 never. A child that
finishes puts how many renames it made into renames.
"""

from __future__ import annotations

import os
import signal
from multiprocessing.sharedctypes import Synchronized
from pathlib import Path
from typing import Any

from warehouse.compact import compact


def compact_killed_at(root: str, kill_at: int, renames: Synchronized[int]) -> None:
    """Compact root, killing this process with SIGKILL just before its kill_at-th rename (0: never)."""
    seen = 0
    real_replace = os.replace

    def replace(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
        nonlocal seen
        seen += 1
        if seen == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        real_replace(src, dst, *args, **kwargs)

    os.replace = replace  # type: ignore[assignment]
    compact(Path(root))
    renames.value = seen
