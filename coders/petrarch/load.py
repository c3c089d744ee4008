"""Load PETRARCH dictionaries, alone or on top of our own data, and build a coder from them.

Precedence when a dictionary and our own data both define something:

- Verbs: a verb (lemma) our lexicon has is coded by our entries alone; the dictionaries add the
  verbs it lacks, with all their patterns. Our entries are written for the coder's own reading of
  the parse, while a dictionary pattern is mapped onto it approximately (see verbs.py), so where
  both know a verb ours is the better guide; a dictionary extends the vocabulary. (On the gold
  codings of the seeds, with the Phoenix dictionaries but no discards, letting CAMEO.2.0.txt's
  entries compete with ours gave F1 0.71; this rule gives 0.85.) To code with a dictionary's
  verbs alone, load it without `base_lexicon`.
- Grammar (modality words and tables, light verbs, the coder's own word sets): always our own;
  the dictionaries do not have them. Each entry is coded by the conventions of where it comes
  from (`Lexicon.follows_petrarch`): a dictionary entry keeps its own code for a future or planned
  act ("will contribute" is CONTRIBUTE's 070, where our entries code the intent, 03x), since a
  dictionary writes intent as patterns of its own (``- WILL * [036]``); and when its object and
  prepositions name no actor, its target is the first actor of the verb phrase, as PETRARCH
  reads it ("left for Tashkent"). Our entries keep our conventions in the same coder.
- Actors: where a dictionary phrase and one of ours cover the same words, the longer match wins,
  ours on a tie; an agent phrase in both keeps our code.
- Discards: all lists apply.

`DictionaryCoder` is the same coder with the two things a dictionary adds: the reversed second
event of a paired code (``[042:043]``), and discards (a ``+`` phrase drops the story's events, any
phrase drops its sentence's). Its version, stored with each event, names a hash of the
dictionary files, so events coded with other dictionaries are told apart.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from spacy.language import Language

from coders.actor_data import ActorData
from coders.coder import CodedDocument, Coder
from coders.events import GRAMMAR_SETS, cameo_fields, event_id
from coders.kinds import RuleModifier, rule_modifiers
from coders.lexicon import PETRARCH, Lexicon, load_lexicon
from coders.nlp import load_nlp
from coders.petrarch.actors import DictionaryActorData, NamedActor, read_actors, read_agents
from coders.petrarch.common import Problem
from coders.petrarch.dictionary_lexicon import DictionaryLexicon, spacy_lemmatizer
from coders.petrarch.discards import Discards, read_discards
from coders.petrarch.matcher import DictionaryActorMatcher
from coders.petrarch.pico import negations
from coders.petrarch.verbs import read_verbs
from schemas.errors import DictionaryError
from schemas.records import Document, Event

# Rule modifiers after which a paired code still holds (a compound subject is still the act itself).
_PAIRED_RULE_MODIFIERS = ((), (RuleModifier.COMPOUND,))

_COUNT_NAMES = {"blocks": "verb blocks", "patterns": "verb patterns", "synsets": "synonym sets"}

DICTIONARY_NAMES = {
    "verbs": ("*verbs*.txt", "CAMEO*.txt"),
    "actors": ("*actors*.txt",),
    "agents": ("*agents*.txt",),
    "discards": ("*discards*.txt",),
}


@dataclass
class LoadReport:
    """What loading read and left out: counts, unsupported pattern parts, codes outside CAMEO, skipped lines."""

    counts: Counter[str] = field(default_factory=Counter)
    notes: Counter[str] = field(default_factory=Counter)
    foreign_codes: Counter[str] = field(default_factory=Counter)
    problems: list[Problem] = field(default_factory=list)

    digest: str = ""  # a hash of the files read, for the coder version stored with each event

    def summary(self) -> str:
        """One line: what was read and how many lines were skipped."""
        read = ", ".join(f"{n} {what}" for what, n in self.counts.items())
        skipped = f"; {len(self.problems)} malformed lines skipped" if self.problems else ""
        return f"read {read}{skipped}"


class Dictionaries(NamedTuple):
    """Loaded dictionaries: the lexicon and actor data the coder reads, the discard lists, the load report."""

    lexicon: DictionaryLexicon
    actor_data: DictionaryActorData
    discards: Discards
    report: LoadReport


def load_dictionaries(
    *,
    verbs: Iterable[Path | str] = (),
    actors: Iterable[Path | str] = (),
    agents: Iterable[Path | str] = (),
    discards: Iterable[Path | str] = (),
    pico: Iterable[Path | str] = (),
    base_lexicon: Lexicon | None = None,
    base_actors: ActorData | None = None,
    nlp: Language | None = None,
    strict: bool = True,
) -> Dictionaries:
    """Read PETRARCH-format dictionaries into the coder's lexicon, actor data and discard lists.

    Args:
        verbs, actors, agents, discards: dictionary files of each kind (several of each allowed).
        pico: PETRARCH 2's coding ontology (a suite's <PICOfile>): the verbs' negated acts are then
            coded as their counterparts ("did not clash", 110, is 050) instead of giving no event.
        base_lexicon: our lexicon to code on top of (None: the dictionaries' verbs alone).
        base_actors: our actor data to code on top of (None: the dictionaries' actors alone).
        nlp: the spaCy pipeline whose lemmatizer reads dictionary words (default: the coder's).
        strict: raise on the first malformed line (DictionaryError, ``file:line: message``);
            when False skip such lines and list them in the report.

    Raises:
        DictionaryError: a file is missing or, when strict, has a malformed line.
    """
    verbs, actors, agents, discards, pico = (list(map(Path, paths)) for paths in (verbs, actors, agents, discards, pico))
    files = {"verbs": verbs, "actors": actors, "agents": agents, "discards": discards}
    report = LoadReport(digest=_digest(files | ({"pico": pico} if pico else {})))
    grammar_source = base_lexicon or load_lexicon()
    lemmatize = spacy_lemmatizer(nlp or load_nlp())
    entries, paired = [], {}
    negated = {code: other for path in pico for code, other in negations(path).items()}
    conventions = PETRARCH.model_copy(update={"negations": tuple(sorted(negated.items()))})
    for path in verbs:
        read = read_verbs(path, lemmatize, strict=strict, conventions=conventions)
        entries.extend(read.entries)
        paired.update(read.paired)
        report.counts.update({_COUNT_NAMES.get(k, k): v for k, v in read.counts.items()})
        report.counts["lexicon entries"] += len(read.entries)
        report.notes.update(read.notes)
        report.foreign_codes.update(read.foreign_codes)
        report.problems.extend(read.problems.found)
    if base_lexicon is not None:
        known = {(e.pos, e.lemma) for e in base_lexicon.entries}
        entries = [*base_lexicon.entries, *(e for e in entries if (e.pos, e.lemma) not in known)]
    synsets = {name: grammar_source.synset(name) for name in GRAMMAR_SETS}
    lexicon = DictionaryLexicon(entries, synsets, grammar_source.light_verbs, grammar_source.modality, paired)

    named: list[NamedActor] = []
    for path in actors:
        actor_file = read_actors(path, strict=strict)
        named.extend(actor_file.actors)
        report.counts["actors"] += len(actor_file.actors)
        report.problems.extend(actor_file.problems.found)
    agent_codes: dict[str, str] = {}
    for path in agents:
        agent_file = read_agents(path, strict=strict)
        agent_codes.update(agent_file.agents)
        report.counts["agent phrases"] += len(agent_file.agents)
        report.problems.extend(agent_file.problems.found)
    actor_data = DictionaryActorData(named, agent_codes, base_actors)

    lists = Discards()
    for path in discards:
        lists = lists.merged(read_discards(path, strict=strict))  # compiled once, when first used
    report.counts["discard phrases"] = len(lists)
    report.problems.extend(lists.problems.found)
    return Dictionaries(lexicon, actor_data, lists, report)


def _digest(files: dict[str, list[Path]]) -> str:
    """A short hash of the dictionaries' kinds, names and bytes (a missing file is reported by its reader)."""
    digest = hashlib.sha256()
    for kind, paths in files.items():
        for path in paths:
            digest.update(f"{kind}:{path.name}:".encode())
            if path.is_file():
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def dictionary_files(folder: Path | str) -> dict[str, list[Path]]:
    """The dictionaries of a folder by kind, found by name (``*verbs*``/``CAMEO*``, ``*actors*``, ...)."""
    root = Path(folder)
    if not root.is_dir():
        raise DictionaryError("not a folder of dictionaries", path=str(root))
    found: dict[str, list[Path]] = {}
    for kind, patterns in DICTIONARY_NAMES.items():
        paths = sorted({p for pattern in patterns for p in root.glob(pattern) if p.is_file()})
        found[kind] = paths
    if not any(found.values()):
        raise DictionaryError(
            "no dictionaries here: expected *verbs*.txt or CAMEO*.txt, *actors*.txt, *agents*.txt, *discards*.txt", path=str(root)
        )
    return found


class DictionaryCoder(Coder):
    """Our coder over loaded dictionaries: adds the reversed event of paired codes and applies discards."""

    def __init__(self, dictionaries: Dictionaries, nlp: Language | None = None) -> None:
        nlp = nlp or load_nlp()
        matcher = DictionaryActorMatcher(nlp, dictionaries.actor_data)
        super().__init__(nlp, dictionaries.lexicon, matcher)
        self.candidates.matchers.append(matcher.named)  # a sentence naming a dictionary actor is parsed too
        self.dictionary_lexicon = dictionaries.lexicon
        self.discards = dictionaries.discards
        self.version = f"{self.version}+petrarch-{dictionaries.report.digest}"

    def code(self, documents: Iterable[Document], *, explain: bool = False, batch_size: int = 64) -> Iterator[CodedDocument]:
        """Code documents as `Coder.code` does, then add paired events and drop discarded ones."""
        for coded in super().code(documents, explain=explain, batch_size=batch_size):
            if self.discards.discarded(coded.document.text):
                coded.events = []
                yield coded
                continue
            discarded = {text: self.discards.sentence_discarded(text) is not None for text in {e.sentence for e in coded.events}}
            kept = [e for e in coded.events if not discarded[e.sentence]]
            coded.events = _with_paired(kept, self.dictionary_lexicon)
            yield coded


def _with_paired(events: Sequence[Event], lexicon: DictionaryLexicon) -> list[Event]:
    """The events and, for each coded by a paired entry, its reverse with the paired code (no duplicates)."""
    out = list(events)
    seen = {e.event_id for e in out}
    for event in events:
        base, modifiers = rule_modifiers(event.rule)
        if modifiers not in _PAIRED_RULE_MODIFIERS:
            continue
        code = lexicon.paired_code(base)
        if code is None:
            continue
        eid = event_id(event.doc_id, event.sentence_index, event.target_actor, event.source_actor, code)
        if eid in seen:
            continue
        seen.add(eid)
        root, quad, goldstein = cameo_fields(code)
        out.append(
            event.model_copy(
                update={
                    "event_id": eid,
                    "source_actor": event.target_actor,
                    "source_country": event.target_country,
                    "source_text": event.target_text,
                    "target_actor": event.source_actor,
                    "target_country": event.source_country,
                    "target_text": event.source_text,
                    "event_code": code,
                    "event_root": root,
                    "quad_class": quad,
                    "goldstein": goldstein,
                    "rule": event.rule + RuleModifier.PAIRED,
                }
            )
        )
    return out
