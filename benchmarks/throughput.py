"""Coder throughput against spaCy's own: the same text, one process, best of a few alternating rounds.

    .venv/bin/python benchmarks/throughput.py --corpus ../shared/seeds --repeat 20
    .venv/bin/python benchmarks/throughput.py --articles 300 --workers 2

spaCy alone runs the model as shipped (all its components, NER included) with `nlp.pipe`, batch
size 64, over the documents' text, once a document per doc and once a paragraph per doc (as the
coder feeds it); the faster of the two is the one compared. The coder splits and codes the same documents (no storage): the
`senter` splits, only the sentences that can hold an event are tagged and parsed, NER is not run.
Both are timed in the same process, alternately, `--rounds` times; the best round of each counts.
The last line holds `ratio=` (coder throughput / spaCy throughput) and, with `--workers N`, the
speed-up of N worker processes (one model each) over one.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import resource
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.corpus import default_source, generated_documents, read_documents  # noqa: E402
from coders.sentences import paragraphs  # noqa: E402
from flows.defaults import PARALLEL_BATCH_DOCUMENTS  # noqa: E402
from schemas.records import Document  # noqa: E402

if TYPE_CHECKING:
    from coders.coder import Coder

CHUNK_DOCUMENTS = PARALLEL_BATCH_DOCUMENTS  # documents per task handed to a worker, as the flow's coding tasks hold


@dataclass
class Timing:
    """The best round of one contender: wall and CPU seconds, and what it got through."""

    wall: float
    cpu: float | None  # None for a pool: its work is the workers' CPU, not this process's
    sentences: int
    tokens: int
    extra: str = ""

    def line(self, label: str) -> str:
        """One line of figures."""
        cpu = f"  (cpu {self.cpu:.2f} s)" if self.cpu is not None else ""
        return f"{label:<7} {self.wall:7.2f} s  {self.sentences / self.wall:7.1f} sentences/s  {self.tokens / self.wall:8.0f} tokens/s{cpu}{self.extra}"


def best_of(rounds: int, contenders: dict[str, Callable[[], Timing]]) -> dict[str, Timing]:
    """Run the contenders alternately `rounds` times and keep each one's fastest round."""
    best: dict[str, Timing] = {}
    for _ in range(rounds):
        for name, run in contenders.items():
            timing = run()
            if name not in best or timing.wall < best[name].wall:
                best[name] = timing
    return best


def spacy_run(nlp, texts: list[str], batch_size: int) -> Timing:  # type: ignore[no-untyped-def]
    """spaCy alone over the texts."""
    sentences = tokens = 0
    wall, cpu = time.perf_counter(), time.process_time()
    for doc in nlp.pipe(texts, batch_size=batch_size):
        tokens += len(doc)
        sentences += sum(1 for _ in doc.sents)
    return Timing(time.perf_counter() - wall, time.process_time() - cpu, sentences, tokens)


def coder_run(coder, documents: list[Document], tokens: int) -> Timing:  # type: ignore[no-untyped-def]
    """The coder (split + code, nothing stored) over the documents."""
    sentences = events = 0
    wall, cpu = time.perf_counter(), time.process_time()
    for coded in coder.code(documents):
        sentences += len(coded.sentences)
        events += len(coded.events)
    return Timing(time.perf_counter() - wall, time.process_time() - cpu, sentences, tokens, f"  {events} events")


def parsed_share(coder, documents: list[Document]) -> float:  # type: ignore[no-untyped-def]
    """The share of sentences the coder's filter sends to the parser (an untimed pass)."""
    from coders.sentences import parse_documents

    total = parsed = 0
    for _, sentences in parse_documents(documents, coder.nlp, candidates=coder.candidates):
        total += len(sentences)
        parsed += sum(s.span is not None for s in sentences)
    return parsed / max(1, total)


# ------------------------------------------------------------------------------------- workers
_worker_coder = None


def _load_worker(ready) -> None:  # type: ignore[no-untyped-def]
    """Pool initializer: load the coder once in this worker, then wait for the others."""
    global _worker_coder
    from coders.coder import Coder

    _worker_coder = Coder()
    list(_worker_coder.code([]))
    ready.wait()


def _code_chunk(documents: list[Document]) -> tuple[int, int, float]:
    """Code a chunk in a worker: its sentences, events, and the worker's peak memory so far (MB)."""
    sentences = events = 0
    for coded in _worker_coder.code(documents):  # type: ignore[union-attr]
        sentences += len(coded.sentences)
        events += len(coded.events)
    return sentences, events, peak_mb()


def pool_run(workers: int, documents: list[Document], tokens: int, rounds: int) -> tuple[Timing, float]:
    """The coder in `workers` processes (one model each), documents handed out in chunks: best round, worker peak MB."""
    context = mp.get_context("spawn")
    ready = context.Barrier(workers + 1)
    chunks = [documents[i : i + CHUNK_DOCUMENTS] for i in range(0, len(documents), CHUNK_DOCUMENTS)]
    best: Timing | None = None
    peak = 0.0
    with context.Pool(workers, initializer=_load_worker, initargs=(ready,)) as pool:
        ready.wait()  # every worker has its model
        for _ in range(rounds):
            wall = time.perf_counter()
            results = list(pool.imap_unordered(_code_chunk, chunks, chunksize=1))
            elapsed = time.perf_counter() - wall
            timing = Timing(elapsed, None, sum(r[0] for r in results), tokens, f"  {workers} worker(s), one model each")
            peak = max([peak, *(r[2] for r in results)])
            if best is None or timing.wall < best.wall:
                best = timing
    assert best is not None
    return best, peak


