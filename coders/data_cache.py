"""Built data kept between processes: a pickle under $XDG_CACHE_HOME/dyadflow (or ~/.cache/dyadflow), named by its inputs.

The name hashes the input files' bytes, the source of the modules that define the built classes
(`code_files`) and a version string (the package versions the data is built from), so a change of any
of them builds anew: a pickle of classes whose code has changed is never read back.
A cache that cannot be read or written is passed over: the data is then built each time. Writing a
cache removes those of the same name that no process has read for a day (PRUNE_AFTER).
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pickle
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

PRUNE_AFTER = 86_400.0
"""Seconds after its last read that a cache of other inputs (an older data file or version) is removed."""


def code_files(*classes: type) -> list[Path]:
    """The source files of the modules that define classes: part of a cache's inputs, as its data files are."""
    files = {Path(str(sys.modules[c.__module__].__file__)) for c in classes}
    return sorted(files)


def cache_file(name: str, inputs: Sequence[Path], version: str) -> Path:
    """Where the data built from inputs at this version is kept."""
    digest = hashlib.sha256(version.encode())
    for path in inputs:
        digest.update(path.name.encode())
        digest.update(path.read_bytes() if path.exists() else b"")
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return root / "dyadflow" / f"{name}-{digest.hexdigest()[:16]}.pickle"


def cached(path: Path, kind: type[T], build: Callable[[], T]) -> T:
    """The object of type kind kept at path, or build() written there (atomically) when it is missing or unreadable."""
    collecting = gc.isenabled()
    gc.disable()  # tens of thousands of new objects would start collections for nothing: loads in half the time
    try:
        with path.open("rb") as f:
            found = pickle.load(f)
        if isinstance(found, kind):
            with contextlib.suppress(OSError):
                os.utime(path)  # in use: _prune keeps it
            return found
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        pass
    finally:
        if collecting:
            gc.enable()
    built = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as f:
            pickle.dump(built, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only home: build it each time
    else:
        _prune(path)
    return built


def _prune(path: Path, unused_for: float = PRUNE_AFTER) -> None:
    """Remove the other caches of the same name (older inputs or code) that no process has read for a while."""
    name = path.name.rsplit("-", 1)[0]
    for other in path.parent.glob(f"{name}-*.pickle"):
        try:
            if other != path and time.time() - other.stat().st_mtime > unused_for:
                other.unlink()
        except OSError:
            pass
