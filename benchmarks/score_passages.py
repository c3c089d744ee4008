"""Score the coder on short Central Asian news passages: precision, recall and F1 against human codings.

The passages are ``tests/data/ca_passages.toml`` (written for this project in the style of the wires
and regional outlets; see its header for the format). Each passage is coded as one document with the
coder's defaults, dated by the passage's date, and scored as ``../shared/gold/SCORING.md`` says: only
coded events whose two sides are known and differ count, an event matches a gold event of its sentence
by direction (either way for a mutual one) and CAMEO root, a secondary ("opt") event is right if coded
and free if not. A 3-letter side is a country; a longer one, an
organisation's code, matches the start of the event's actor code.

    python benchmarks/score_passages.py               # precision=, recall=, f1= and the baseline's
    python benchmarks/score_passages.py --failures    # each missed and extra event, with the coder's decisions
    python benchmarks/score_passages.py --only blind2-   # only the passages whose id starts so (a blind round)

The baseline is a naive co-occurrence coder: every ordered pair of distinct actors the coder's actor
tables find in a sentence, with the commonest code of the gold codings.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import tomllib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# run as a script, this folder comes first on sys.path and its warehouse.py would hide the package
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() not in (ROOT, ROOT / "benchmarks")]
PASSAGES = ROOT / "tests" / "data" / "ca_passages.toml"
QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})
FLAGS = ("sym", "opt")


@dataclass(frozen=True)
class GoldEvent:
    """One human coding of a sentence: who did what to whom, and how strictly it is owed."""

    source: str
    target: str
    code: str
    roots: frozenset[str]
    symmetric: bool = False
    optional: bool = False

    @classmethod
    def parse(cls, text: str) -> GoldEvent:
        """A gold event from its "SOURCE TARGET CODE [sym] [opt] [roots=RR,RR]" string."""
        source, target, code, *rest = text.split()
        roots = {code[:2]}
        for word in rest:
            if word.startswith("roots="):
                roots |= set(word.removeprefix("roots=").split(","))
            elif word not in FLAGS:
                raise ValueError(f"{PASSAGES.name}: unknown word {word!r} in gold event {text!r}")
        if not re.fullmatch(r"\d{3,4}", code) or source == target:
            raise ValueError(f"{PASSAGES.name}: malformed gold event {text!r}")
        return cls(source, target, code, frozenset(roots), "sym" in rest, "opt" in rest)


@dataclass
class Passage:
    """A passage: its date, its sentences, and each sentence's gold events."""

    id: str
    date: dt.date
    sentences: list[str]
    gold: list[list[GoldEvent]]

    @property
    def text(self) -> str:
        return " ".join(self.sentences)


@dataclass(frozen=True)
class Coded:
    """A coded event as the scorer sees it: its sides (country or actor code), actor codes, root, sentence."""

    source: str
    target: str
    source_actor: str
    target_actor: str
    root: str
    code: str
    sentence: str
    rule: str = ""


@dataclass
class Score:
    """Counts over the passages, and what was missed or extra, sentence by sentence."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    missed: list[tuple[str, str, GoldEvent]] = field(default_factory=list)  # (passage id, sentence, gold)
    extra: list[tuple[str, str, Coded]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_passages(path: Path = PASSAGES) -> list[Passage]:
    """The passages of the file, their gold events parsed."""
    passages = []
    for item in tomllib.loads(path.read_text(encoding="utf-8"))["passage"]:
        if len(item["sentences"]) != len(item["events"]):
            raise ValueError(
                f"{path.name}: passage {item['id']} has {len(item['sentences'])} sentences but {len(item['events'])} event lists"
            )
        gold = [[GoldEvent.parse(e) for e in events] for events in item["events"]]
        passages.append(Passage(item["id"], item["date"], item["sentences"], gold))
    return passages


def only_prefix(passages: list[Passage], prefix: str) -> list[Passage]:
    """The passages whose id starts with `prefix` (all of them for ""); an error when none does."""
    chosen = [p for p in passages if p.id.startswith(prefix)]
    if not chosen:
        raise ValueError(f"{PASSAGES.name}: no passage id starts with {prefix!r}")
    return chosen


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate(QUOTES)).strip().lower()


def same_sentence(gold: str, coded: str) -> bool:
    """Whether a coded event's sentence is the gold sentence (one holds the other, or most words are shared)."""
    g, c = _normal(gold), _normal(coded)
    if not g or not c:
        return False
    if g in c or c in g:
        return True
    gw, cw = set(re.findall(r"[a-z0-9]+", g)), set(re.findall(r"[a-z0-9]+", c))
    return len(gw & cw) / max(1, len(gw | cw)) >= 0.6


