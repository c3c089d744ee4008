"""How much of the CAMEO codebook the lexicon covers, and which of PETRARCH's CAMEO.2.0 verbs it lacks.

    .venv/bin/python benchmarks/lexicon_coverage.py                      # per code, then the summary
    .venv/bin/python benchmarks/lexicon_coverage.py --summary            # the summary lines only
    .venv/bin/python benchmarks/lexicon_coverage.py --verbs path/to/CAMEO.2.0.txt

Per CAMEO event code of `coders/data/cameo.csv` (three or four digits): how many entries of
`coders/data/verbs.csv` code it (verbs and nouns), whether it is reachable at all (an entry's code,
or one that intent, refusal, appeal, demand or cessation makes of it: "urged X to release" is 0253
with no 0253 entry), and which verbs PETRARCH's CAMEO.2.0 dictionary uses for that code that no
entry of ours codes with the same code. The dictionary is used as a checklist only, read at run
time from `../shared/petrarch` (or `--verbs`): a verb "is used for" a code when the verb's line or
its block header gives the code, or when a pattern whose trailing comment names the verb does.
A verb is taken by its first word (the marked word of a multi-word verb), lowercased; a few
inflected lines ("LEFT") stay as written, so a handful of pairs can never match.

The last lines are ``key=value``: codes_covered (codes with at least one entry), codes_reachable,
codes_total,
cameo2_verbs_covered (CAMEO.2.0 verbs our lexicon has at all), cameo2_verbs_total,
cameo2_pairs_covered (verb-and-code pairs our lexicon codes with that very code),
cameo2_pairs_root_covered (... with a code of the same root), cameo2_pairs_total, entries.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from coders.cameo import cameo_table  # noqa: E402
from coders.lexicon import Lexicon, load_lexicon  # noqa: E402
from schemas.errors import LexiconError  # noqa: E402

DEFAULT_VERBS = ROOT.parent / "shared" / "petrarch" / "CAMEO.2.0.txt"
_CODE = re.compile(r"\[([^\]]*)\]")
_BLOCK = re.compile(r"^---\s*(?P<name>.*?)\s*\[(?P<code>[^\]]*)\]\s*---")
_COMMENT_VERB = re.compile(r"#\s*([A-Z][A-Z_+-]*)")


def _cameo_code(text: str, known: set[str]) -> str | None:
    """The CAMEO code a bracket holds (the first of a paired code), if it is one of the table's."""
    code = text.strip().split(":")[0].strip()
    return code if code in known else None


def _verb_word(head: str) -> str:
    """The verb of a dictionary verb line: the '+'-marked word of a multi-word verb, else the first."""
    words = head.split("_")
    marked = [w for w in words if w.startswith("+")]
    return (marked[0] if marked else words[0]).lstrip("+").lower()


def cameo2_pairs(path: Path, known: set[str]) -> dict[str, set[str]]:
    """verb -> the CAMEO codes CAMEO.2.0 uses it for (its line's or block's code, and its patterns')."""
    pairs: dict[str, set[str]] = defaultdict(set)
    block_code: str | None = None
    block_verbs: set[str] = set()
    in_set = False
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("&"):
            in_set = True
            continue
        if in_set and line.startswith("+"):
            continue
        in_set = False
        block = _BLOCK.match(line)
        if block:
            block_code = _cameo_code(block.group("code"), known)
            block_verbs = set()
            continue
        body, _, comment = line.partition("#")
        if line.startswith("-"):
            found = _CODE.findall(body)
            code = _cameo_code(found[-1], known) if found else None
            named = _COMMENT_VERB.match("#" + comment) if comment else None
            if code and named:
                verb = _verb_word(named.group(1))
                if verb in block_verbs:
                    pairs[verb].add(code)
            continue
        if line.startswith(("+", "~")) or block_code is None and not _CODE.search(body):
            head = body.split("{", 1)[0].strip()
            if head and not line.startswith("~"):
                block_verbs.add(_verb_word(head))
            continue
        head = _CODE.sub("", body.split("{", 1)[0]).strip()
        if not head or " " in head:
            continue
        verb = _verb_word(head)
        block_verbs.add(verb)
        own = _CODE.search(body.split("{", 1)[0])
        code = _cameo_code(own.group(1), known) if own else block_code
        if code:
            pairs[verb].add(code)
    return dict(pairs)


def reachable_codes(lexicon: Lexicon) -> set[str]:
    """The codes an entry gives, and those its intent, refusal, appeal, demand or cessation gives."""
    modality = lexicon.modality
    found: set[str] = set()
    for code in {entry.code for entry in lexicon.entries}:
        found.add(code)
        for change in (modality.intent_code, modality.refusal_code, modality.appeal_code, modality.demand_code):
            try:
                found.add(change(code))
            except LexiconError:
                pass
        ended = modality.cessation_code(code)
        if ended:
            found.add(ended)
    return found


def main(argv: list[str] | None = None) -> int:
    """Print per-code coverage and the summary lines."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--verbs", type=Path, default=DEFAULT_VERBS, help="PETRARCH verb dictionary (CAMEO.2.0.txt)")
    parser.add_argument("--summary", action="store_true", help="print only the key=value summary")
    args = parser.parse_args(argv)

    table = cameo_table()
    codes = sorted(code for code in table if len(code) > 2)  # event codes; a root ("01") is a category
    known = set(codes)
    lexicon = load_lexicon()
    by_code: dict[str, int] = defaultdict(int)
    ours: dict[str, set[str]] = defaultdict(set)  # lemma -> codes (verbs and nouns: a noun may stand for the verb)
    for entry in lexicon.entries:
        by_code[entry.code] += 1
        ours[entry.lemma].add(entry.code)
    reachable = reachable_codes(lexicon)

    pairs: dict[str, set[str]] = {}
    if args.verbs.is_file():
        pairs = cameo2_pairs(args.verbs, known)
    else:
        print(f"no verb dictionary at {args.verbs}: CAMEO.2.0 figures left out", file=sys.stderr)
    lacking: dict[str, list[str]] = defaultdict(list)
    covered_pairs = root_pairs = 0
    for verb, verb_codes in pairs.items():
        for code in verb_codes:
            if code in ours.get(verb, ()):
                covered_pairs += 1
            else:
                lacking[code].append(verb)
            if any(c[:2] == code[:2] for c in ours.get(verb, ())):
                root_pairs += 1

    if not args.summary:
        for code in codes:
            missing = sorted(lacking.get(code, []))
            name = getattr(table[code], "name", "")
            mark = "" if by_code.get(code) else (" (modality)" if code in reachable else " (none)")
            print(f"{code:<5} entries={by_code.get(code, 0):<3}{mark:<11} {name[:44]:<44} lacks: {' '.join(missing) or '-'}")
    total_pairs = sum(len(v) for v in pairs.values())
    print(f"entries={len(lexicon.entries)}")
    print(f"codes_covered={sum(1 for c in codes if by_code.get(c))}")
    print(f"codes_reachable={sum(1 for c in codes if c in reachable)}")
    print(f"codes_total={len(codes)}")
    print(f"cameo2_verbs_covered={sum(1 for v in pairs if v in ours)}")
    print(f"cameo2_verbs_total={len(pairs)}")
    print(f"cameo2_pairs_covered={covered_pairs}")
    print(f"cameo2_pairs_root_covered={root_pairs}")
    print(f"cameo2_pairs_total={total_pairs}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