def peak_mb() -> float:
    """Peak resident memory of this process in MB (VmHWM where /proc has it: a spawned worker's own, not its parent's)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> None:
    """Parse the arguments, build the corpus, time spaCy and the coder, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, help="a folder (or file) of articles; default: generated articles")
    parser.add_argument("--articles", type=int, default=300, help="generated articles when no --corpus (default 300)")
    parser.add_argument("--repeat", type=int, default=1, help="read the corpus this many times over (default 1)")
    parser.add_argument("--rounds", type=int, default=3, help="alternating timed rounds, best kept (default 3)")
    parser.add_argument("--batch-size", type=int, default=64, help="nlp.pipe batch size for spaCy alone (default 64)")
    parser.add_argument("--workers", type=int, default=1, help="also time N worker processes and print the speed-up")
    parser.add_argument(
        "--profile",
        type=Path,
        metavar="FILE.html",
        help="also profile one coder pass with pyinstrument (pip install -e .[bench]), write FILE.html, print the top",
    )
    args = parser.parse_args(argv)

    import spacy

    from coders.coder import Coder
    from coders.nlp import MODEL

    if args.corpus:
        documents = read_documents(args.corpus)
        origin = str(args.corpus)
    else:
        documents = generated_documents(args.articles)
        origin = f"{args.articles} articles generated from {default_source()}"
    documents = documents * args.repeat
    if not documents:
        sys.exit(f"no documents in {origin}")
    texts = [d.text for d in documents]
    pieces = [d.text[s:e] for d in documents for s, e in paragraphs(d.text)]

    shipped = spacy.load(MODEL)
    coder = Coder()
    list(coder.code(documents[:2]))  # warm up both
    list(shipped.pipe(texts[:2]))
    tokens = sum(len(doc) for doc in shipped.tokenizer.pipe(texts))
    load = os.getloadavg()[0]
    best = best_of(
        args.rounds,
        {
            "spacy": lambda: spacy_run(shipped, texts, args.batch_size),
            "spacy_paragraphs": lambda: spacy_run(shipped, pieces, args.batch_size),
            "coder": lambda: coder_run(coder, documents, tokens),
        },
    )
    spacy_t, paragraphs_t, coder_t = best["spacy"], best["spacy_paragraphs"], best["coder"]
    print(f"corpus  {origin} x{args.repeat}: {len(documents)} documents, {spacy_t.sentences} sentences, {tokens} tokens")
    print(f"machine {os.cpu_count()} cores, load average {load:.2f} at start; best of {args.rounds} alternating rounds")
    print(spacy_t.line("spacy") + f"  [{MODEL}: {' '.join(shipped.pipe_names)}, batch {args.batch_size}, one doc per document]")
    print(paragraphs_t.line("spacy") + "  [the same, one doc per paragraph, as the coder feeds it]")
    share = parsed_share(coder, documents)
    print(coder_t.line("coder") + f"  [senter; {' '.join(coder.nlp.pipe_names)} on the {share:.0%} of sentences that can hold an event]")
    print(f"memory  peak {peak_mb():.0f} MB (this process: both pipelines, corpus)")
    fastest = min(spacy_t, paragraphs_t, key=lambda t: t.wall)  # compare with spaCy's better way to be fed
    ratio = fastest.wall / coder_t.wall  # the same text: the ratio of their token throughputs
    cpu_ratio = fastest.cpu / coder_t.cpu
    tail = f"ratio={ratio:.2f} (cpu time: {cpu_ratio:.2f})"
    if args.workers > 1:
        one, _ = pool_run(1, documents, tokens, args.rounds)
        many, worker_peak = pool_run(args.workers, documents, tokens, args.rounds)
        print(one.line("pool 1"))
        print(many.line(f"pool {args.workers}"))
        print(f"memory  peak {worker_peak:.0f} MB per worker process")
        tail += f" speedup={one.wall / many.wall:.2f}x ({args.workers} workers over 1)"
    if args.profile:
        profile_coder(coder, documents, tokens, args.profile)
    print(tail)


def profile_coder(coder: Coder, documents: list[Document], tokens: int, out: Path) -> None:
    """One coder pass under pyinstrument: the HTML report to out, the calls that cost most printed."""
    try:
        from pyinstrument import Profiler
    except ImportError:
        sys.exit("--profile needs pyinstrument: .venv/bin/pip install -e '.[bench]'")
    profiler = Profiler(interval=0.001)
    with profiler:
        coder_run(coder, documents, tokens)
    out.write_text(profiler.output_html(), encoding="utf-8")
    print(profiler.output_text(unicode=False, color=False, show_all=False, short_mode=True, time="percent_of_total"))
    print(f"profile written to {out}")


if __name__ == "__main__":
    main()
