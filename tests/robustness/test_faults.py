"""Faults while a run writes: disk full or a write error stops it with a clear message and damages nothing
stored; two runs at once never both write; readers keep reading while a run writes."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import warehouse.store
from dyadflow.batches import run
from schemas.errors import WarehouseError
from tests.robustness.conftest import GOOD_ARTICLE, query

SECONDS = 18  # about how long this module's tests take: tests/conftest.py starts the longest first

ROOT = Path(__file__).resolve().parents[2]
NEW_ARTICLE = (
    "Kazakhstan criticized Uzbekistan on Monday for closing the border crossing near Saryagash.\n\n"
    "Russia urged both countries to settle the dispute through talks."
)


def _counts(warehouse: Path) -> tuple[int, ...]:
    return query(
        warehouse,
        "select (select count(*) from documents), (select count(*) from sentences), (select count(*) from events), "
        "(select count(*) from codings), (select count(*) from rejects), (select count(*) from runs)",
    )[0]


def _stored_files(warehouse: Path) -> dict[str, str]:
    """Every table part and run marker of the warehouse, with the hash of its bytes."""
    files = [*warehouse.glob("*/run_id=*/*"), *warehouse.glob("_runs/*")]
    return {str(f.relative_to(warehouse)): hashlib.sha256(f.read_bytes()).hexdigest() for f in files}


@pytest.fixture
def stored(tmp_path: Path, coder) -> Path:  # type: ignore[no-untyped-def]
    """A warehouse holding one committed run (the good article and a rejected empty file)."""
    first = tmp_path / "first"
    first.mkdir()
    (first / "good.txt").write_text(GOOD_ARTICLE, encoding="utf-8")
    (first / "empty.txt").write_bytes(b"")
    run([first], tmp_path / "wh", coder=coder)
    (tmp_path / "second").mkdir()
    (tmp_path / "second" / "new.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    return tmp_path / "wh"


def _disk_full(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _fail_parquet_part(monkeypatch: pytest.MonkeyPatch) -> None:
    """pyarrow writes half a part, then the disk is full."""

    def write_table(table: object, where: object, **kwargs: object) -> None:
        Path(str(where)).write_bytes(b"PAR1 half a part")
        _disk_full()

    monkeypatch.setattr(warehouse.store.pq, "write_table", write_table)


def _fail_commit_marker(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every part is written, then renaming the commit marker into place fails."""
    replace = os.replace

    def failing(src: str | Path, dst: str | Path) -> None:
        if Path(dst).parent.name == "_runs":
            _disk_full()
        replace(src, dst)

    monkeypatch.setattr(os, "replace", failing)


