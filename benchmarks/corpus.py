"""Benchmark corpora: articles made by shuffling the sentences of the seed articles.

The sentences come from ../shared/seeds beside the project root when it is there, else from the
built-in examples in dyadflow/examples. Each article draws its sentences at random (with a fixed
seed, so a corpus is the same every time), groups them into paragraphs and gets a date, as a JSONL
record (`id`, `title`, `date`, `source`, `text`) that `dyadflow run` reads. Nothing is written into
the repository: records stay in memory or go to a file the caller names (a temp dir).
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from coders.ingest import read_inputs  # noqa: E402
from coders.nlp import load_nlp, splitter  # noqa: E402
from coders.sentences import paragraphs  # noqa: E402
from schemas.records import Document  # noqa: E402

SEEDS = ROOT.parent / "shared" / "seeds"
EXAMPLES = ROOT / "dyadflow" / "examples"
FIRST_DAY = dt.date(2005, 1, 1)
DAYS = 15 * 365


def default_source() -> Path:
    """The seed articles when ../shared is present, else the built-in examples."""
    return SEEDS if SEEDS.is_dir() else EXAMPLES


def read_documents(folder: Path | str) -> list[Document]:
    """The documents of a folder (or file), as the pipeline reads them; rejects are left out."""
    return [item for item in read_inputs([folder]) if isinstance(item, Document)]


def source_sentences(folder: Path | str | None = None) -> list[str]:
    """The sentences (split by the coder's own splitter) of the articles in `folder`, in order."""
    nlp = load_nlp()
    split = splitter(nlp)
    texts = [d.text[s:e] for d in read_documents(folder or default_source()) for s, e in paragraphs(d.text)]
    sentences = []
    for doc in split.pipe(nlp.make_doc(t) for t in texts):
        sentences.extend(" ".join(s.text.split()) for s in doc.sents if s.text.strip())
    return sentences


def articles(
    n: int,
    sentences: Sequence[str],
    *,
    seed: int = 0,
    length: tuple[int, int] = (8, 24),
    paragraph: tuple[int, int] = (1, 4),
) -> Iterator[dict[str, str]]:
    """`n` JSONL records, each a shuffle of `length` sentences in paragraphs of `paragraph` sentences."""
    if not sentences:
        raise ValueError("no sentences to build articles from")
    rng = random.Random(seed)
    for i in range(n):
        chosen = rng.sample(list(sentences), k=min(len(sentences), rng.randint(*length)))
        blocks, at = [], 0
        while at < len(chosen):
            size = rng.randint(*paragraph)
            blocks.append(" ".join(chosen[at : at + size]))
            at += size
        date = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
        yield {
            "id": f"bench-{seed}-{i:06d}",
            "title": f"Benchmark article {i}",
            "date": date.isoformat(),
            "source": "dyadflow benchmark",
            "text": "\n\n".join(blocks),
        }


def write_jsonl(path: Path, records: Iterator[dict[str, str]] | Sequence[dict[str, str]]) -> int:
    """Write records one per line to path; returns how many."""
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count


def generated_documents(n: int, *, seed: int = 0, folder: Path | str | None = None) -> list[Document]:
    """`n` generated articles read through the pipeline's own ingest (via a temporary JSONL file)."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="dyadflow-bench-") as tmp:
        path = Path(tmp) / "corpus.jsonl"
        write_jsonl(path, articles(n, source_sentences(folder), seed=seed))
        return read_documents(path)
