"""`dyadflow run` end to end against spaCy alone on the same text, and its peak memory at two corpus sizes.

    .venv/bin/python benchmarks/run.py                      # 1,000 and 3,000 generated articles
    .venv/bin/python benchmarks/run.py --articles 1000

For each size, a corpus of generated articles (benchmarks/corpus.py: the seeds' sentences shuffled) is
written as one JSONL file in a temp dir. Two processes are timed from start to exit: `dyadflow run`
(ingest, split, code, Parquet, commit, a Prefect flow, the model loaded once)
into a fresh warehouse, and spaCy alone (the model as shipped, all its components, `nlp.pipe` over the
same texts, batch size 64). Both include loading the model. The peak resident memory of each process
(its largest child included) comes from the operating system. Prefect keeps its state in a temp
PREFECT_HOME; a first, untimed run of 5 articles sets it up and starts the local Prefect server that
later runs reuse (flows/local_server.py; it is not a child of the timed runs, and is stopped at the end),
as any machine's first run does. The fixed cost of a small run on that warm home is the time of a run
over the six example articles (`fixed_cost_s`).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.corpus import articles, default_source, source_sentences, write_jsonl  # noqa: E402
from flows.local_server import stop_server  # noqa: E402

MAX_RATIO = 1.3
MAX_PEAK_MB = 2048


@dataclass
class Measured:
    """One timed process: wall seconds, peak resident memory in MB, and its exit status."""

    seconds: float
    peak_mb: float
    status: int
    output: str


def measure(command: list[str], env: dict[str, str]) -> Measured:
    """Run command to its end; its wall time and peak RSS (from wait4, children included)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output = process.stdout.read() if process.stdout else ""
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return Measured(elapsed, usage.ru_maxrss / 1024, process.returncode, output)


def spacy_only(corpus: Path, batch_size: int) -> None:
    """The spaCy side, run as its own process: load the shipped model, parse every text, print counts."""
    import spacy

    from coders.nlp import MODEL

    texts = [json.loads(line)["text"] for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    nlp = spacy.load(MODEL)
    tokens = sentences = 0
    for doc in nlp.pipe(texts, batch_size=batch_size):
        tokens += len(doc)
        sentences += sum(1 for _ in doc.sents)
    print(json.dumps({"documents": len(texts), "sentences": sentences, "tokens": tokens}))


def stored_counts(warehouse: Path) -> tuple[int, int, int]:
    """(documents, sentences, events) the run committed."""
    from warehouse.db import open_warehouse

    con = open_warehouse(warehouse)
    try:
        row = con.execute(
            "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM sentences), (SELECT count(*) FROM events)"
        ).fetchone()
    finally:
        con.close()
    assert row is not None
    return int(row[0]), int(row[1]), int(row[2])


def bench(n: int, sentences: list[str], tmp: Path, env: dict[str, str], batch_size: int) -> tuple[float, float, float]:
    """Time spaCy alone and `dyadflow run` on n articles; print a line each; (ratio, run peak MB, spaCy peak MB)."""
    corpus = tmp / f"corpus-{n}.jsonl"
    write_jsonl(corpus, articles(n, sentences, seed=n))
    alone = measure([sys.executable, __file__, "--spacy-only", str(corpus), "--batch-size", str(batch_size)], env)
    if alone.status != 0:
        sys.exit(f"spaCy alone failed:\n{alone.output}")
    counts = json.loads(alone.output.strip().splitlines()[-1])
    warehouse = tmp / f"wh-{n}"
    run = measure([sys.executable, "-m", "dyadflow", "run", str(corpus), "--warehouse", str(warehouse), "--quiet"], env)
    if run.status != 0:
        sys.exit(f"dyadflow run failed:\n{run.output[-3000:]}")
    documents, stored, events = stored_counts(warehouse)
    ratio = run.seconds / alone.seconds
    print(f"{n:6,} articles, {counts['sentences']:,} sentences, {counts['tokens']:,} tokens")
    print(f"  spacy alone   {alone.seconds:7.1f} s  peak {alone.peak_mb:6.0f} MB  (model as shipped, nlp.pipe, batch {batch_size})")
    print(
        f"  dyadflow run  {run.seconds:7.1f} s  peak {run.peak_mb:6.0f} MB  ({documents:,} documents, {stored:,} sentences, "
        f"{events:,} events stored; Prefect flow, Parquet, commit)"
    )
    print(f"  time ratio {ratio:.2f} (target <= {MAX_RATIO})")
    return ratio, run.peak_mb, alone.peak_mb


def main(argv: list[str] | None = None) -> None:
    """Parse the arguments, build the corpora, time both sides at each size, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, nargs="+", default=[1000, 3000], help="corpus sizes (default 1000 3000)")
    parser.add_argument("--batch-size", type=int, default=64, help="nlp.pipe batch size for spaCy alone (default 64)")
    parser.add_argument("--spacy-only", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.spacy_only:
        spacy_only(args.spacy_only, args.batch_size)
        return

    sentences = source_sentences()
    print(f"corpus  articles of 8-24 sentences drawn from {len(sentences)} sentences of {default_source()}")
    print(f"machine {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start")
    results = []
    with tempfile.TemporaryDirectory(prefix="dyadflow-run-bench-") as tmp:
        env = {
            **os.environ,
            "PREFECT_HOME": str(Path(tmp) / "prefect"),
            "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        }
        warmup = Path(tmp) / "warmup.jsonl"
        write_jsonl(warmup, articles(5, sentences, seed=0))
        first = measure([sys.executable, "-m", "dyadflow", "run", str(warmup), "--warehouse", str(Path(tmp) / "wh-warmup"), "--quiet"], env)
        if first.status != 0:
            sys.exit(f"dyadflow run failed:\n{first.output[-3000:]}")
        print(f"first run on a fresh Prefect home (5 articles, untimed below): {first.seconds:.1f} s")
        try:
            examples = ROOT / "dyadflow" / "examples"
            small = measure(
                [sys.executable, "-m", "dyadflow", "run", str(examples), "--warehouse", str(Path(tmp) / "wh-examples"), "--quiet"], env
            )
            print(f"fixed_cost_s={small.seconds:.1f} (the six example articles, warm Prefect home)")
            for n in args.articles:
                results.append(bench(n, sentences, Path(tmp), env, args.batch_size))
        finally:
            stop_server(Path(tmp) / "prefect")
    worst = max(r for r, _, _ in results)
    peaks = [p for _, p, _ in results]
    growth = (
        f", peak growth {peaks[-1] - peaks[0]:+.0f} MB from {args.articles[0]:,} to {args.articles[-1]:,} articles"
        if len(peaks) > 1
        else ""
    )
    ok = worst <= MAX_RATIO and max(peaks) < MAX_PEAK_MB
    print(
        f"ratio={worst:.2f} peak={max(peaks):.0f}MB{growth}  targets {'met' if ok else 'missed'} "
        f"(ratio <= {MAX_RATIO}, peak < {MAX_PEAK_MB} MB)"
    )


if __name__ == "__main__":
    main()
