"""kill -9 of `dyadflow compact` at every rename and at random moments: nothing is lost or doubled.

A child process compacts a copy of a small warehouse and is killed: by itself, with SIGKILL, just
before its n-th rename (os.replace, the step that makes a file or a marker appear), or by the test at
a random moment. Then the views must show the rows and runs of before, exactly; and a compaction run
to its end must leave the same rows in at most two files per table folder.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.warehouse.wh_builders import document, event, rows, run_ids, write_recode, write_run
from warehouse.compact import compact
from warehouse.layout import TABLES, layout

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]

# The child: count renames and SIGKILL itself before the one numbered by argv[2] (0: never), then compact.
_CHILD = """
import os, signal, sys
sys.path.insert(0, {root!r})
kill_at, seen = int(sys.argv[2]), [0]
real_replace = os.replace
def replace(src, dst, *a, **k):
    seen[0] += 1
    if seen[0] == kill_at:
        os.kill(os.getpid(), signal.SIGKILL)
    return real_replace(src, dst, *a, **k)
os.replace = replace
from warehouse.compact import compact
compact(sys.argv[1])
print("renames", seen[0])
"""


def _child(root: Path, kill_at: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", _CHILD.format(root=str(ROOT)), str(root), str(kill_at)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


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


def test_kill_compact_before_every_rename(base, tmp_path):
    root, before, runs = base
    clean = _child(shutil.copytree(root, tmp_path / "clean"), 0)
    out, err = clean.communicate(timeout=300)
    assert clean.returncode == 0, err
    renames = int(out.split()[-1])
    assert renames >= len(TABLES) + 2  # a file per table, the runs' markers, the compaction's marker
    for n in range(1, renames + 1):
        copy = shutil.copytree(root, tmp_path / f"kill-{n}")
        child = _child(copy, n)
        child.communicate(timeout=300)
        assert child.returncode == -signal.SIGKILL, f"rename {n} of {renames} was not reached"
        _check(copy, before, runs)
        _finish(copy, before, runs)


def test_kill_compact_at_random_moments(base, tmp_path):
    root, before, runs = base
    rng = random.Random(19)
    for n in range(4):
        copy = shutil.copytree(root, tmp_path / f"random-{n}")
        child = _child(copy, 0)
        time.sleep(rng.uniform(0.5, 4.0))  # the child imports for about a second, then compacts
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=300)
        _check(copy, before, runs)
        _finish(copy, before, runs)
