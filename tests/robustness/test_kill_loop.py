"""kill -9 of `dyadflow run`, again and again: the warehouse always opens, its views always hold exactly the
committed runs, and after one last run it holds exactly what a clean single run holds.

`dyadflow run` itself runs as a subprocess in its own process group, Prefect and all, against the
session's local Prefect server found through PREFECT_HOME (as a user's second run finds it). The whole
group is killed with SIGKILL at random moments, and at every rename into the warehouse in turn: the store's
test hook (warehouse.store.KILL_AT_RENAME, "N:before" or "N:after") kills the group just before or after
its Nth rename, so the kill comes with a part or the commit marker written but not yet visible, or with
the run committed but its lock still held. The inbox grows before every start.

`make test` keeps a short loop (DYADFLOW_KILL_LOOP_KILLS, default 10); `make kill-loop` runs 100 and
prints `kills=N lost=0 doubled=0`.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from dyadflow.batches import run
from schemas.errors import WarehouseError
from tests.conftest import subprocess_env
from warehouse.db import open_warehouse
from warehouse.store import KILL_AT_RENAME

SECONDS = 85  # about how long this module's tests take: tests/conftest.py starts the longest first

pytestmark = pytest.mark.slow

KILLS_WANTED = int(os.environ.get("DYADFLOW_KILL_LOOP_KILLS", "10"))
DYADFLOW = Path(sys.executable).parent / "dyadflow"
FIRST_DOCUMENTS, MORE_DOCUMENTS = 8, 2
RUN_TIMEOUT = 300.0

COUNTRIES = ["Russia", "China", "Kazakhstan", "Uzbekistan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Iran", "Turkey", "Georgia"]
VERBS = ["criticized", "accused", "praised", "visited", "urged", "threatened", "condemned", "thanked", "hosted", "blamed"]


def _article(number: int) -> str:
    """A short generated article: three dated sentences of who did what to whom."""
    rnd = random.Random(number)
    month, day = rnd.randrange(1, 13), rnd.randrange(1, 29)
    sentences = []
    for _ in range(3):
        source, target = rnd.sample(COUNTRIES, 2)
        sentences.append(f"{source} {rnd.choice(VERBS)} {target} on {rnd.choice(['Monday', 'Tuesday', 'Friday'])}.")
    return f"Report {number}\n\nDate: 2012-{month:02d}-{day:02d}\n\n" + " ".join(sentences) + f"\n\nThis is report number {number}.\n"


def _add_articles(corpus: Path, start: int, count: int) -> int:
    for number in range(start, start + count):
        (corpus / f"article-{number:04d}.txt").write_text(_article(number), encoding="utf-8")
    return start + count


@dataclass
class Snapshot:
    """What a reader sees in the warehouse, and what the committed runs' markers say it should see."""

    counts: dict[str, int] = field(default_factory=dict)
    ledger: dict[str, int] = field(default_factory=dict)
    doc_ids: set[str] = field(default_factory=set)
    event_ids: set[str] = field(default_factory=set)
    sentences: set[tuple[str, int]] = field(default_factory=set)
    rejects: set[tuple[str, str]] = field(default_factory=set)
    doubled: int = 0


def _ledger(warehouse: Path) -> dict[str, int]:
    """The counts the committed runs' markers add up to."""
    totals = Counter({"documents": 0, "sentences": 0, "events": 0, "rejects": 0, "runs": 0})
    for marker in (warehouse / "_runs").glob("*.json"):
        record = json.loads(marker.read_text(encoding="utf-8"))
        if record["kind"] == "init" or record["status"] != "committed":
            continue
        totals.update(documents=record["documents_new"], sentences=record["sentences"], events=record["events"],
                      rejects=record["rejected"], runs=1)  # fmt: skip
    return dict(totals)


def _snapshot(warehouse: Path) -> Snapshot:
    """Open the warehouse read-only and check it: every view holds exactly the committed runs, once."""
    if not (warehouse / "_runs").is_dir():
        with pytest.raises(WarehouseError, match="no warehouse here"):  # killed before the warehouse was whole
            open_warehouse(warehouse, read_only=True)
        return Snapshot(counts=_ledger_empty(), ledger=_ledger_empty())
    ledger = _ledger(warehouse)  # read before the views: no writer is alive, so both see the same runs
    con = open_warehouse(warehouse, read_only=True)
    try:
        counts = {view: con.execute(f"select count(*) from {view}").fetchone()[0] for view in ledger}  # type: ignore[index]
        doc_ids = [row[0] for row in con.execute("select doc_id from documents").fetchall()]
        event_ids = [row[0] for row in con.execute("select event_id from events").fetchall()]
        sentences = [(d, i) for d, i in con.execute("select doc_id, sentence_index from sentences").fetchall()]
        rejects = {(p, r) for p, r in con.execute("select path, reason from rejects").fetchall()}
        files = [row[0] for row in con.execute("select distinct filename from read_parquet(?, filename = true)",
                                               [str(warehouse / "*" / "run_id=*" / "*.parquet")]).fetchall()]  # fmt: skip
    finally:
        con.close()
    doubled = len(doc_ids) - len(set(doc_ids)) + len(event_ids) - len(set(event_ids)) + len(sentences) - len(set(sentences))
    for part in files:  # every part on disk is a whole Parquet file: temp files are renamed only once complete
        pq.read_metadata(part)
    committed = {p.stem for p in (warehouse / "_runs").glob("*.json")}
    for run_dir in warehouse.glob("*/run_id=*"):
        if run_dir.name.split("=", 1)[1] in committed:  # a committed run holds its parts and nothing else
            assert all(f.suffix == ".parquet" and f.name.startswith("part-") for f in run_dir.iterdir()), run_dir
    return Snapshot(counts, ledger, set(doc_ids), set(event_ids), set(sentences), rejects, doubled)


