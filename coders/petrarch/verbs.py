"""PETRARCH/TABARI verb dictionaries (CAMEO.2.0.txt and the validation verbs) read into lexicon entries.

The format (PETRARCH2 ``docs/source/dictionaries.rst``):

- ``&NAME`` starts a synonym set; its ``+WORD`` / ``+TWO WORDS`` lines are the members. A member
  may name another set (``+&PACTKINDS``) or be a prepositional phrase (``+(TO THE LETTER)``).
- ``--- NAME [CODE] ---`` starts a verb block; CODE (``[---]``, the null code, when absent) is the
  code of every verb of the block that gives none of its own.
- A verb line: ``VOW {VOWS VOWED VOWING} [030]``; ``{...}`` lists inflected forms, ``[...]`` the
  verb's own code. A multi-word verb marks its verb with ``+``: ``+SEAL_OFF``, ``FAST_+TRACK``.
- A pattern line: ``- PRE * POST [CODE]``. ``*`` is the verb; ``(PREP ...)`` a prepositional
  phrase; ``{A B HEAD}`` a noun phrase whose last word is its head; ``&SET`` any member of a set;
  ``$`` the source, ``+`` the target, ``%`` a compound actor, ``^`` skip a word.
- Codes: ``[042]``; ``[042:043]`` a paired event (042 from source to target, 043 back);
  ``[:173]`` only the reverse event; ``[---]`` no event (the pattern blocks the verb's code).
- ``~`` lines are PETRARCH2's verb transformations.

How each piece maps onto the coder's lexicon (`coders.lexicon.LexiconEntry`, matched by spaCy lemma):

- Verbs are matched by lemma. A block verb's lemma is the word itself when spaCy knows it as a
  verb ("EXPRESS", not "expres"); the lemmas the parse gives its regular and listed forms are
  added (spaCy may give a regular past form a lemma of its own). A verb given inflected ("LEFT",
  "RISEN") matches that form only (the entry's ``forms``), as PETRARCH matches words: "left" is LEFT, "leaves" LEAVE.
- A pattern's first noun phrase after the verb is the entry's ``objects``; later noun phrases
  become ``modifiers``, which the coder looks for among the object's modifiers and the verb's
  adverbs. Sets are expanded; words are compared as lemmas. Words that must stand together are
  one object word, the head's lemma last, as the coder lists an object with the words right
  before it: the word before the head of a ``{noun phrase}`` (``{NEW &PACTKINDS TIES}`` asks
  for "trade ties", with "new" anywhere before) and every set member of several words
  (``+FULL EMBARGO`` is "full embargo", never a bare "embargo"). Of the other modifiers of a
  phrase only the most selective is kept, since an entry asks for any one of its modifiers.
- Words before the verb are the entry's ``subjects``: a word of the subject's phrase or an
  auxiliary (``- {BORDER GUARDS} *``, ``- WILL *``). Adverbs before the verb are not asked for
  (``- RECENTLY *`` matches no sentence), as in the dependency-parse suite's expectations.
- ``%`` before the verb asks for a compound subject, which then acts on itself (``compound``).
- A bare particle right after ``*`` (``- * OUT PLANS``), the particle of a multi-word verb, and a
  one-word parenthesis that is a particle (``(DOWN)``) are the entry's ``particle``.
- ``(PREP)``, ``(PREP +)``, ``(PREP $)`` and a bare preposition before ``+`` or ``$``
  (``- * WARNED ABOUT +``) name the preposition that carries the target (``$``: the source, the
  subject then being the target); ``+`` before the verb also makes the subject the target (the
  entry's ``reverse``).
- A prepositional phrase with words (``(ON DRAFT)``, ``(TO {CEASE FIRE})``, ``(OF &TROOPS)``,
  a bare ``ON &DEAL``) is a ``phrases`` condition: the preposition, with those words opening
  its object (articles aside: "on a draft", not "for temporary refuge" for ``(FOR REFUGE)``);
  ``(AT ^)`` asks for the preposition with any object; ``(TO LEAVE)`` is met by an infinitive.
- Paired codes become the entry's code plus a paired code, emitted by `DictionaryLexicon` users as
  a second, reversed event; ``[---]`` entries stop the verb from coding (`DictionaryLexicon.match`).
- A pattern whose code is outside the project's CAMEO table (WEIS-era codes such as 212, the 9xx
  test codes, junk such as ``[xxy]``) still matches, with the null code: it says what the verb
  means there, only not in CAMEO, and the verb's own code would misdescribe the sentence. A verb
  or block with such a code codes nothing. Each is counted in `VerbDictionary.foreign_codes`.

Not supported, and so skipped (each counted in `VerbDictionary.notes`): a prepositional phrase
before the verb (``- (IN) *``), a parenthesis that opens with no preposition (``(NO OBSTACLE)``),
words before the verb of a multi-word verb (``FAST_+TRACK``), ``^`` and bare ``$``/``+`` positions
after the verb (the coder reads roles from the parse), and ``~`` transformations. Determiners
("THEIR") are dropped from patterns, as the coder never compares them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from coders.lexicon import PETRARCH, Conventions, LexiconEntry
from coders.petrarch.common import GrammarWords, Problems, dictionary_lines, grammar_words
from coders.petrarch.patterns import (
    NULL_CODE,
    CodeSpec,
    Conditions,
    Element,
    Lemmatize,
    Marker,
    Phrase,
    PrepGroup,
    SetRef,
    Word,
    _PatternError,
    parse_elements,
    read_code,
    set_name,
    tokens_of,
)

_TRAILING_CODE = re.compile(r"\[(?P<code>[^\]\[]*)\]\s*$")
_VERB_WORD = re.compile(r"[A-Za-z][A-Za-z'.-]*")
_LEMMA_POS = ("NOUN", "VERB", "ADJ")


# -- verbs --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Verb:
    """A verb of a block: its lemmas, what a multi-word verb adds, its own code, the line it came from.

    ``lemmas`` holds the verb's lemma first, then any other lemma the parse gives its forms
    (spaCy may give a regular past form a lemma of its own); ``form`` is set when the line gives an
    inflected form ("LEFT"), which then matches only that form, as PETRARCH matches words, not lemmas.
    """

    lemmas: tuple[str, ...]
    conditions: Conditions
    code: str | None
    line: int
    form: str | None = None


@dataclass(frozen=True)
class Pattern:
    """A pattern of a block: its conditions, its code, the line and text it came from."""

    conditions: Conditions
    code: CodeSpec
    line: int
    text: str


@dataclass
class _Block:
    """A ``--- NAME [CODE] ---`` block: its name, its code, its verbs and patterns."""

    name: str
    code: str
    verbs: list[Verb] = field(default_factory=list)
    patterns: list[Pattern] = field(default_factory=list)


@dataclass
class VerbDictionary:
    """A verb dictionary read for the coder: lexicon entries, paired codes by entry id, and what was left out."""

    path: Path
    entries: list[LexiconEntry] = field(default_factory=list)
    paired: dict[str, str] = field(default_factory=dict)
    counts: Counter[str] = field(default_factory=Counter)
    notes: Counter[str] = field(default_factory=Counter)
    foreign_codes: Counter[str] = field(default_factory=Counter)
    problems: Problems = field(default_factory=Problems)


class _Reader:
    """Reads one verb dictionary line by line into blocks, then blocks into entries."""

    def __init__(self, path: Path, lemmatize: Lemmatize, grammar: GrammarWords, strict: bool, conventions: Conventions = PETRARCH) -> None:
        self.conventions = conventions
        self.path = path
        self.lemmatize = lemmatize
        self.grammar = grammar
        self.result = VerbDictionary(path, problems=Problems(strict))
        self.sets: dict[str, list[list[Element]]] = {}
        self.blocks: list[_Block] = []

    def read(self) -> VerbDictionary:
        current_set: str | None = None
        for line, text in dictionary_lines(self.path):
            stripped = text.strip()
            if current_set is not None and stripped.startswith("+"):
                self._member(current_set, stripped[1:], line)
                continue
            current_set = None
            try:
                if stripped.startswith("&"):
                    current_set = set_name(stripped.split()[0])
                    self.sets[current_set] = []
                    self.result.counts["synsets"] += 1
                elif stripped.startswith("---"):
                    self._block(stripped)
                elif stripped.startswith("~"):
                    self.result.notes["verb transformation (~ line), skipped"] += 1
                elif stripped.startswith("-"):
                    self._pattern(stripped, line)
                else:
                    self._verb(stripped, line)
            except _PatternError as e:
                self.result.problems.add(self.path, line, str(e))
        for block in self.blocks:
            self._entries(block)
        return self.result

    # -- lines --------------------------------------------------------------------------------------
    def _member(self, name: str, text: str, line: int) -> None:
        try:
            elements = parse_elements(tokens_of(text))
        except _PatternError as e:
            self.result.problems.add(self.path, line, f"set member {text.strip()!r}: {e}")
            return
        if elements:
            self.sets[name].append(elements)

    def _block(self, text: str) -> None:
        """A block header, ``--- NAME [CODE] ---``; no code is the null code."""
        body = text.strip("-").strip()
        found = _TRAILING_CODE.search(body)
        code = found.group("code").strip() if found else ""
        name = body[: found.start()].strip() if found else body
        self.blocks.append(_Block(name, code or NULL_CODE))
        self.result.counts["blocks"] += 1

    def _current(self, what: str) -> _Block:
        if not self.blocks:
            raise _PatternError(f"a {what} before the first --- block --- header")
        return self.blocks[-1]

    def _pattern(self, text: str, line: int) -> None:
        block = self._current("pattern")
        self.result.counts["patterns"] += 1
        found = _TRAILING_CODE.search(text)
        if found is None:
            raise _PatternError("a pattern must end with its [code]")
        body = text[1 : found.start()].replace("**", "*")
        tokens = tokens_of(body)
        if tokens.count("*") != 1:
            raise _PatternError("a pattern must hold exactly one * for the verb")
        star = tokens.index("*")
        pre, post = parse_elements(tokens[:star]), parse_elements(tokens[star + 1 :])
        code = read_code(found.group("code"), self.result.foreign_codes)
        if code is None:
            # The pattern still says what the verb means here, just not in CAMEO: it codes nothing
            # rather than leave the verb's own code to a sentence it does not describe.
            self.result.notes["pattern with a code outside CAMEO, read as the null code"] += 1
            code = CodeSpec(NULL_CODE)
        conditions = self._conditions(pre, post)
        if conditions is None:
            return
        block.patterns.append(Pattern(conditions, code, line, " ".join(text.split())))

    def _verb(self, text: str, line: int) -> None:
        block = self._current("verb")
        self.result.counts["verbs"] += 1
        own: str | None = None
        found = _TRAILING_CODE.search(text)
        if found:
            own, text = found.group("code").strip(), text[: found.start()]
        head = text.split("{", 1)[0].strip()
        if "{" in text and "}" not in text:
            raise _PatternError("missing '}' after the verb forms")
        if not head or " " in head:
            raise _PatternError(f"not a verb: {head or text.strip()!r}")
        words = head.split("_")
        marked = [i for i, w in enumerate(words) if w.startswith("+")]
        if len(words) > 1 and len(marked) != 1:
            raise _PatternError(f"a multi-word verb marks its verb with one '+': {head!r}")
        at = marked[0] if marked else 0
        verb = words[at].lstrip("+")
        if not _VERB_WORD.fullmatch(verb):
            raise _PatternError(f"not a verb: {verb!r}")
        if at > 0:
            self.result.notes["multi-word verb with words before the verb, skipped"] += 1
            return
        conditions = self._verb_tail([w for w in words[at + 1 :] if w])
        if conditions is None:
            self.result.notes["multi-word verb of more than verb + particle + preposition, skipped"] += 1
            return
        word = verb.lower()
        lemma = self.lemmatize(word, "VERB")
        if lemma != word:  # "LEFT", "RISEN": the block is about this form of the verb
            block.verbs.append(Verb((lemma,), conditions, own, line, form=word))
            return
        listed = [f.lstrip("+").split("_")[0].lower() for f in text.partition("{")[2].partition("}")[0].split()]
        lemmas = [lemma]
        for form in (*_regular_forms(word), *listed):
            other = self.lemmatize(form, "VERB")
            if other != form and other not in lemmas:
                lemmas.append(other)
        block.verbs.append(Verb(tuple(lemmas), conditions, own, line))

    def _verb_tail(self, tail: list[str]) -> Conditions | None:
        """The conditions of the words after a multi-word verb: particle, preposition or object."""
        words = [w.lower() for w in tail]
        if not words:
            return Conditions()
        if len(words) == 1:
            word = words[0]
            if word in self.grammar.particles:  # "+SEAL_OFF": spaCy parses the word as the verb's particle
                return Conditions(particle=word)
            if word in self.grammar.prepositions:
                return Conditions(preps=(word,))
            return Conditions(objects=frozenset(self._variants([word])))
        if len(words) == 2 and words[0] in self.grammar.particles and words[1] in self.grammar.prepositions:
            return Conditions(particle=words[0], preps=(words[1],))
        return None

    # -- patterns -----------------------------------------------------------------------------------
    def _conditions(self, pre: list[Element], post: list[Element]) -> Conditions | None:
        """A pattern's conditions, or None (noted) when what it asks cannot be checked by the coder."""
        notes = self.result.notes
        reverse = compound = False
        before: set[str] = set()
        for element in pre:
            if isinstance(element, Marker):
                reverse = reverse or element.symbol == "+"
                compound = compound or element.symbol == "%"
            elif isinstance(element, PrepGroup):
                notes["prepositional phrase before the verb, skipped"] += 1
                return None
            else:
                heads, mods = self._noun(element)
                before |= heads | mods
        particle: str | None = None
        preps: list[str] = []
        phrases: list[tuple[str, frozenset[str]]] = []
        objects: frozenset[str] | None = None
        modifiers: set[str] = set()
        index = 0
        while index < len(post):
            element = post[index]
            carrier = self._carrier(element, post[index + 1 :])
            index += 1
            if isinstance(element, Marker):
                reverse = reverse or element.symbol == "$"
            elif carrier is not None:
                role = next((i.symbol for i in post[index:] if isinstance(i, Marker) and i.symbol != "^"), "+")
                reverse = reverse or role == "$"
                preps.append(carrier)
            elif isinstance(element, PrepGroup):
                read = self._prep_group(element)
                if read is None:
                    return None
                kind, value = read
                if kind == "particle":
                    particle = particle or element.prep
                elif kind == "phrase":
                    phrases.extend((element.prep, words) for words in value)
                else:
                    reverse = reverse or kind == "source"
                    preps.append(element.prep)
            elif index == 1 and self._particle(element, post[index:]):
                particle = element.words[0].lower()  # type: ignore[union-attr]
            elif (
                self._preposition(element)
                and index < len(post)
                and isinstance(post[index], (Word, SetRef, Phrase))
                and not self._preposition(post[index])
            ):
                # "- * ON &DEAL": a bare preposition before a noun is a phrase as "(ON &DEAL)" is
                heads, mods = self._noun(post[index])
                phrases.extend((element.words[0].lower(), frozenset(words)) for words in (heads, mods) if words)  # type: ignore[union-attr]
                index += 1
            else:
                heads, mods = self._noun(element)
                if objects is None and heads:
                    objects, modifiers = frozenset(heads), modifiers | mods
                else:
                    modifiers |= heads | mods
        conditions = Conditions(
            particle,
            objects,
            frozenset(modifiers) or None,
            tuple(preps),
            reverse,
            frozenset(before) or None,
            tuple(phrases),
            compound,
        )
        if not conditions.any():
            notes["pattern with nothing beyond the bare verb (^ $ +), skipped"] += 1
            return None
        return conditions

    def _prep_group(self, group: PrepGroup) -> tuple[str, list[frozenset[str]]] | None:
        """What a parenthesis after the verb asks, or None (noted) if it cannot be read.

        ("particle", []), ("phrase", [head words, modifier words]), or ("target", []) / ("source", [])
        for the preposition that carries that role.
        """
        grammar = self.grammar
        if not group.items and group.prep in grammar.particles and group.prep not in grammar.prepositions:
            return "particle", []
        if group.prep not in grammar.prepositions:
            self.result.notes["parenthesis that does not start with a preposition, skipped"] += 1
            return None
        nouns: list[Word | SetRef] = []
        for item in group.items:
            if isinstance(item, Phrase):
                nouns.extend(item.items)
            elif isinstance(item, (Word, SetRef)):
                if nouns and isinstance(item, Word) and item.words[0].lower() in grammar.prepositions:
                    break  # "(TO THE EDGE OF THE MAP)": the object is "the edge"; its own phrase is not asked for
                nouns.append(item)
            elif nouns:
                break
        if nouns:
            heads, mods = self._noun(Phrase(tuple(nouns)))
            return "phrase", [words for words in (frozenset(heads), frozenset(mods)) if words]
        markers = {item.symbol for item in group.items if isinstance(item, Marker)}
        if not markers or markers & {"+", "%"}:
            return "target", []
        if "$" in markers:
            return "source", []
        return "phrase", [frozenset()]  # "(AT ^)": a phrase with any object

    def _preposition(self, element: Element) -> bool:
        """Whether an element is one bare word that is a preposition."""
        return isinstance(element, Word) and len(element.words) == 1 and element.words[0].lower() in self.grammar.prepositions

    def _particle(self, element: Element, rest: list[Element]) -> bool:
        """Whether the word right after the verb is its particle: a particle word not opening a phrase ("- * OUT PLANS")."""
        if not isinstance(element, Word) or len(element.words) != 1 or element.words[0].lower() not in self.grammar.particles:
            return False
        opens_phrase = (
            self._preposition(element) and bool(rest) and isinstance(rest[0], (Word, SetRef, Phrase)) and not self._preposition(rest[0])
        )
        return not opens_phrase

    def _carrier(self, element: Element, rest: list[Element]) -> str | None:
        """A bare preposition right before the target or source marker ("ABOUT +", "FROM ^ $"): it carries that role."""
        if not isinstance(element, Word) or len(element.words) != 1 or element.words[0].lower() not in self.grammar.prepositions:
            return None
        following = next((e for e in rest if not (isinstance(e, Marker) and e.symbol == "^")), None)
        return element.words[0].lower() if isinstance(following, Marker) and following.symbol in "+$" else None

    def _noun(self, element: Element, trail: tuple[str, ...] = ()) -> tuple[set[str], set[str]]:
        """(head words, modifier words) of a noun element; sets expanded, articles dropped.

        A head word is a lemma or, for words that must stand together, the words joined by blanks
        with the head's lemma last ("trade tie"), as the coder lists an object with the
        modifiers right before it: a {noun phrase} asks for the word before its head right there
        ("{NEW &PACTKINDS TIES}" is "trade ties", with "new" anywhere before), and a
        set member of several words for all of them ("+FULL EMBARGO" is "full embargo", not any
        "sanctions").
        """
        if isinstance(element, Word):
            words = [w.lower() for w in element.words if w.lower() not in self.grammar.determiners]
            if not words:
                return set(), set()
            return self._variants(words[-1:]), self._variants(words[:-1])
        if isinstance(element, Phrase):
            parts = [part for part in (self._noun(item, trail) for item in element.items) if part[0] or part[1]]
            if len(parts) < 2:
                return parts[0] if parts else (set(), set())
            heads = {f"{word} {head}" for word in parts[-2][0] for head in parts[-1][0]}
            # PETRARCH wants every modifier; an entry can ask for one of a set of words, so the
            # most selective of the others stands for them all: a literal word before a whole set.
            groups = sorted((h | m for h, m in parts[:-2]), key=len)
            return heads, parts[-1][1] | (groups[0] if groups else set())
        if isinstance(element, SetRef):
            return self._set(element.name, trail), set()
        return set(), set()

    def _set(self, name: str, trail: tuple[str, ...]) -> set[str]:
        """The head words of a set's noun members, nested sets included; several words are one ("swiss franc")."""
        if name not in self.sets:
            raise _PatternError(f"unknown set &{name} (define it with &{name} and +WORD lines)")
        if name in trail:
            raise _PatternError(f"sets include each other in a cycle: {' -> '.join((*trail, name))}")
        heads: set[str] = set()
        for member in self.sets[name]:
            nouns = [e for e in member if not isinstance(e, (Marker, PrepGroup))]
            if len(nouns) == 1 and not isinstance(nouns[0], Word):
                heads |= self._noun(nouns[0], (*trail, name))[0]
            elif nouns and all(isinstance(e, Word) for e in nouns):
                words = [w.lower() for e in nouns if isinstance(e, Word) for w in e.words if w.lower() not in self.grammar.determiners]
                if words:
                    before = " ".join(words[:-1])
                    heads |= {f"{before} {head}".strip() for head in self._variants(words[-1:])}
        return heads

    def _variants(self, words: Iterable[str]) -> set[str]:
        """Each word as written and as its noun, verb and adjective lemma (the parse's lemma may be any)."""
        out: set[str] = set()
        for word in words:
            w = word.lower().strip("_")
            if not w:
                continue
            out.add(w)
            out.update(self.lemmatize(w, pos) for pos in _LEMMA_POS)
        return out

    # -- entries ------------------------------------------------------------------------------------
    def _entries(self, block: _Block) -> None:
        name = self.path.name
        block_code = read_code(block.code, self.result.foreign_codes)
        for verb in block.verbs:
            spec = read_code(verb.code, self.result.foreign_codes) if verb.code is not None else block_code
            for lemma in verb.lemmas:
                if spec is not None:
                    self._add(f"{name}:{verb.line}", lemma, verb, verb.conditions, spec, f"{block.name} verb")
                for pattern in block.patterns:
                    merged = verb.conditions.merge(pattern.conditions)
                    if merged is not None:
                        self._add(f"{name}:{pattern.line}", lemma, verb, merged, pattern.code, pattern.text)

    def _add(self, entry_id: str, lemma: str, verb: Verb, conditions: Conditions, spec: CodeSpec, note: str) -> None:
        entry = LexiconEntry(
            id=entry_id,
            pos="verb",
            lemma=lemma,
            forms=frozenset({verb.form}) if verb.form else None,
            particle=conditions.particle,
            objects=conditions.objects,
            modifiers=conditions.modifiers,
            preps=conditions.preps,
            reverse=conditions.reverse != spec.reverse,
            code=spec.code,
            note=note,
            subjects=conditions.subjects,
            phrases=conditions.phrases,
            compound=conditions.compound,
            conventions=self.conventions,
        )
        self.result.entries.append(entry)
        if spec.paired:
            self.result.paired[entry_id] = spec.paired


def _regular_forms(verb: str) -> list[str]:
    """The regular inflections of a verb, as PETRARCH generates them: -s/-es, -ed/-d, -ing."""
    stem = verb[:-1] if verb.endswith("e") else verb
    plural = verb + "es" if verb.endswith(("s", "x", "z", "ch", "sh")) else verb + "s"
    return [plural, stem + "ed", stem + "ing"]


def read_verbs(
    path: Path, lemmatize: Lemmatize, *, strict: bool = True, grammar: GrammarWords | None = None, conventions: Conventions = PETRARCH
) -> VerbDictionary:
    """Read a PETRARCH verb dictionary into lexicon entries (see the module docstring for the mapping).

    Args:
        path: the dictionary file (e.g. CAMEO.2.0.txt).
        lemmatize: lemma(word, pos), normally `spacy_lemmatizer(nlp)`.
        strict: raise DictionaryError ``file:line: message`` on the first malformed line; when
            False, skip such lines and list them in the result's ``problems``.
        grammar: the particle/preposition/article lists (default: grammar.toml).
        conventions: how the coder reads the entries (PETRARCH's; with a coding ontology's negations).
    """
    return _Reader(Path(path), lemmatize, grammar or grammar_words(), strict, conventions).read()