def side_matches(gold: str, side: str, actor: str) -> bool:
    """A 3-letter gold side is a country; a longer one, an organisation, the start of the actor code."""
    return side == gold if len(gold) == 3 else actor.startswith(gold)


def _fits(gold: GoldEvent, event: Coded, *, mirrored: bool = False) -> bool:
    source, target = (gold.target, gold.source) if mirrored else (gold.source, gold.target)
    return (
        event.root in gold.roots
        and side_matches(source, event.source, event.source_actor)
        and side_matches(target, event.target, event.target_actor)
    )


def score_sentence(gold: list[GoldEvent], coded: list[Coded]) -> tuple[list[GoldEvent], list[Coded], int]:
    """(gold events missed, coded events extra, gold events found) for one sentence, by SCORING.md's rules."""
    used: set[int] = set()
    missed, found = [], 0

    def take(g: GoldEvent, mirrored: bool) -> bool:
        for i, e in enumerate(coded):
            if i not in used and _fits(g, e, mirrored=mirrored):
                used.add(i)
                return True
        return False

    for g in (g for g in gold if not g.optional):
        if take(g, False) or (g.symmetric and take(g, True)):
            found += 1
            if g.symmetric:  # the other direction is right too: it neither adds nor costs
                take(g, True) or take(g, False)
        else:
            missed.append(g)
    for g in (g for g in gold if g.optional):
        take(g, False)
        if g.symmetric:
            take(g, True)
    return missed, [e for i, e in enumerate(coded) if i not in used], found


def score(passages: list[Passage], coded: dict[str, list[Coded]]) -> Score:
    """Precision and recall over every sentence of every passage; `coded` holds each passage's events."""
    total = Score()
    for passage in passages:
        events = [e for e in coded.get(passage.id, []) if e.source and e.target and e.source != e.target]
        for sentence, gold in zip(passage.sentences, passage.gold, strict=True):
            mine = [e for e in events if same_sentence(sentence, e.sentence)]
            missed, extra, found = score_sentence(gold, mine)
            total.tp += found
            total.fn += len(missed)
            total.fp += len(extra)
            total.missed += [(passage.id, sentence, g) for g in missed]
            total.extra += [(passage.id, sentence, e) for e in extra]
    return total


def _side(country: str | None, actor: str | None) -> str:
    """The side an event is scored by: its country, else an organisation's code; "" for a bare agent ("GOV")."""
    return country or (actor if actor and len(actor) > 3 else "")


def code_passages(coder, passages: list[Passage], *, explain: bool = False) -> tuple[dict[str, list[Coded]], dict]:  # noqa: ANN001
    """Each passage's coded events, and (with `explain`) each sentence text's coder decisions."""
    from coders.ingest import document_from_text

    coded: dict[str, list[Coded]] = {}
    decisions: dict[str, list] = {}
    for passage in passages:
        document = document_from_text(passage.text, path=passage.id, default_date=passage.date)
        for result in coder.code([document], explain=explain):
            coded[passage.id] = [
                Coded(
                    _side(e.source_country, e.source_actor),
                    _side(e.target_country, e.target_actor),
                    e.source_actor or "",
                    e.target_actor or "",
                    e.event_root,
                    e.event_code,
                    e.sentence,
                    e.rule,
                )
                for e in result.events
            ]
            for sentence, sentence_result in result.explain:
                decisions[sentence.text] = sentence_result.decisions
    return coded, decisions