def _ledger_empty() -> dict[str, int]:
    return dict.fromkeys(("documents", "sentences", "events", "rejects", "runs"), 0)


def _dyadflow_run(corpus: Path, warehouse: Path, env: dict[str, str], kill: str | None = None) -> subprocess.Popen[bytes]:
    """`dyadflow run CORPUS --warehouse WH -q` in a new process group; kill ("N:before"/"N:after") sets the store's hook."""
    env = {**env, KILL_AT_RENAME: kill} if kill else env
    return subprocess.Popen([str(DYADFLOW), "run", str(corpus), "--warehouse", str(warehouse), "-q"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)  # fmt: skip


def _finish(child: subprocess.Popen[bytes], timeout: float = RUN_TIMEOUT) -> int:
    try:
        return child.wait(timeout)
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)
        child.wait()
        raise AssertionError(f"dyadflow run neither finished nor was killed within {timeout:.0f} s") from None


def _run_once(corpus: Path, warehouse: Path, env: dict[str, str], plan: tuple[str, Any]) -> str:
    """Start `dyadflow run` and kill its group as the plan says: what happened ("time", "rename N:before", "completed")."""
    how, value = plan
    child = _dyadflow_run(corpus, warehouse, env, kill=value if how == "rename" else None)
    if how == "time":
        try:
            child.wait(value)
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()
            return "time"
    code = _finish(child)
    if code == -signal.SIGKILL:
        return f"rename {value.split(':')[1]}"
    stderr = child.stderr.read().decode(errors="replace") if child.stderr else ""
    assert code == 0, f"dyadflow run failed on its own (exit {code}): {stderr[-2000:]}"
    return "completed"


def _plans(rnd: random.Random, run_seconds: list[float]) -> Any:
    """Where to kill, in turn: at a random moment of a run, then at the next rename of the sweep (1 before, 1 after, 2 before ...)."""
    rename = 1
    while True:
        longest = max(run_seconds, default=10.0)
        yield "time", rnd.uniform(0.5, longest)
        for moment in ("before", "after"):
            outcome = yield "rename", f"{rename}:{moment}"
            if outcome == "completed":  # the run has fewer renames: the sweep starts again
                rename = 0
                break
        rename += 1


def test_kill_loop_dyadflow_run_survives_kill_9_of_its_group_anywhere(tmp_path: Path, prefect_home: Path, coder: Any) -> None:
    rnd = random.Random(20121)
    corpus, warehouse = tmp_path / "corpus", tmp_path / "wh"
    corpus.mkdir()
    (corpus / "empty.txt").write_bytes(b"")  # one reject in every run
    next_number = _add_articles(corpus, 0, FIRST_DOCUMENTS)
    env = subprocess_env(prefect_home)
    kills: Counter[str] = Counter()
    completed = lost = doubled = 0
    run_seconds: list[float] = []
    previous = _snapshot(warehouse)
    plans = _plans(rnd, run_seconds)
    plan = next(plans)
    while sum(kills.values()) < KILLS_WANTED:
        next_number = _add_articles(corpus, next_number, MORE_DOCUMENTS)  # the inbox grows
        started = time.monotonic()
        outcome = _run_once(corpus, warehouse, env, plan)
        if outcome == "completed":
            completed += 1
            run_seconds.append(time.monotonic() - started)
        else:
            kills[outcome] += 1
        now = _snapshot(warehouse)
        assert now.counts == now.ledger, f"killed at {plan}: the views do not hold exactly the committed runs"
        lost += len(previous.doc_ids - now.doc_ids) + len(previous.event_ids - now.event_ids)
        doubled += now.doubled
        if now.ledger["runs"] == previous.ledger["runs"]:
            assert now.counts == previous.counts, f"killed at {plan}: the views changed without a commit"
        previous = now
        plan = plans.send(outcome) if plan[0] == "rename" else next(plans)
    # a last run, left alone, completes; the warehouse then equals a clean single run over the same corpus
    assert _run_once(corpus, warehouse, env, ("never", None)) == "completed"
    final = _snapshot(warehouse)
    assert final.counts == final.ledger
    leftovers = [p for p in warehouse.rglob("*") if p.name.endswith(".tmp")]
    committed = {p.stem for p in (warehouse / "_runs").glob("*.json")}
    stray = [p for p in warehouse.glob("*/run_id=*") if p.name.split("=", 1)[1] not in committed]
    assert leftovers == [] and stray == []
    run([corpus], tmp_path / "clean", coder=coder)
    clean = _snapshot(tmp_path / "clean")
    lost += len(clean.doc_ids - final.doc_ids) + len(clean.event_ids - final.event_ids) + len(clean.sentences - final.sentences)
    assert (final.doc_ids, final.sentences, final.event_ids, final.rejects) == (
        clean.doc_ids,
        clean.sentences,
        clean.event_ids,
        clean.rejects,
    )
    for view in ("documents", "sentences", "events"):
        assert final.counts[view] == clean.counts[view]
    assert lost == 0 and doubled == 0
    print(
        f"\nkills={sum(kills.values())} lost={lost} doubled={doubled} completed={completed} "
        f"committed_runs={final.ledger['runs']} documents={final.counts['documents']} sentences={final.counts['sentences']} "
        f"events={final.counts['events']} kinds={dict(sorted(kills.items()))}"
    )
