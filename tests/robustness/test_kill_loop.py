"""kill -9 at random points of a run, again and again: the warehouse always opens, its views always hold
exactly the committed runs, nothing is lost or doubled, and a last run ends as a clean single run would.

A child process runs `dyadflow.pipeline.run` over a generated corpus into one warehouse. It announces each
rename the store makes (a table part, or the commit marker) and pauses a moment before and after it, so
the parent can kill it with the temp file written but not renamed, or with the run committed but its lock
still held; other kills come at random times. The corpus grows after every committed run, so that every
run has documents to write.
"""

from __future__ import annotations

import json
import queue
import random
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from dyadflow.pipeline import run
from schemas.errors import WarehouseError
from warehouse.db import open_warehouse

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
KILLS_WANTED = 24
MAX_STARTS = 60
FIRST_DOCUMENTS, MORE_DOCUMENTS = 30, 4

COUNTRIES = ["Russia", "China", "Kazakhstan", "Uzbekistan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Iran", "Turkey", "Georgia"]
VERBS = ["criticized", "accused", "praised", "visited", "urged", "threatened", "condemned", "thanked", "hosted", "blamed"]

CHILD = """
import json, os, sys, time
from pathlib import Path
import warehouse.store as store
from dyadflow.pipeline import run

corpus, warehouse, pause = sys.argv[1], sys.argv[2], float(sys.argv[3])


class Announcing:
    # The os module as the store sees it, but every rename is announced, with a pause before and after.
    def __getattr__(self, name):
        return getattr(os, name)

    def replace(self, src, dst):
        kind = "marker" if Path(dst).parent.name == "_runs" else "part"
        print("before", kind, dst, flush=True)
        time.sleep(pause)
        os.replace(src, dst)
        print("after", kind, dst, flush=True)
        time.sleep(pause)


store.os = Announcing()
print("start", flush=True)
summary = run([corpus], warehouse)
print("done", json.dumps(summary.counts()), flush=True)
"""


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
        (corpus / f"article-{number:03d}.txt").write_text(_article(number), encoding="utf-8")
    return start + count


@dataclass
class Snapshot:
    """What a reader sees in the warehouse, and what the committed runs' markers say it should see."""

    counts: dict[str, int] = field(default_factory=dict)
    ledger: dict[str, int] = field(default_factory=dict)
    doc_ids: set[str] = field(default_factory=set)
    event_ids: set[str] = field(default_factory=set)


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
        sentence_keys = con.execute("select count(*) - count(distinct (doc_id, sentence_index)) from sentences").fetchone()[0]  # type: ignore[index]
        files = [row[0] for row in con.execute("select distinct filename from read_parquet(?, filename = true)",
                                               [str(warehouse / "*" / "run_id=*" / "*.parquet")]).fetchall()]  # fmt: skip
    finally:
        con.close()
    assert len(doc_ids) == len(set(doc_ids)), "a document stored twice"
    assert len(event_ids) == len(set(event_ids)), "an event stored twice"
    assert sentence_keys == 0, "a sentence stored twice"
    for part in files:  # every part on disk is a whole Parquet file: temp files are renamed only once complete
        pq.read_metadata(part)
    committed = {p.stem for p in (warehouse / "_runs").glob("*.json")}
    for run_dir in warehouse.glob("*/run_id=*"):
        if run_dir.name.split("=", 1)[1] in committed:  # a committed run holds its parts and nothing else
            assert all(f.suffix == ".parquet" and f.name.startswith("part-") for f in run_dir.iterdir()), run_dir
    return Snapshot(counts, ledger, set(doc_ids), set(event_ids))


def _ledger_empty() -> dict[str, int]:
    return dict.fromkeys(("documents", "sentences", "events", "rejects", "runs"), 0)


def _reader(stream: Any, lines: queue.Queue[tuple[float, str]]) -> None:
    for line in stream:
        lines.put((time.monotonic(), line.strip()))
    lines.put((time.monotonic(), "eof"))


def _start(corpus: Path, warehouse: Path, pause: float) -> tuple[subprocess.Popen[str], queue.Queue[tuple[float, str]]]:
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(corpus), str(warehouse), str(pause)], cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)  # fmt: skip
    lines: queue.Queue[tuple[float, str]] = queue.Queue()
    threading.Thread(target=_reader, args=(child.stdout, lines), daemon=True).start()
    return child, lines


