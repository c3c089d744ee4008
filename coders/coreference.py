"""Coreference within a document: pronouns and descriptions resolved to actors named earlier.

Quotations are followed across sentences too: a first-person pronoun inside quotation marks ("we",
"our army") is the quote's speaker, named in the same sentence ("...," Karimov said) or carried from the
sentence before when the quotation continues there (see `DocumentContext.speaker`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from coders.actor_data import Person
from coders.actors import Actor
from coders.coref_table import coref_table
from coders.kinds import ActorKind
from coders.pronouns import (
    ActorsAt,
    agrees,
    earlier_subject,
    governing_subject,
    is_subject,
    own_group,
    own_plural,
    own_subject,
    thing_before,
)
from coders.quotations import Quotation, QuoteState, read_quotation

VENUE_PREPS = frozenset({"in", "at"})  # the prepositions of the place where a verb's act was done

# Unread sentences a quotation open before them may span (see DocumentContext._previous).
_UNREAD_IN_QUOTE = 3
# Sentences back a reaction to "the decision" looks for the coded act it answers, as many as coreference remembers.
_ACT_SENTENCES = 10


@dataclass(frozen=True)
class _Remembered:
    """What coreference keeps of one sentence: the actors it names, in order, the keys of those that are its
    subjects, and the quotation state it leaves (None when it was not parsed)."""

    actors: list[Actor]
    subjects: frozenset[str]
    quote: QuoteState | None


# The actor each token of the sentence being coded names (no coreference), by token index.


@dataclass
class DocumentContext:
    """The actors named so far in a document, most recent last, and the quotation state of its sentences."""

    sentences: list[_Remembered] = field(default_factory=list)  # the latest sentences, oldest first
    # a person's last name -> the person last named in full with it (None: a person the data does not know)
    surnames: dict[str, Person | None] = field(default_factory=dict)
    groups: list[tuple[Actor, ...]] = field(default_factory=list)
    accusations: list[tuple[Actor, Actor]] = field(default_factory=list)  # (accuser, accused) of coded disapproval, oldest first
    acts: list[tuple[Actor, ...]] = field(default_factory=list)  # the doers of each sentence's coded events, oldest first
    aims: list[tuple[tuple[str, Actor], ...]] = field(default_factory=list)  # (root, target) of each sentence's events
    _reading: dict[tuple[int, int], Quotation] = field(default_factory=dict, repr=False)

    def remember(self, actors: list[Actor], sentence: Span | None, actors_at: ActorsAt | None = None) -> None:
        """Note the actors a sentence names, in their order, and how it stands to quotations (None: it was not parsed)."""
        actors_at = actors_at or {}
        quote = self._state(sentence, self._previous(), actors_at) if sentence is not None else None
        self._reading.clear()
        self.sentences.append(
            _Remembered(
                actors=[a for a in actors if a.country or a.kind in (ActorKind.ORGANIZATION, ActorKind.PERSON)],
                subjects=_subject_keys(sentence, actors_at) if sentence is not None else frozenset(),
                quote=quote,
            )
        )
        del self.sentences[:-10]

    @property
    def seen(self) -> list[Actor]:
        """Every remembered actor, oldest first."""
        return [a for sentence in self.sentences for a in sentence.actors]

    def remember_group(self, actors: tuple[Actor, ...]) -> None:
        """Note a compound actor ("Putin and Karimov") that a later "they" can name."""
        if len(actors) > 1:
            self.groups.append(actors)
            del self.groups[:-10]

    def remember_accusation(self, accuser: Actor, accused: Actor) -> None:
        """Note a coded accusation or criticism, which a later "rejected the accusations" answers."""
        self.accusations.append((accuser, accused))
        del self.accusations[:-10]

    def remember_acts(self, doers: Sequence[Actor]) -> None:
        """Note the doers of a sentence's coded events (none: it coded nothing), whose act "the decision" may be."""
        self.acts.append(tuple(dict.fromkeys(doers)))
        del self.acts[:-_ACT_SENTENCES]

    def remember_aims(self, aims: Sequence[tuple[str, Actor]]) -> None:
        """Note the CAMEO root and target of each of a sentence's coded events (none: it coded nothing)."""
        self.aims.append(tuple(dict.fromkeys(aims)))
        del self.aims[:-_ACT_SENTENCES]

    def last_aimed(self, root: str) -> list[Actor]:
        """The targets of the sentence before's coded events of this CAMEO root: whom "also" did the same to."""
        return list(dict.fromkeys(target for r, target in (self.aims[-1] if self.aims else ()) if r == root))

    def last_act_doers(self) -> list[Actor]:
        """The doers of the latest coded events of the sentences remembered, of a country or an organisation; [] if none."""
        for doers in reversed(self.acts):
            found = [a for a in doers if a.country or a.kind == ActorKind.ORGANIZATION]
            if found:
                return found
        return []

    def accusers(self, accused: list[Actor]) -> list[Actor]:
        """Who last accused one of these actors' countries, when the accuser is of another country; [] if nobody did."""
        countries = {a.country for a in accused if a.country}
        for accuser, target in reversed(self.accusations):
            if target.country in countries and accuser.country and accuser.country not in countries:
                return [accuser]
        return []

    def last_doers(self, organizations: bool = False) -> list[Actor]:
        """The subjects of the latest sentence that had any, of a country (or, when asked, an organisation of none, as
        the EU): whose act "the decision" points back to."""
        for sentence in reversed(self.sentences):
            doers = [
                a
                for a in sentence.actors
                if a.key in sentence.subjects and (a.country or (organizations and a.kind == ActorKind.ORGANIZATION))
            ]
            if doers:
                return list(dict.fromkeys(doers))
        return []

    def pronoun(self, token: Token, actors_at: ActorsAt) -> list[Actor]:
        """The actors a pronoun of the sentence being coded stands for, or [] when unsure; a first-person one is the quote's speaker."""
        table, word = coref_table(), token.lower_
        if word in table.quotes.speaker:
            return self.speaker(token, actors_at) if token.pos_ != "PROPN" else []  # "US" is no "us"
        if word in table.group and token.dep_ == "poss":
            own = own_group(token, actors_at) or own_plural(token, actors_at)
            if own:  # "Japan and South Korea agreed to resume visits by their leaders": theirs, not the last pair's
                return own
        if word in table.group and self.groups:
            return list(self.groups[-1])
        if word in table.person and is_subject(token):
            earlier = earlier_subject(token, actors_at, word)
            if earlier:  # "After the summit Xi left for Tajikistan, where he and Rahmon signed ..."
                return earlier
        if word in table.thing and thing_before(token, actors_at):
            return []  # "expressed condolences over the attack and condemned it": the attack, not an actor
        possessive = token.dep_ == "poss" and (word in table.person or word in table.thing)
        own = own_subject(token, actors_at, word) if possessive else []
        if own:  # "Tokayev sent his congratulations", "France recalled its ambassador": the doer's own, not the last named
            return own
        found = self._last(lambda a: agrees(word, [a]), subject=word in table.thing)
        if not found and word in table.person and token.dep_ == "poss":
            # "Bakiyev said ... after Russia promised his country loans", opening the story: the subject before it
            found = governing_subject(token, actors_at, word)
        return found

    def description(self, head: Token, agent_only: Actor | None, actors_at: ActorsAt) -> list[Actor]:
        """ "the two leaders", "both countries", "the sides": the two latest actors of different countries; "the president": the latest of that agent."""
        table = coref_table()
        lemma = head.lemma_.lower()
        # "The two discussed trade", "Both said ...": a pair word standing alone as a subject is the pair of people named last
        bare_pair = lemma in table.pair_words and head.dep_ in ("nsubj", "nsubjpass") and head.pos_ in ("NUM", "DET", "PRON")
        if bare_pair:
            lemma = table.bare_pair
        # a singular common noun; the tagger may call a lowercase "bloc" NNP ("said the bloc was following events")
        common = head.tag_ == "NN" or (head.tag_ == "NNP" and head.text.islower())
        if lemma in table.generic and common and _bare_definite(head):
            # "the alliance", "the bloc", "the ministry": the latest actor named of that kind, never one unnamed
            return self._generic(lemma, table.generic[lemma], head, actors_at)
        owner = next((c for c in head.children if c.dep_ == "poss" and c.lower_ in table.quotes.speaker), None)
        plural_pair = (
            lemma in table.plural_pairs
            and head.tag_ in ("NNS", "NNPS")
            and any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)
            and not any(c.lower_ in table.pair_words for c in head.children)  # "the two ministers" says two itself
        )
        counted = next((table.group_counts[c.lower_] for c in head.children if c.lower_ in table.group_counts), None)
        if any(c.dep_ in ("amod", "compound", "nmod") and c.text[:1].isupper() for c in head.children):
            counted = None  # "the five Central Asian states", "the three Baltic states" say who they are themselves
        if lemma in table.pairs and counted is not None and head.tag_ in ("NNS", "NNPS") and head.dep_ not in ("nsubj", "nsubjpass"):
            # "accused the three countries of ...": the three latest countries named, none of them the doer's (as doers,
            # "the three countries signed ..." are left alone: co-doers of three pair every act among them)
            exclude = _acting_countries(head, actors_at)
            group = self._latest_countries(self._candidates(head, actors_at), exclude, count=counted)
            return [described(a.country, table.pairs[lemma], head) if a.country else a for a in group]
        if lemma in table.pairs and (
            plural_pair or bare_pair or any(c.lower_ in table.pair_words for c in head.children) or _each_of_pair(head)
        ):
            # "we urge both sides": a speaker's "both sides" are two others; "our two countries" include the speaker
            speaker = [] if owner is not None else [a.country for a in self.speaker(head, actors_at) if a.country]
            exclude = set(speaker[:1]) | _acting_countries(head, actors_at)  # "Putin telephoned both leaders": two others
            # not the place the sentence's act was done in ("X and Y shook hands in Singapore at the first meeting between
            # leaders of the two sides")
            venues = {a.key for t in head.sent if t.i < head.i and _venue(t) and (a := actors_at.get(t.i)) is not None}
            candidates = [a for a in self._candidates(head, actors_at) if a.key not in venues]
            if plural_pair and lemma in table.pair_people and len({a.country for a in candidates if a.country} - exclude) != 2:
                # "the leaders" after a summit of five: not the two named last, but the doers of the sentence before when
                # they acted together ("Erdogan, Aliyev and Berdimuhamedov held a summit. The leaders signed ...")
                return [described(a.country, table.pairs[lemma], head) for a in self._joint_doers(exclude) if a.country]
            bodies = lemma in table.pair_bodies  # "the sides" after a meeting of Turkmenistan and the ADB: one is the bank
            # those its own sentence names before it must be among them ("At the Akorda, the two governments signed")
            own = {a.country for t in head.sent if t.i < head.i and (a := actors_at.get(t.i)) is not None and a.country}
            doers = self._co_subjects(exclude)
            pair = (doers if own <= {a.country for a in doers} else []) or self._latest_countries(
                candidates, exclude, lemma if lemma in table.pair_people else None, bodies
            )
            return [described(a.country, table.pairs[lemma], head) if a.country else a for a in pair]
        if lemma in table.pair_bodies and any(c.dep_ == "det" and c.lower_ in table.every for c in head.children):
            return self._every_side(head, actors_at)
        if owner is not None:  # "our troops", "our country" in a quotation: the speaker's
            agent = agent_only.agent if agent_only is not None else table.pairs.get(lemma)
            countries = [a.country for a in self.speaker(owner, actors_at) if a.country]
            return [described(country, agent, head) for country in countries[:1]]
        if agent_only is not None and agent_only.agent and _definite(head, table.definite):
            here = self._named_here(head, actors_at) if lemma in table.governments else []
            if here:  # "sent his envoy to Bishkek to talk with the new authorities": the country its own sentence names
                return [described(country, agent_only.agent, head) for country in here]
            found = self._last(lambda a: a.agent == agent_only.agent and a.country is not None)
            if found or lemma not in table.governments or not _bare_definite(head):
                return found
            # "said Kazakhstan misused its laws ... urged the government to ...": the government of the country named last
            return [described(a.country, agent_only.agent, head) for a in self._last_country(head, actors_at) if a.country]
        if agent_only is None and lemma in table.country_nouns and common and _described_country(head, actors_at):
            # "his first trip to the Sahel state", "the Gulf kingdom": the country named last
            return self._last_country(head, actors_at)
        return []

    def _every_side(self, head: Token, actors_at: ActorsAt) -> list[Actor]:
        """ "urged all sides to show restraint": the two co-subjects of the sentence before, else the one country of the
        latest subjects (besides the speaker's); [] when they are of several."""
        speaker = {a.country for a in self.speaker(head, actors_at) if a.country}
        exclude = speaker | _acting_countries(head, actors_at)
        pair = self._co_subjects(exclude)  # "Kyrgyz and Tajik guards exchanged fire. Russia urged all sides ..."
        if pair:
            return [described(a.country, None, head) for a in pair if a.country]
        for sentence in reversed(self.sentences):  # "Tajik forces fought gunmen in Khorog ... urged all parties": Tajikistan's
            countries = {a.country for a in sentence.actors if a.country and a.key in sentence.subjects} - exclude - {None}
            if countries:
                return [described(countries.pop(), None, head)] if len(countries) == 1 else []
        return []

    def _named_here(self, head: Token, actors_at: ActorsAt) -> list[str]:
        """The one country its own sentence names before a description, besides the speaker's and the acting subject's."""
        exclude = {a.country for a in self.speaker(head, actors_at) if a.country} | _acting_countries(head, actors_at)
        named = {a.country for t in head.sent if t.i < head.i and (a := actors_at.get(t.i)) is not None and a.country}
        named -= exclude
        return sorted(named) if len(named) == 1 else []

    def _last_country(self, head: Token, actors_at: ActorsAt) -> list[Actor]:
        """The country named last before a description of one ("arrived in Angola. ... the southern African nation").

        In its own sentence a country named before it that is not the acting subject's comes first: "Russia was
        Kyrgyzstan's main partner, and Moscow would keep supporting the Central Asian country" is Kyrgyzstan.
        """
        acting = _acting_countries(head, actors_at)
        if acting:
            before = [a.country for t in head.sent if t.i < head.i and (a := actors_at.get(t.i)) is not None and a.code == a.country]
            others = [c for c in before if c is not None and c not in acting]
            if others:
                return [described(others[-1], None, head)]
        for sentence in reversed(self.sentences):
            countries = [a.country for a in sentence.actors if a.country is not None and a.code == a.country]
            if countries:
                return [described(countries[-1], None, head)]
        return []

    def _generic(self, noun: str, codes: frozenset[str], head: Token, actors_at: ActorsAt) -> list[Actor]:
        """The latest actor before a generic noun read from words holding it ("the World Bank" for "the bank") or of its codes."""
        for actor in reversed(self._candidates(head, actors_at)):
            if actor.code in codes or noun in actor.text.lower().replace("-", " ").split():
                return [actor]
        return []

    def speaker(self, token: Token, actors_at: ActorsAt) -> list[Actor]:
        """Who speaks the quoted words a token stands in, or [] when it stands outside quotation marks or nobody is sure.

        Within a sentence, the subject of a speech verb written outside the quotation marks ("...," Karimov
        said). A sentence with no speaker of its own takes the previous sentence's, when it continues that
        sentence's open quotation or is wholly quoted right after a quoted sentence; a sentence without
        quotations breaks the chain, and a new speaker wins over the carried one.
        """
        previous = self._previous()
        reading = self._read(token.sent, previous)
        if token.i not in reading.inside:
            return []
        if reading.speech_subject is not None:
            return self._speaker_named(reading.speech_subject, actors_at)
        return list(self._carried(reading, previous))

    def _previous(self) -> QuoteState | None:
        """The quotation state of the sentence before the one being coded.

        Sentences the coder did not parse (no name, pronoun or agent word: no speaker either) are passed over
        while a quotation is open before them: they are taken to go on quoting, up to _UNREAD_IN_QUOTE of them.
        """
        quotes = [s.quote for s in self.sentences[-1 - _UNREAD_IN_QUOTE :]]
        previous = quotes[-1] if quotes else None
        if previous is not None or not quotes:
            return previous
        known = next((q for q in reversed(quotes) if q is not None), None)
        return known if known is not None and known.open_at_end else None

    def _state(self, sent: Span, previous: QuoteState | None, actors_at: ActorsAt) -> QuoteState:
        """The quotation state a sentence leaves for the next one (its speaker matters only when it quotes)."""
        reading = self._read(sent, previous)
        quotes = bool(reading.inside) or reading.marks > 0
        if not quotes:
            speaker: tuple[Actor, ...] = ()
        elif reading.speech_subject is not None:
            speaker = tuple(self._speaker_named(reading.speech_subject, actors_at))
        else:
            speaker = self._carried(reading, previous)
        return QuoteState(quotes=quotes, open_at_end=reading.open_at_end, speaker=speaker)

    @staticmethod
    def _carried(reading: Quotation, previous: QuoteState | None) -> tuple[Actor, ...]:
        """The previous sentence's speaker, when this sentence (with no speaker of its own) continues its quotation."""
        if previous is None or not previous.quotes:
            return ()
        if previous.open_at_end and (reading.starts_inside or reading.opens_at_start):
            return previous.speaker  # the quotation goes on; a new paragraph of it opens with a mark again
        if reading.wholly_quoted and not reading.starts_inside and not previous.open_at_end:
            return previous.speaker
        return ()

    def _speaker_named(self, subject: Token, actors_at: ActorsAt) -> list[Actor]:
        """The actor a speech verb's subject names: a name, a pronoun ("he said"), or a title ("the minister said")."""
        if any(c.dep_ == "conj" for c in subject.children):
            return []  # "Putin and Karimov said": a "we" of two speakers is not guessed
        if subject.pos_ == "PRON":
            return [] if subject.lower_ in coref_table().quotes.speaker else self.pronoun(subject, actors_at)
        actor = actors_at.get(subject.i)
        if actor is None:
            return []
        if actor.country is None and actor.kind == ActorKind.AGENT:
            return self.description(subject, actor, actors_at)
        return [actor]

    def _read(self, sent: Span, previous: QuoteState | None) -> Quotation:
        """A sentence's quotation marks and speech verbs, read once per sentence (it goes on quoting when the previous left a quotation open)."""
        key = (id(sent.doc), sent.start)
        if key not in self._reading:
            continues = previous is not None and previous.open_at_end
            self._reading[key] = read_quotation(sent, coref_table().quotes, continues)
        return self._reading[key]

    def _last(self, wanted: Callable[[Actor], bool], subject: bool = False) -> list[Actor]:
        """The first wanted actor of the latest sentence that has one: news names its subject first.

        `subject`: only an actor that is that sentence's subject counts ("Kyrgyzstan received a loan. It ...");
        when the wanted actors of that sentence are all objects or modifiers, "it" more likely means a thing
        the sentence spoke of ("a Russian base ... it clashes with ...") and nothing is returned.
        """
        for sentence in reversed(self.sentences):
            found = [actor for actor in sentence.actors if wanted(actor)]
            if found:
                if subject:
                    found = [actor for actor in found if actor.key in sentence.subjects]
                return found[:1]
        return []

    def _candidates(self, head: Token, actors_at: ActorsAt) -> list[Actor]:
        """The actors a description may point back to, oldest first: those remembered, then those of its own
        sentence before it ("Tokayev, who held talks with Xi, said the two countries had agreed")."""
        before = [a for t in head.sent if t.i < head.i and t.dep_ != "compound" and (a := actors_at.get(t.i)) is not None]
        return self.seen + [a for a in before if a.country or a.kind in (ActorKind.ORGANIZATION, ActorKind.PERSON)]

    def _joint_doers(self, exclude: set[str]) -> list[Actor]:
        """The doers of the events the sentence before coded, when they are of two or more countries (none in `exclude`)."""
        doers = [a for a in (self.acts[-1] if self.acts else ()) if a.country]
        countries = {a.country for a in doers}
        if len(countries) < 2 or countries & exclude:
            return []
        return [next(a for a in doers if a.country == country) for country in dict.fromkeys(a.country for a in doers)]

    def _co_subjects(self, exclude: set[str]) -> list[Actor]:
        """The subjects of the sentence before, when they are of exactly two countries (none in `exclude`), oldest first.

        "Yoon and Tokayev agreed to cooperate, as Seoul seeks to rely less on China. ... the two governments signed":
        the two who acted, not the two named last.
        """
        last = self.sentences[-1] if self.sentences else None
        if last is None:
            return []
        doers = [a for a in last.actors if a.key in last.subjects and a.country]
        countries = {a.country for a in doers}
        if len(countries) != 2 or countries & exclude:
            return []
        return [next(a for a in doers if a.country == country) for country in dict.fromkeys(a.country for a in doers)]

    @staticmethod
    def _latest_countries(
        candidates: list[Actor], exclude: set[str], people: str | None = None, bodies: bool = False, count: int = 2
    ) -> list[Actor]:
        """The two (or `count`) latest candidates of different countries (none of a country in `exclude`), oldest first, or [].

        `bodies`: an organisation of no country counts as a party of its own ("the sides" after a meeting with the ADB).

        `people`: the description names two people ("both leaders", "the two ministers"): people and office holders
        named with that noun in their title are tried first, then any people and office holders, and only then any
        actor, so that the city where they met is not one of them.
        """
        tiers = [candidates]
        if people is not None:
            persons = [a for a in candidates if a.kind in (ActorKind.PERSON, ActorKind.AGENT)]
            titled = {a.key for a in persons if people in a.text.lower()}  # "Foreign Minister X", "the Kyrgyz foreign minister"
            tiers = [[a for a in persons if a.key in titled], persons, candidates]
        for tier in tiers:
            found: list[Actor] = []
            for actor in reversed(tier):
                party = actor.country or (actor.code if bodies and actor.kind == ActorKind.ORGANIZATION else None)
                if party and party not in exclude and all(party != (f.country or f.code) for f in found):
                    found.append(actor)
                    if len(found) == count:
                        return found[::-1]
        return []


