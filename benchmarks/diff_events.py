"""Code a fixed corpus and write one JSON line per event, or compare with an earlier run: did a change alter what is coded?

The corpus: the seed articles (``../shared/seeds``), the dev gold sentences
(``../shared/gold/seed_events.dev.jsonl``), the PETRARCH v2_02 validation records and the PETRARCH
unit-test records (each coded with the suite's own dictionaries, as ``dyadflow validate`` does, and
with our lexicon), and the case table ``tests/data/coder_cases.toml``. A part whose ../shared
files are absent is skipped and said so.

    python benchmarks/diff_events.py --out /tmp/before.jsonl
    python benchmarks/diff_events.py --against /tmp/before.jsonl [--ignore-resolver]
    python benchmarks/diff_events.py --against /tmp/before.jsonl --resolver-counts

Each line is every field of an event plus its ``part``, keys sorted, lines sorted. With
``--against`` the lines that differ are printed (``-`` before, ``+`` now) and ``changed=N`` at the
end; the exit status is 1 when N > 0. ``--ignore-resolver`` compares rules without the name of the
role resolver a rule carries (``+target:possessor``), which only says how a role was found.
``--resolver-counts`` prints, per resolver name, how many events of the run carry it, and how many
events the run adds over the earlier one per resolver (``added[NAME]=N``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import tomllib
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CASES = ROOT / "tests" / "data" / "coder_cases.toml"
SUITES = {
    "v2_02": ("petrarch", "v2_02", "PETR_Validate_records_2_02.xml"),
    "unit": ("petrarch", "PETR.UnitTest.records.xml"),
}
RESOLVER = re.compile(r"\+(?:target|source):[\w-]+")


def _documents_of_seeds(seeds: Path) -> Iterator:
    from coders.ingest import read_input
    from schemas import Document

    for path in sorted(seeds.iterdir()):
        yield from (d for d in read_input(path) if isinstance(d, Document))


def _documents_of_gold(gold: Path) -> Iterator:
    from coders.ingest import document_from_text

    for number, line in enumerate(gold.read_text(encoding="utf-8").splitlines(), start=1):
        record = json.loads(line)
        date = dt.date.fromisoformat(record["doc_date"])
        yield document_from_text(record["sentence"], path=f"gold:{number}", default_date=date)


def _documents_of_cases(cases: Path) -> Iterator:
    from coders.ingest import document_from_text

    for case in tomllib.loads(cases.read_text(encoding="utf-8"))["case"]:
        yield document_from_text(case["text"], path=f"case:{case['id']}", default_date=case["date"])


def _documents_of_suite(suite) -> list:  # noqa: ANN001 - a coders.petrarch.validate.Suite
    from coders.petrarch.validate import record_document

    return [record_document(i, record, suite.path) for i, record in enumerate(suite.records)]


def _lines(part: str, coded: Iterable) -> Iterator[str]:
    for document in coded:
        for event in document.events:
            fields = json.loads(event.model_dump_json())
            fields["part"] = part
            yield json.dumps(fields, sort_keys=True, ensure_ascii=False)


def code_corpus(parts: set[str] | None = None, shared: Path = SHARED, cases: Path = CASES) -> list[str]:
    """The corpus coded: one sorted JSON line per event, each with its part."""
    from coders.coder import Coder
    from coders.petrarch.load import DictionaryCoder
    from coders.petrarch.validate import read_suite, suite_dictionaries

    coder = Coder()
    lines: list[str] = []

    def wanted(name: str) -> bool:
        return parts is None or name in parts

    sources = {
        "seeds": (shared / "seeds", _documents_of_seeds),
        "gold": (shared / "gold" / "seed_events.dev.jsonl", _documents_of_gold),
        "cases": (cases, _documents_of_cases),
    }
    for name, (path, documents) in sources.items():
        if not wanted(name):
            continue
        if not path.exists():
            print(f"skipped={name} ({path} is absent)", file=sys.stderr)
            continue
        lines += _lines(name, coder.code(documents(path)))
    for name, parts_of_path in SUITES.items():
        path = shared.joinpath(*parts_of_path)
        if not (wanted(name) or wanted(f"{name}-ours")):
            continue
        if not path.exists():
            print(f"skipped={name} ({path} is absent)", file=sys.stderr)
            continue
        suite = read_suite(path)
        if wanted(f"{name}-ours"):
            lines += _lines(f"{name}-ours", coder.code(_documents_of_suite(suite)))
        if wanted(name):
            dictionary_coder = DictionaryCoder(suite_dictionaries(suite, nlp=coder.nlp), coder.nlp)
            lines += _lines(name, dictionary_coder.code(_documents_of_suite(suite)))
    return sorted(lines)


def normalised(line: str) -> str:
    """A line with the resolver name taken out of its rule."""
    fields = json.loads(line)
    fields["rule"] = RESOLVER.sub("", fields["rule"])
    return json.dumps(fields, sort_keys=True, ensure_ascii=False)


def resolvers(line: str) -> list[str]:
    """The resolver names a line's rule carries ("target:possessor")."""
    return [name.lstrip("+") for name in RESOLVER.findall(json.loads(line)["rule"])]


def diff(before: list[str], now: list[str], ignore_resolver: bool) -> tuple[list[str], list[str]]:
    """(lines only before, lines only now) as written, compared as written or with resolver names taken out."""
    key = normalised if ignore_resolver else (lambda line: line)

    def only(lines: list[str], other: list[str]) -> list[str]:
        spare = Counter(map(key, other))
        out = []
        for line in lines:
            if spare[key(line)]:
                spare[key(line)] -= 1
            else:
                out.append(line)
        return sorted(out)

    return only(before, now), only(now, before)


def main(argv: list[str] | None = None) -> int:
    """Code the corpus; write it, or compare it with an earlier run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="write the JSON lines here (default: standard output)")
    parser.add_argument("--against", type=Path, help="an earlier run's file to compare with")
    parser.add_argument("--ignore-resolver", action="store_true", help="compare rules without resolver names")
    parser.add_argument("--resolver-counts", action="store_true", help="count the events each resolver gives and adds")
    parser.add_argument("--parts", help="comma-separated parts: seeds,gold,cases,v2_02,v2_02-ours,unit,unit-ours")
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared folder (default: beside the worktree)")
    parser.add_argument("--cases", type=Path, default=CASES, help="the case table (default: tests/data/coder_cases.toml)")
    args = parser.parse_args(argv)
    now = code_corpus(set(args.parts.split(",")) if args.parts else None, args.shared, args.cases)
    if args.out:
        args.out.write_text("".join(line + "\n" for line in now), encoding="utf-8")
    elif not args.against:
        sys.stdout.write("".join(line + "\n" for line in now))
    print(f"events={len(now)}", file=sys.stderr)
    if args.resolver_counts:
        for name, count in sorted(Counter(n for line in now for n in resolvers(line)).items()):
            print(f"events[{name}]={count}")
    if not args.against:
        return 0
    before = args.against.read_text(encoding="utf-8").splitlines()
    if args.parts:  # compare the parts coded now only
        before = [line for line in before if json.loads(line)["part"] in args.parts.split(",")]
    gone, added = diff(before, now, args.ignore_resolver)
    for line in gone:
        print(f"- {line}")
    for line in added:
        print(f"+ {line}")
    if args.resolver_counts:
        counts = Counter(n for line in added for n in resolvers(line) or ["none"])
        for name, count in sorted(counts.items()):
            print(f"added[{name}]={count}")
        print(f"removed={len(gone)}")
    changed = len(gone) + len(added)
    print(f"changed={changed}")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
