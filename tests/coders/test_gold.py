"""The coder measured against the human gold codings in ../shared/gold, with the project's scorer there."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

from tests.conftest import shared_path

pytestmark = [pytest.mark.slow, pytest.mark.seeds]

F1_TARGET = 0.80


def code_gold_documents(coder, gold_file, seeds) -> list[dict]:
    """Code each article the gold file covers, dated as the gold says; events as JSON objects."""
    from coders.ingest import read_input
    from schemas import Document

    dates = {}
    for line in gold_file.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        dates[record["doc"]] = dt.date.fromisoformat(record["doc_date"])
    events = []
    for name, date in sorted(dates.items()):
        documents = [d for d in read_input(seeds / name) if isinstance(d, Document)]
        documents = [d.model_copy(update={"doc_date": date, "date_source": "given"}) for d in documents]
        for coded in coder.code(documents):
            events.extend(json.loads(e.model_dump_json()) for e in coded.events)
    return events


def test_gold_f1_on_the_dev_codings(coder, tmp_path):
    gold = shared_path("gold", "seed_events.dev.jsonl")
    scorer = shared_path("tools", "score_gold.py")
    events = code_gold_documents(coder, gold, shared_path("seeds"))
    predicted = tmp_path / "events.jsonl"
    predicted.write_text("".join(json.dumps(e) + "\n" for e in events), encoding="utf-8")
    out = subprocess.run([sys.executable, str(scorer), str(gold), str(predicted), "--json"], capture_output=True, text=True, check=True)
    result = json.loads(out.stdout)
    print(json.dumps({k: result[k] for k in ("tp", "fp", "fn", "precision", "recall", "f1")}))
    assert result["f1"] >= F1_TARGET, f"F1 {result['f1']} below {F1_TARGET}: missed {result['missed']} extra {result['extra']}"