def _drive(child: subprocess.Popen[str], lines: queue.Queue[tuple[float, str]], plan: tuple[str, float]) -> str:
    """Kill the child as the plan says, unless it finishes first: where it was killed ("before marker", ...) or "completed"."""
    how, value = plan
    seen = Counter[str]()
    deadline: float | None = None
    while True:
        timeout = None if deadline is None else max(0.0, deadline - time.monotonic())
        try:
            _, line = lines.get(timeout=timeout if timeout is not None else 300)
        except queue.Empty:
            if deadline is not None:  # the random moment has come
                child.send_signal(signal.SIGKILL)
                child.wait()
                return "at a random time"
            raise AssertionError("the child neither finished nor spoke for 300 s") from None
        if line == "eof" or line.startswith("done"):
            assert child.wait() == 0, "the child failed on its own"
            return "completed"
        words = line.split()
        if line == "start" and how == "time":
            deadline = time.monotonic() + value
        if len(words) >= 2 and words[0] in ("before", "after"):
            key = f"{words[0]} {words[1]}"
            seen[key] += 1
            if how == key and seen[key] == int(value):
                child.send_signal(signal.SIGKILL)
                child.wait()
                return key


def _plan(rnd: random.Random) -> tuple[str, float]:
    """Where to kill: at a random time, or at a rename of a part or of the commit marker."""
    how = rnd.choice(["time", "time", "before part", "after part", "before marker", "after marker"])
    if how == "time":
        return how, rnd.uniform(0.0, 6.0)
    return how, float(rnd.randint(1, 5) if "part" in how else 1)


def test_kill_loop_warehouse_survives_kill_9_anywhere(tmp_path: Path, coder: Any) -> None:
    rnd = random.Random(20121)
    corpus, warehouse = tmp_path / "corpus", tmp_path / "wh"
    corpus.mkdir()
    (corpus / "empty.txt").write_bytes(b"")  # one reject in every run
    next_number = _add_articles(corpus, 0, FIRST_DOCUMENTS)
    kills: Counter[str] = Counter()
    completed = lost = starts = 0
    previous = _snapshot(warehouse)
    while sum(kills.values()) < KILLS_WANTED and starts < MAX_STARTS:
        starts += 1
        child, lines = _start(corpus, warehouse, pause=0.2)
        outcome = _drive(child, lines, _plan(rnd))
        if outcome == "completed":
            completed += 1
        else:
            kills[outcome] += 1
        now = _snapshot(warehouse)
        assert now.counts == now.ledger, f"killed {outcome}: the views do not hold exactly the committed runs"
        lost += len(previous.doc_ids - now.doc_ids) + len(previous.event_ids - now.event_ids)
        if now.ledger["runs"] > previous.ledger["runs"]:
            next_number = _add_articles(corpus, next_number, MORE_DOCUMENTS)  # the next run has new work
        else:
            assert now.counts == previous.counts, f"killed {outcome}: the views changed without a commit"
        previous = now
    # a last run, left alone, completes; the warehouse then equals a clean single run over the same corpus
    child, lines = _start(corpus, warehouse, pause=0.0)
    assert _drive(child, lines, ("never", 0)) == "completed"
    final = _snapshot(warehouse)
    assert final.counts == final.ledger
    leftovers = [p for p in warehouse.rglob("*") if p.name.endswith(".tmp")]
    committed = {p.stem for p in (warehouse / "_runs").glob("*.json")}
    stray = [p for p in warehouse.glob("*/run_id=*") if p.name.split("=", 1)[1] not in committed]
    assert leftovers == [] and stray == []
    clean = run([corpus], tmp_path / "clean", coder=coder)
    reference = _snapshot(tmp_path / "clean")
    assert (final.doc_ids, final.event_ids) == (reference.doc_ids, reference.event_ids)
    for view in ("documents", "sentences", "events"):
        assert final.counts[view] == reference.counts[view]
    assert clean.rejected == 1 and lost == 0
    assert sum(kills.values()) >= KILLS_WANTED
    print(
        f"\nkill loop: {starts} runs started, {sum(kills.values())} kill -9 survived ({dict(kills)}), "
        f"{completed} completed on their own, {final.ledger['runs']} committed runs, rows lost {lost}; "
        f"final {final.counts['documents']} documents, {final.counts['sentences']} sentences, "
        f"{final.counts['events']} events = a clean single run"
    )