def _acting_countries(head: Token, actors_at: ActorsAt) -> set[str]:
    """The countries of the named subjects of the verb a description is the object of ("Putin telephoned both leaders")."""
    verb = head.head.head if head.dep_ == "pobj" and head.head.dep_ == "prep" else head.head
    if head.dep_ not in ("dobj", "obj", "dative", "pobj") or verb.pos_ not in ("VERB", "AUX"):
        return set()
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects and verb.dep_ == "xcomp":  # "Moscow would keep supporting the country": the subject of "keep"
        subjects = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    subjects += [c for s in subjects for c in s.children if c.dep_ == "conj"]
    return {a.country for s in subjects if (a := actors_at.get(s.i)) is not None and a.country}


def _venue(token: Token) -> bool:
    """Whether a name is where a verb's act was done: the object of an "in" or "at" phrase on the verb ("met in Singapore")."""
    prep = token.head
    return token.dep_ == "pobj" and prep.lower_ in VENUE_PREPS and prep.head.pos_ in ("VERB", "AUX")


def described(country: str, agent: str | None, head: Token) -> Actor:
    """The actor a description resolves to: a country, refined by the description's agent ("both governments" -> GOV)."""
    code = country + (agent or "")
    return Actor(code, country, head.text, ActorKind.COREFERENCE, code, agent or None)


