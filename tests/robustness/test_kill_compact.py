"""kill -9 of `dyadflow compact` at every rename and at random moments: nothing is lost or doubled.

A child process compacts a copy of a small warehouse and is killed: by itself, with SIGKILL, just
before its n-th rename (os.replace, the step that makes a file or a marker appear), or by the test at
a random moment of a compaction's time. The children are forked from a server that has imported the
warehouse once (tests/robustness/compact_child.py), so each starts compacting at once. Then the views must show the rows and runs of before, exactly; and a compaction run
to its end must leave the same rows in at most two files per table folder.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import multiprocessing.context
import random
import shutil
import signal
import time
from pathlib import Path
from typing import Any

import pytest

from tests.robustness.compact_child import compact_killed_at
from tests.warehouse.wh_builders import document, event, rows, run_ids, write_recode, write_run
from warehouse.compact import compact
from warehouse.layout import TABLES, layout

SECONDS = 55  # about how long this module's tests take: tests/conftest.py starts the longest first

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def forks() -> multiprocessing.context.ForkServerContext:
    """Children forked from a server that imported the warehouse once: each starts compacting at once."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["tests.robustness.compact_child"])
    return context


def _child(forks: multiprocessing.context.ForkServerContext, root: Path, kill_at: int) -> tuple[multiprocessing.Process, Any]:
    """A child compacting root that kills itself just before its kill_at-th rename (0: never); and its rename count."""
    renames = forks.Value("i", -1)
    child = forks.Process(target=compact_killed_at, args=(str(root), kill_at, renames))
    child.start()
    return child, renames


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> tuple[Path, dict, list[str]]:
    root = tmp_path_factory.mktemp("kill-compact") / "wh"
    pairs = [("UZBGOV", "KAZ"), ("KAZMIL", "UZB"), ("RUS", "CHN")]
    for r in range(5):
        docs = [
            (
                document(f"r{r}d{d}", "Outlet"),
                [event(f"r{r}d{d}", k, dt.date(2021, 1 + r, 1 + d), *pairs[(r + d) % 3], "v1") for k in range(2)],
            )
            for d in range(2)
        ]
        write_run(root, docs)
        if r == 2:
            compact(root)  # a compaction already there: the next one replaces it
    write_recode(root, [("r0d0", [])], "v2")
    return root, rows(root), run_ids(root)


def _check(root: Path, before: dict, runs: list[str]) -> None:
    assert rows(root) == before
    assert run_ids(root) == runs


def _finish(root: Path, before: dict, runs: list[str]) -> None:
    compact(root)
    _check(root, before, runs)
    lay = layout(root)
    assert all(len(list(lay.table_dir(t).rglob("*.parquet"))) <= 2 for t in TABLES)
    assert not list(lay.root.rglob("*.tmp"))


def _clean_compaction(forks, root: Path) -> tuple[int, float]:
    """How many renames a compaction of root left alone makes, and how long it takes."""
    started = time.monotonic()
    clean, renames = _child(forks, root, 0)
    clean.join(300)
    assert clean.exitcode == 0, f"the compaction of {root} failed on its own (exit {clean.exitcode})"
    return renames.value, time.monotonic() - started


def test_kill_compact_before_every_rename(forks, base, tmp_path):
    root, before, runs = base
    renames, _ = _clean_compaction(forks, shutil.copytree(root, tmp_path / "clean"))
    assert renames >= len(TABLES) + 2  # a file per table, the runs' markers, the compaction's marker
    for n in range(1, renames + 1):
        copy = shutil.copytree(root, tmp_path / f"kill-{n}")
        child, _ = _child(forks, copy, n)
        child.join(300)
        assert child.exitcode == -signal.SIGKILL, f"rename {n} of {renames} was not reached"
        _check(copy, before, runs)
        _finish(copy, before, runs)


def test_kill_compact_at_random_moments(forks, base, tmp_path):
    root, before, runs = base
    _, seconds = _clean_compaction(forks, shutil.copytree(root, tmp_path / "clean"))
    rng = random.Random(19)
    for n in range(4):
        copy = shutil.copytree(root, tmp_path / f"random-{n}")
        child, _ = _child(forks, copy, 0)
        time.sleep(rng.uniform(0.0, seconds))  # somewhere within a compaction's time
        child.kill()  # SIGKILL, unless it has finished already
        child.join(300)
        _check(copy, before, runs)
        _finish(copy, before, runs)