def commonest_code(passages: Iterable[Passage]) -> str:
    """The commonest code of the root the gold codings use most often (events match by root)."""
    owed = [g for p in passages for gold in p.gold for g in gold if not g.optional]
    root = Counter(g.code[:2] for g in owed).most_common(1)[0][0]
    return Counter(g.code for g in owed if g.code[:2] == root).most_common(1)[0][0]


def code_baseline(coder, passages: list[Passage]) -> dict[str, list[Coded]]:  # noqa: ANN001
    """The naive co-occurrence coder: every ordered pair of distinct actors found in a sentence, one code."""
    code = commonest_code(passages)
    matcher = coder.events.matcher
    coded: dict[str, list[Coded]] = {}
    for passage in passages:
        events = []
        for sentence in passage.sentences:
            span = coder.nlp(sentence)[:]
            mentions = matcher.find(span)
            actors = {a.code: a for a in (matcher.actor(t, mentions, passage.date) for t in span) if a is not None}
            sides = {_side(a.country, a.code): a.code for a in actors.values()}
            sides.pop("", None)
            events += [Coded(s, t, sides[s], sides[t], code[:2], code, sentence) for s in sides for t in sides if s != t]
        coded[passage.id] = events
    return coded


def print_failures(result: Score, decisions: dict) -> None:
    """Each missed and extra event with its sentence and the coder's decisions for that sentence."""
    shown: set[str] = set()
    for kind, rows in (("missed", result.missed), ("extra", result.extra)):
        for passage_id, sentence, item in rows:
            if isinstance(item, GoldEvent):
                what = f"{item.source} {item.target} {item.code}{' sym' if item.symmetric else ''}"
            else:
                what = f"{item.source_actor} {item.target_actor} {item.code} rule={item.rule}"
            print(f"{kind}: [{passage_id}] {what}")
            print(f"    {sentence}")
            for text, found in decisions.items():
                if same_sentence(sentence, text) and text not in shown:
                    for d in found:
                        print(f"      {d.trigger!r} rule={d.rule} sources={d.sources} targets={d.targets} -> {d.outcome}")
            shown.add(sentence)


def main(argv: list[str] | None = None) -> int:
    """Code the passages, print the scores (key=value), and with --failures what was missed or extra."""
    parser = argparse.ArgumentParser(description="Precision, recall and F1 of the coder on tests/data/ca_passages.toml")
    parser.add_argument("--failures", action="store_true", help="list each missed and extra event with the coder's decisions")
    parser.add_argument("--passages", type=Path, default=PASSAGES, help="the passages file (default: %(default)s)")
    parser.add_argument("--only", default="", metavar="PREFIX", help="score only the passages whose id starts with PREFIX")
    args = parser.parse_args(argv)
    from dyadflow.steps import shared_coder

    passages = only_prefix(load_passages(args.passages), args.only)
    coder = shared_coder()
    coded, decisions = code_passages(coder, passages, explain=args.failures)
    result = score(passages, coded)
    baseline = score(passages, code_baseline(coder, passages))
    if args.failures:
        print_failures(result, decisions)
    print(f"passages={len(passages)}")
    print(f"sentences={sum(len(p.sentences) for p in passages)}")
    print(f"gold_events={result.tp + result.fn}")
    print(f"tp={result.tp}\nfp={result.fp}\nfn={result.fn}")
    print(f"precision={result.precision:.3f}\nrecall={result.recall:.3f}\nf1={result.f1:.3f}")
    print(f"baseline_code={commonest_code(passages)}")
    print(f"baseline_precision={baseline.precision:.3f}\nbaseline_recall={baseline.recall:.3f}\nbaseline_f1={baseline.f1:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