def _subject_keys(sentence: Span, actors_at: ActorsAt) -> frozenset[str]:
    """The keys of the actors that are subjects of a sentence's clauses (with their conjuncts)."""
    keys = set()
    for tok in sentence:
        actor = actors_at.get(tok.i)
        if actor is not None and is_subject(tok):
            keys.add(actor.key)
    return frozenset(keys)


def points_back(head: Token) -> bool:
    """Whether a noun phrase points back to something said before ("the decision", "this move", "its army")."""
    return _definite(head, coref_table().definite)


def _bare_definite(head: Token) -> bool:
    """Whether a noun phrase is "the" and its noun alone ("the alliance", not "the central bank" or "the ministry of defence")."""
    # "the ministry of defence said" names a ministry; "accused the agency of bias": the "of" is the verb's
    named = [c for c in head.children if c.dep_ == "prep" and c.lower_ == "of" and any(g.dep_ == "pobj" for g in c.children)]
    named = named if head.dep_ not in ("dobj", "obj") else []
    # "the alliance's member states": the possessive's "'s" is no word of the phrase
    deps = [c.dep_ for c in head.children if c.dep_ not in ("relcl", "acl", "punct", "prep", "case")] + ["prep"] * len(named)
    return deps == ["det"] and next(c for c in head.children if c.dep_ == "det").lower_ == "the"