def _fail_fsync(monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk reports an I/O error when the first part is flushed."""

    def fsync(fd: int) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(os, "fsync", fsync)


@pytest.mark.parametrize(
    ("fault", "message"),
    [
        (_fail_parquet_part, "the disk is full; nothing of this run was committed, free space and run again"),
        (_fail_commit_marker, "the disk is full; nothing of this run was committed, free space and run again"),
        (_fail_fsync, "cannot write (Input/output error); nothing of this run was committed"),
    ],
)
def test_faults_write_error_stops_the_run_and_keeps_what_was_stored(stored: Path, coder, monkeypatch, fault, message) -> None:  # type: ignore[no-untyped-def]
    before_counts, before_files = _counts(stored), _stored_files(stored)
    with monkeypatch.context() as patch:
        fault(patch)
        with pytest.raises(WarehouseError) as error:
            run([stored.parent / "second"], stored, coder=coder)
    assert message in str(error.value)
    assert _counts(stored) == before_counts
    assert _stored_files(stored) == before_files  # nothing added, nothing changed, no temp file left
    second = run([stored.parent / "second"], stored, coder=coder)  # once the disk has room again
    assert second.documents_new == 1 and second.events > 0
    assert _counts(stored)[0] == before_counts[0] + 1


@pytest.mark.slow
def test_faults_file_size_limit_makes_a_real_write_error(stored: Path) -> None:
    script = textwrap.dedent(
        f"""
        import random, resource, signal, sys
        from dyadflow.batches import run
        from schemas.errors import WarehouseError
        rnd = random.Random(1)
        text = " ".join(f"Kazakhstan reported {{rnd.randrange(10**9)}} new cases on Monday." for _ in range(300))
        open({str(stored.parent / "second" / "big.txt")!r}, "w").write(text)
        from coders.ingest import detect_language
        from dyadflow.steps import shared_coder
        detect_language(text), shared_coder()  # models loaded (py3langid unpacks its model to a temp file) before the limit
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writing past the limit fails with EFBIG instead of killing
        resource.setrlimit(resource.RLIMIT_FSIZE, (8192, 8192))
        try:
            run([{str(stored.parent / "second")!r}], {str(stored)!r})
        except WarehouseError as e:
            print(e)
            sys.exit(3)
        """
    )
    before_counts, before_files = _counts(stored), _stored_files(stored)
    child = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert child.returncode == 3, child.stderr
    assert "cannot write" in child.stdout and "File too large" in child.stdout
    assert "nothing of this run was committed" in child.stdout
    assert _counts(stored) == before_counts
    assert _stored_files(stored) == before_files


def _writer_holding_the_lock(warehouse: Path, seconds: float) -> subprocess.Popen[str]:
    """Another process that opens a run on the warehouse and holds it for `seconds`."""
    script = textwrap.dedent(
        f"""
        import time
        from warehouse.store import RunWriter
        with RunWriter({str(warehouse)!r}):
            print("writing", flush=True)
            time.sleep({seconds})
        """
    )
    child = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None and child.stdout.readline().strip() == "writing"
    return child


def test_faults_second_run_at_once_gets_the_lock_error(stored: Path, coder) -> None:  # type: ignore[no-untyped-def]
    other = _writer_holding_the_lock(stored, 60)
    try:
        before = _counts(stored)
        with pytest.raises(WarehouseError, match="another dyadflow run is writing this warehouse; wait for it to finish"):
            run([stored.parent / "second"], stored, coder=coder)
        assert _counts(stored) == before
    finally:
        other.kill()
        other.wait()
    # the lock dies with the process that held it: the next run goes ahead
    assert run([stored.parent / "second"], stored, coder=coder).documents_new == 1


def test_faults_second_run_with_wait_goes_ahead_when_the_first_finishes(stored: Path, coder) -> None:  # type: ignore[no-untyped-def]
    other = _writer_holding_the_lock(stored, 1.0)
    try:
        summary = run([stored.parent / "second"], stored, coder=coder, wait=60)
    finally:
        other.wait()
    assert summary.documents_new == 1 and other.returncode == 0


READER = """
import json, sys, time
from pathlib import Path
from warehouse.db import open_warehouse

warehouse, stop = sys.argv[1], Path(sys.argv[2])
SQL = "select (select count(*) from documents), (select count(*) from events), (select count(*) from runs)"
held = open_warehouse(warehouse, read_only=True)  # one connection kept open all along
while not stop.exists():
    fresh = open_warehouse(warehouse, read_only=True)
    print(json.dumps({"held": held.execute(SQL).fetchone(), "fresh": fresh.execute(SQL).fetchone()}), flush=True)
    fresh.close()
    time.sleep(0.01)
held.close()
"""


def test_faults_reader_keeps_querying_while_runs_write(stored: Path, coder, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    stop = tmp_path / "stop"
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(stored), str(stop)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    states = [_counts(stored)]
    try:
        for number in range(3):
            batch = tmp_path / f"batch{number}"
            batch.mkdir()
            for article in range(5):
                (batch / f"a{article}.txt").write_text(f"{NEW_ARTICLE}\n\nReport {number}-{article}.", encoding="utf-8")
            run([batch], stored, coder=coder)
            states.append(_counts(stored))
        time.sleep(0.3)
    finally:
        stop.touch()
        out, err = reader.communicate(timeout=60)
    assert reader.returncode == 0, err
    readings = [json.loads(line) for line in out.splitlines()]
    assert len(readings) >= 5
    # Each view shows a run whole or not at all. (A query over several views at the instant of a commit may find
    # the run in one view and not yet in the next: the views read the commit markers one after the other.)
    for view, column in (("documents", 0), ("events", 2), ("runs", 5)):
        committed = {state[column] for state in states}
        seen = {reading[kind][("documents", "events", "runs").index(view)] for reading in readings for kind in ("held", "fresh")}
        assert seen <= committed, view
    assert tuple(readings[-1]["held"]) == (states[-1][0], states[-1][2], states[-1][5])
    distinct = len({tuple(r["fresh"]) for r in readings})
    print(f"\nreader: {len(readings)} readings over {len(states) - 1} runs, {distinct} distinct states seen, no error")