def _described_country(head: Token, actors_at: ActorsAt) -> bool:
    """Whether a noun phrase is "the", a describing word naming no actor and the noun: "the Gulf kingdom", "the island nation"."""
    describing = [c for c in head.children if c.dep_ in ("amod", "compound")]
    return (
        any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)
        and bool(describing)
        and all(actors_at.get(c.i) is None and c.lower_ not in coref_table().country_roles for c in describing)
        and not any(c.dep_ in ("poss", "nummod") for c in head.children)
    )


def _definite(head: Token, definite: frozenset[str]) -> bool:
    """Whether a noun phrase points back ("the president", "these officials"), unlike a bare "officials" that names nobody known."""
    return any(c.dep_ in ("det", "poss") and c.lower_ in definite for c in head.children)


def _each_of_pair(head: Token) -> bool:
    """Whether a subject is "each side" of a clause done to "the other" ("each side blamed the other"): the pair, one on the other."""
    if head.dep_ != "nsubj" or not distributive(head):
        return False
    done_to = [c for c in head.head.children if c.dep_ == "dobj"]
    done_to += [o for c in head.head.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"]
    return any(the_other(t) for t in done_to)


def distributive(head: Token) -> bool:
    """Whether a [pairs] noun is taken one by one (coreference.toml distributive): "each side", "each country"."""
    table = coref_table()
    return head.lemma_.lower() in table.pairs and any(c.dep_ == "det" and c.lower_ in table.distributive for c in head.children)


def the_other(token: Token) -> bool:
    """Whether a word is "the other" of a pair (coreference.toml reciprocal_other): "each side blamed the other"."""
    return token.lower_ in coref_table().reciprocal_other and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
