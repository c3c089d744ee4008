"""Actor mentions: the actor data matched as phrases, and the CAMEO actor of a noun phrase on a date.

A noun phrase names an actor when its head is part of a known name (person, organisation, country,
demonym, capital or city) or is an agent word (president, army, police ...). The phrase's other
words refine it: "Kazakh President Nursultan Nazarbayev" is KAZGOV on a 2006 date; "the Russian
Duma" RUSLEG; "Uzbek day laborers" UZBCVL; "Kazakhstan's National Security Committee" KAZSPY.
People's roles are chosen by the event date, not today's.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from coders.actor_data import FORMER_OFFICIAL, ActorData, Organization, Person, Place, country_codes, dated, dated_places, load_actor_data
from coders.coref_table import coref_table
from coders.kinds import PLACE_KINDS, SITE_KINDS, ActorKind
from coders.person_names import city_names, first_names, packaged_readings
from coders.places import place_words

if TYPE_CHECKING:  # the dictionary matcher (coders/petrarch/matcher.py) puts its records among the names too
    from coders.petrarch.actors import NamedActor

# Dependencies that stay inside one noun phrase when reading an actor from it.
_NP_DEPS = frozenset({"compound", "amod", "poss", "flat", "nmod", "appos", "nummod", "det", "case", "npadvmod"})
_OF_PHRASE = frozenset({"of"})
# Parts of speech of a word that can head an actor phrase.
HEAD_POS = frozenset({"NOUN", "PROPN", "ADJ", "X"})
NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "obj", "pobj"})  # the slots of a noun, whatever its tag
# Characters inside a written name: "Ki-moon", "O'Brien" (a joiner is written without a space after it).
_NAME_JOINERS = frozenset({"-", "'", "’"})


@dataclass(frozen=True)
class Actor:
    """A coded actor: its CAMEO code, country, the words it was read from, and what kind of name."""

    code: str
    country: str | None
    text: str
    kind: ActorKind  # what kind of words named it (a place's kind comes as countries.csv gives it)
    key: str  # identity for coreference: a person's name, else the code
    agent: str | None = None
    plural: bool = False

    @classmethod
    def of_country(cls, iso3: str, text: str, kind: ActorKind) -> Actor:
        """A bare country actor ("KGZ") read from words that name it indirectly (a modifier, a place)."""
        return cls(iso3, iso3, text, kind, iso3)

    def with_country(self, country: str) -> Actor:
        """This agent-only actor placed in a country (from context)."""
        code = country + (self.agent or "")
        return Actor(code, country, self.text, self.kind, code, self.agent, self.plural)


@dataclass
class SentenceMentions:
    """What the actor data found in one sentence, by token index."""

    names: dict[int, tuple[Span, Sequence[Place | Organization | Person | NamedActor]]] = field(default_factory=dict)
    agents: dict[int, tuple[Span, str]] = field(default_factory=dict)
    # one-word names of the data written as the last word of a person's name the data does not know ("Elliot" of
    # "Mike Elliot"): a later bare "Elliot" of the document is that person, not the one the data names so
    others: set[str] = field(default_factory=set)

    def any(self) -> bool:
        return bool(self.names or self.agents)

    def places(self, token: Token, on: dt.date | None = None) -> list[Place]:
        """The places (countries, capitals, cities) the name a token stands in names; of a name several states held in
        turn ("Moscow": SUN, then RUS), those of the date `on`."""
        return dated_places(self.names.get(token.i, (None, []))[1], on)

    def sole_country(self, on: dt.date | None, where: frozenset[str]) -> str | None:
        """The one country the sentence's places lie in, when it names no other country at all; else None.

        A place is a country, capital or city named in a phrase of one of the prepositions `where` ("in northern
        Mali", "near Donetsk", "in Nigeria's Borno state"). Any other country the sentence names, as a nationality
        ("the Chinese embassy in Bishkek") or an actor ("the government of Chad ... in Doha"), makes it unsure.
        """
        places, named = set(), set()
        for name, targets in self.names.values():
            for place in dated_places(targets, on):
                named.add(place.iso3)
                if place.kind in PLACE_KINDS and _in_place_phrase(name.root, where):  # where, not whose (a nationality)
                    places.add(place.iso3)
        return places.pop() if len(places) == 1 and named == places else None


_NAME_PARTS = re.compile(r"[\s\-]+")  # the words of a written name: "Kassym-Jomart Tokayev"


class ActorMatcher:
    """Finds actor names and agent words in sentences and codes noun phrases as CAMEO actors."""

    def __init__(self, nlp: Language, data: ActorData | None = None) -> None:
        self.data = data or load_actor_data()
        index = self.data.name_index()
        self._targets = index.targets
        self.names = index.phrases  # names matched as written; strings, not Docs: the world's names are many
        self.single_agents: dict[str, str] = {}
        self.multi_agents = PhraseMatcher(nlp.vocab, attr="LOWER")
        for phrase, agent in self.data.agents.items():
            if " " in phrase or "-" in phrase:
                self.multi_agents.add(agent, [nlp.make_doc(phrase)])
            else:
                self.single_agents[phrase] = agent
        titles = coref_table()
        self.past_titles, self.office_agents = titles.past_titles, titles.office_agents  # coreference.toml [titles]
        self.honorifics = titles.honorifics
        self.demonyms, self.hyphen_other, self.pair_words = titles.demonyms, titles.hyphen_other, titles.pair_words
        self.hyphen_before = titles.hyphen_before
        self.members, self.organization_nouns = titles.members, titles.organization_nouns
        # "Rashid", "Manuel": given names of many; "Austin", "Reno": people's names that are cities too (coders/person_names.py)
        if data is None:
            self.first_names, self.city_names = packaged_readings()
        else:
            self.first_names, self.city_names = first_names(self.data.people), city_names(self.data.written_phrases().items())

    def find(self, span: Span) -> SentenceMentions:
        """The actor names and agent words of a sentence, longest match first."""
        found = SentenceMentions()
        doc = span.doc
        matches = self.names(span)  # offsets are the doc's
        for match_id, start, end in sorted(matches, key=lambda m: (m[1] - m[2], m[1])):
            if any(i in found.names for i in range(start, end)):
                self._extend_name(doc, start, end, self._targets[match_id], found)
                continue
            if _joined_to(doc, end, self.hyphen_other) or _joined_after(doc, start, self.hyphen_before):
                continue  # "Russian-backed separatists", "Iranian-made drones", "pro-Russian": the name is not the noun's
            if self._after_other_name(doc, start, end, self._targets[match_id]):
                if len(doc[start - 1].text.rstrip(".")) > 1:  # "N. Nazarbayev": an initial may be the known person's
                    found.others.add(doc[start].text)
                continue  # "Mike Elliot": another person's surname
            if self._bare_first_name(doc, start, end, self._targets[match_id]):
                continue  # "Rashid, a shopkeeper": a first name names the person once the document named them in full
            city = self._as_city(doc, start, end, self._targets[match_id])
            if city is not None:  # "Austin police", "officials in Reno": the city, not the person
                found.names[start] = (doc[start:end], [city])
                continue
            entry = (doc[start:end], self._targets[match_id])
            for i in range(start, end):
                found.names[i] = entry
        for start, end in {(e[0].start, e[0].end) for e in found.names.values()}:
            self._elided_name(span, start, end, found)
        for match_id, start, end in sorted(self.multi_agents(span), key=lambda m: (m[1] - m[2], m[1])):
            if any(i in found.agents for i in range(start, end)):
                continue
            mention = (doc[start:end], doc.vocab.strings[match_id])
            for i in range(start, end):
                found.agents[i] = mention
        for token in span:
            # "arrested a Belgian national": the tagger may call a noun standing as an object or subject an adjective
            nominal = token.pos_ in ("NOUN", "PROPN") or (token.pos_ == "ADJ" and token.dep_ in NOMINAL_DEPS)
            if token.i in found.agents or token.i in found.names or not nominal:
                continue
            agent = self.agent_word(token)
            if agent:
                found.agents[token.i] = (token.doc[token.i : token.i + 1], agent)
        return found

    @staticmethod
    def _extend_name(doc: Doc, start: int, end: int, targets: Sequence[object], found: SentenceMentions) -> None:
        """A name that runs on past a person's name it overlaps, naming the same person, extends it: in "Crown Prince
        Mohammed bin Salman", "Crown Prince Mohammed" and "Mohammed bin Salman" are one name (the title's reading kept)."""
        first = found.names.get(start)
        if first is None or end <= first[0].end or any(i in found.names for i in range(first[0].end, end)):
            return
        people = [t for t in first[1] if isinstance(t, Person)]
        if not people or len(people) != len(first[1]) or not any(t in targets for t in people):
            return
        entry = (doc[first[0].start : end], [t for t in people if t in targets])
        for i in range(first[0].start, end):
            found.names[i] = entry

    def agent_word(self, token: Token) -> str | None:
        """The agent a one-word agent word names, by its form or its lemma ("police", "ministers"), or None."""
        return self.single_agents.get(token.lower_) or self.single_agents.get(token.lemma_.lower())

    def _elided_name(self, span: Span, start: int, end: int, found: SentenceMentions) -> None:
        """A capitalised word joined by "and" or "or" to a name's first word names, with the rest of that name, another
        name the tables hold: "North and South Korea" names North Korea too."""
        doc = span.doc
        if end - start < 2 or start - 2 < span.start or doc[start - 1].lower_ not in ("and", "or"):
            return
        word = doc[start - 2]
        if word.i in found.names or not word.text[:1].isupper():
            return
        match_id = self.names.lookup(f"{word.text} {doc[start + 1 : end].text}")
        if match_id is not None:
            found.names[word.i] = (doc[word.i : word.i + 1], self._targets[match_id])

    def _after_other_name(self, doc: Doc, start: int, end: int, targets: Sequence[object]) -> bool:
        """Whether a one-word name of people follows a capitalised word of another name ("Mike Elliot"), not a title."""
        people = [t for t in targets if isinstance(t, Person)]
        if end - start != 1 or start == 0 or not people or len(people) != len(targets):
            return False
        before = doc[start - 1]
        word = before.lower_.rstrip(".")
        if before.pos_ != "PROPN" or not before.text[:1].isupper() or not before.whitespace_ or not word.isalpha():
            return False
        if word in self.honorifics or word in self.single_agents or self.agent_word(before) is not None:
            return False
        return word not in {part.lower() for p in people for name in (p.name, *p.aliases) for part in _NAME_PARTS.split(name)}

    def _bare_first_name(self, doc: Doc, start: int, end: int, targets: Sequence[object]) -> bool:
        """Whether a one-word name of people is also a first name of many (`coders.first_names`) and no office title
        stands before it ("President Najib" is supported; a bare "Najib" is left to `resolve_surnames`)."""
        if end - start != 1 or doc[start].text not in self.first_names or not all(isinstance(t, Person) for t in targets):
            return False
        before = doc[start - 1] if start > 0 else None
        return before is None or self.agent_word(before) not in self.office_agents

    def _as_city(self, doc: Doc, start: int, end: int, targets: Sequence[object]) -> Place | None:
        """The city a one-word name of people names where a place stands: a modifier of an agent word ("Austin police")
        or the object of a preposition of place ("officials in Reno"); None elsewhere ("Austin said")."""
        city = self.city_names.get(doc[start].text) if end - start == 1 and all(isinstance(t, Person) for t in targets) else None
        if city is None:
            return None
        token = doc[start]
        before_agent = token.dep_ == "compound" and self.agent_word(token.head) is not None
        return city if before_agent or _in_place_phrase(token, place_words().location_prepositions) else None

    def actor(self, head: Token, mentions: SentenceMentions, on: dt.date | None) -> Actor | None:
        """The actor the noun phrase headed by `head` names on date `on`, or None."""
        known = head.i in mentions.names or head.i in mentions.agents
        if not known and head.pos_ != "PROPN" and head.lemma_.lower() not in self.organization_nouns:
            return None  # most words: no name, agent word, proper noun a title names, nor "group" in "the Hamas group"
        if head.pos_ not in HEAD_POS or (head.dep_ in ("amod", "compound", "det", "case") and not listed_name(head.head, head)):
            return None
        designated = not known and self._designated(head, mentions, on)
        if not known and not designated and not _titled_name(head, mentions):
            return None
        unknown_person = not known and not designated  # a full name the data lacks, its bearer told by a title or nationality
        if one_member(head, self.members):
            return None  # "a member state of the ICC": one unnamed member, not the court
        tokens = phrase_tokens(head)
        head_name = mentions.names.get(head.i)
        if head_name is not None and any(isinstance(t, Place) for t in head_name[1]):
            # "the extradition to Russia of Mukhtar Ablyazov" (an "of" phrase hung on the place): the place, not the person
            hung = {t.i for c in head.children if c.dep_ == "prep" and c.lower_ in _OF_PHRASE for t in c.subtree}
            tokens = [t for t in tokens if t.i not in hung]
        person = org = None
        places: list[tuple[Token, Place]] = []
        for tok in tokens:
            targets = mentions.names.get(tok.i, (None, []))[1]
            for target in dated([t for t in targets if isinstance(t, Organization)], on)[:1]:
                # the code that holds on the date: the Taliban are AFGGOV from 2021-08-15; of a body and its own
                # organ or agency named together ("the U.N. World Food Programme"), the organ or agency
                if org is None or (target.code.startswith(org[1].code) and len(target.code) > len(org[1].code)):
                    org = (tok, target)
            places.extend((tok, place) for place in dated_places(targets, on))
            named = [t for t in targets if isinstance(t, Person)]
            if named and person is None:  # of several people a name gives ("Pope"), the one in office that day
                person = (tok, next((p for p in named if on and any(r.active(on) for r in p.roles)), named[0]))
        agent = _agent_of(head, tokens, mentions)
        if agent in self.office_agents and any(t.lower_ in self.past_titles and t.dep_ == "amod" for t in tokens):
            agent = FORMER_OFFICIAL  # "the former Kyrgyz president", "a retired Russian general"
        text = phrase_text(head, tokens)
        plural = head.tag_ in ("NNS", "NNPS")
        if person is not None:
            code = person[1].code_on(on)
            titled = _current_title(person[0], tokens, mentions, self.past_titles)
            if titled is not None and (code is None or code.endswith(FORMER_OFFICIAL)):
                # "Kazakh Foreign Minister Kairat Abdrakhmanov" on a date the table has him out of office:
                # the writer's title of the day outranks the table's dates
                home = _choose_country(head, places) or ((person[1].home_country, ActorKind.PERSON) if person[1].home_country else None)
                code = home[0] + titled if home else code
            if code and code[3:6] in self.office_agents and any(t.lower_ in self.past_titles and t.i < person[0].i for t in tokens):
                code = code[:3] + FORMER_OFFICIAL  # "former Vice President Jorge Glas", whom the table still has in office
            if code is None and person[1].home_country:
                # a dated office gives the agent; outside every listed office (before the first, or in a span the
                # table cannot fill) the person still belongs to their country: "Zukhurov" in 1995 is at least TJK
                code = person[1].home_country
            if code:  # a national office (UZBGOV), a former official (UZBELI) or an organisation's (IGOUNO)
                country = code[:3] if code[:3] in country_codes() else None
                return Actor(code, country, text, ActorKind.PERSON, person[1].name, (code[3:6] or None) if country else None)
        # "Russia's Security Council" is national; "troops of the Russian-led CSTO", "the Geneva-based WHO" are not:
        # a place joined by a hyphen to the word after it describes the organisation, it does not own it
        owners = [tok for tok, _ in places if not _hyphenated(tok.doc, tok.i)]
        national = bool(owners) and head.i in mentions.agents and org is not None and org[1].country is None
        if org is not None and len(org[1].code) == 3 and any(c.dep_ == "nummod" or c.lower_ in self.pair_words for c in head.children):
            return None  # "the two Nordic countries", "both Gulf states": countries named before, not the region
        if org is not None and (head.i in mentions.names or not owners or designated) and not national:
            # "the Security Council" is the UN's; "Russia's Security Council" (a name that is also an agent word,
            # with a country) is the country's: national is then left to the country and agent below
            code, country = org[1].code, org[1].country  # a national group (AFGREB) is of its country
            return Actor(code, country, text, ActorKind.ORGANIZATION, code, code[3:6] or None if country else None, plural)
        chosen = _choose_country(head, places)
        if chosen is not None:
            iso3, kind = chosen
            if agent is None and kind == ActorKind.ADJECTIVE and any(t.i == head.i for t, _ in places):
                agent = self._people_agent(head, tokens)  # "Afghans fled", "ethnic Kyrgyz": the people, not the state
            if agent is not None:
                kind = ActorKind.AGENT
            elif unknown_person:
                kind = ActorKind.PERSON  # "American George Glezmann": a person of that country
            elif kind == ActorKind.CAPITAL:  # "Moscow said": the government, but no person ("he") nor agent word
                agent = "GOV"
            code = iso3 + (agent or "")
            return Actor(code, iso3, text, kind, code, agent, plural)
        if agent is not None:
            return Actor(agent, None, text, ActorKind.AGENT, agent, agent, plural)
        return None

    def _designated(self, head: Token, mentions: SentenceMentions, on: dt.date | None) -> bool:
        """Whether a noun such as "group" or "movement" (coreference.toml [descriptions] organizations) has an
        organisation's name before it: "the Hamas militant group", "the Hezbollah movement"."""
        if head.lemma_.lower() not in self.organization_nouns:
            return False
        before = [t for t in phrase_tokens(head) if t.i < head.i and t.dep_ in ("compound", "nmod", "amod")]
        return any(dated([t for t in mentions.names.get(tok.i, (None, []))[1] if isinstance(t, Organization)], on) for tok in before)

    def _people_agent(self, head: Token, tokens: list[Token]) -> str | None:
        """The agent of a nationality word standing as a plural noun ("Syrians", "five ethnic Uzbeks"), or None.

        The country's civilians when counted ("six Afghans") or acted on ("deported Afghans"); its opposition when they
        protest or oppose; None after "the" ("the Russians said" is the country, as news uses it), for a bare plural
        that acts ("Palestinians accused Israel": the side) or when the word is no plural people.
        """
        table = self.demonyms
        if any(t.dep_ == "det" and t.lower_ == "the" for t in head.children):
            return None
        counted = _counted(head) or any(t.lower_ in table.people_words for t in tokens)
        if not counted and not _plural_people(head):
            return None
        if _protesting(head, table.protest_verbs):
            return table.opposing
        # "Israelis and Palestinians resumed talks", "Palestinians accused Israel": a bare plural that acts is the side
        return table.people if counted or not _is_subject(head) else None

    def modifier_country(self, head: Token, mentions: SentenceMentions, on: dt.date | None = None, cities: bool = True) -> Actor | None:
        """The country named by a modifier of a noun that is no actor itself ("Kyrgyz villages", "Kazakhstan's oil sector");
        with `cities` False, not by a city's or capital's name ("the Minsk agreements" were signed there, not by Belarus)."""
        if head.pos_ not in ("NOUN", "PROPN"):
            return None
        modifiers = [child for child in head.children if child.dep_ in ("amod", "compound", "poss", "nmod")]
        modifiers += [t for child in modifiers for t in child.children if _hyphen_joined(t, child)]  # "a British-flagged tanker"
        # "12 French embassy staff": the nationality of a noun compounded with the head
        modifiers += [
            t
            for child in modifiers
            if child.dep_ == "compound" and child.pos_ == "NOUN"
            for t in child.children
            if t.dep_ in ("amod", "compound")
        ]
        countries = {place.iso3 for child in modifiers for place in mentions.places(child, on) if cities or place.kind not in SITE_KINDS}
        if len(countries) != 1:
            return None
        return Actor.of_country(countries.pop(), phrase_text(head, phrase_tokens(head)), ActorKind.MODIFIER)


def one_member(head: Token, members: frozenset[str]) -> bool:
    """Whether a noun phrase names one unnamed member of something ("a member state of the ICC")."""
    return (
        head.tag_ in ("NN", "NNP")
        and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children)
        and any(c.dep_ in ("compound", "amod", "nmod") and c.lemma_.lower() in members for c in head.children)
    )


def _joined_to(doc: Doc, end: int, words: frozenset[str]) -> bool:
    """Whether a name ending before `end` is joined by a hyphen to one of `words` ("Russian-backed")."""
    return _hyphenated(doc, end - 1) and doc[end + 1].lower_ in words


def _joined_after(doc: Doc, start: int, words: frozenset[str]) -> bool:
    """Whether a name starting at `start` is written after one of `words` and a hyphen ("pro-Russian", "anti-American")."""
    return _hyphenated(doc, start - 2) and doc[start - 2].lower_ in words


def _hyphen_joined(word: Token, to: Token) -> bool:
    """Whether `word` is written joined by a hyphen right before `to` ("British" of "British-flagged")."""
    return word.i + 2 == to.i and _hyphenated(word.doc, word.i)


def _hyphenated(doc: Doc, left: int) -> bool:
    """Whether the token at `left` and the one after the next are written as one word joined by a hyphen."""
    return left >= 0 and left + 2 < len(doc) and doc[left + 1].text == "-" and not doc[left].whitespace_ and not doc[left + 1].whitespace_


def _plural_people(head: Token) -> bool:
    """Whether a nationality word is a plural noun: tagged so, or written so ("Georgians", which the tagger may call NNP)."""
    return head.tag_ in ("NNS", "NNPS") or (head.text.endswith("s") and not head.text.endswith("ss"))


def _counted(head: Token) -> bool:
    """Whether a noun is counted: "six Afghans", "thousands of Chinese"."""
    of_many = head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.tag_ in ("NNS", "CD")
    return of_many or any(c.dep_ == "nummod" for c in head.children)


def _is_subject(head: Token) -> bool:
    """Whether a noun is the active subject of its clause, or conjoined with one ("Israelis and Palestinians resumed")."""
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    return head.dep_ == "nsubj"


def _in_place_phrase(token: Token, where: frozenset[str]) -> bool:
    """Whether a name stands in a phrase of place: the object of one of `where`, itself or the noun it modifies."""
    while token.dep_ in ("compound", "poss", "nmod", "flat", "appos", "amod") and token.head.i != token.i:
        token = token.head  # "in Nigeria's Borno state"
    of = token.head if token.dep_ == "pobj" and token.head.lower_ == "of" else None
    if of is not None and of.head.lemma_.lower() in place_words().place_nouns:
        token = of.head  # "near the city of Bamenda", "in the town of Palma"
    return token.dep_ == "pobj" and token.head.lower_ in where


def _protesting(head: Token, verbs: frozenset[str]) -> bool:
    """Whether the people a noun names protest or oppose: as subject of such a verb, through "thousands of", or in a clause on it."""
    tok = head
    while tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ in ("NOUN", "NUM"):
        tok = tok.head.head  # "tens of thousands of Georgians rallied"
    if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_.lower() in verbs:
        return True
    return any(c.dep_ in ("acl", "relcl", "amod") and c.lemma_.lower() in verbs for c in head.children)


def phrase_tokens(head: Token) -> list[Token]:
    """The head and its noun-phrase modifiers, including "of" complements ("Ministry of Defence of Kazakhstan")."""
    out, todo = [], [head]
    while todo:
        tok = todo.pop()
        out.append(tok)
        for child in tok.children:
            if child.dep_ in _NP_DEPS and not listed_name(tok, child):
                todo.append(child)
            elif child.dep_ == "prep" and child.lower_ in _OF_PHRASE:
                todo.extend(c for c in child.children if c.dep_ == "pobj")
    return sorted(out, key=lambda t: t.i)


def listed_name(head: Token, child: Token) -> bool:
    """Whether a name hung on a name is the first member of a list the parser misread: in "Tajik President
    Emomali Rahmon and Kyrgyz President Sadyr Japarov" it makes "Rahmon" (with its "and") a modifier of "Japarov".

    Also a name with its own title ("Colombian President Juan Manuel Santos and FARC leader Rodrigo Londono", made a
    compound), and one before the determiner of the noun it is hung on ("Israel and the Islamic Jihad group"): a
    modifier never stands before its noun's "the".
    """
    if child.dep_ not in ("nmod", "compound") or child.pos_ != "PROPN" or not any(c.dep_ == "cc" for c in child.children):
        return False
    conjuncts = [c for c in child.children if c.dep_ == "conj"]
    if any(c.dep_ == "det" and c.i > child.i for t in (head, *conjuncts) for c in t.children):
        return True
    titled = any(c.dep_ == "compound" for c in child.children)
    return head.pos_ == "PROPN" and (child.dep_ == "nmod" or titled)


def _titled_name(head: Token, mentions: SentenceMentions) -> bool:
    """Whether `head` ends a proper name the data does not know, written after a known title or organisation.

    "Kazakh Foreign Minister Abcde Fghij", "UN Secretary-General Ban Ki-moon": the name's last word is the
    phrase's head, and the title before it (an agent word or an organisation) says who the person is.
    A phrase that also names a known person is left alone ("Putin aide ..."): that person is not its head.
    """
    if head.pos_ != "PROPN" or not _written_word(head)[0].text[:1].isupper():
        return False
    before = [t for t in phrase_tokens(head) if t.i < head.i]
    titled = False
    for tok in before:
        targets = mentions.names.get(tok.i, (None, []))[1]
        if any(isinstance(target, Person) for target in targets):
            return False
        titled = titled or tok.i in mentions.agents or any(isinstance(target, Organization) for target in targets)
    if _in_parentheses(head):
        return False
    if not titled:
        return _described_name(head, before, mentions)
    last_title = max(t.i for t in before if t.i in mentions.agents or t.i in mentions.names)
    name = head.doc[last_title + 1 : head.i + 1]
    return all(t.pos_ == "PROPN" or (t.text in _NAME_JOINERS and not t.whitespace_) for t in name)


def _described_name(head: Token, before: list[Token], mentions: SentenceMentions) -> bool:
    """Whether a full name the data does not know follows a nationality word and a common noun that describe its bearer.

    "Australian economist Sean Turnell", "Japanese filmmaker Toru Kubota": the nationality is the person's country.
    The name has two words at least, and only lowercase nouns and adjectives stand between the nationality and the
    name ("Ecuadorean presidential candidate Fernando Villavicencio").
    """
    nationality = [t for t in before if any(isinstance(p, Place) and p.kind == "adjective" for p in mentions.names.get(t.i, (None, []))[1])]
    if not nationality:
        return False
    doc = head.doc
    between = doc[nationality[-1].i + 1 : head.i + 1]
    words = next((i for i, t in enumerate(between) if not (t.pos_ in ("NOUN", "ADJ") and t.text.islower())), len(between))
    name = between[words:]
    described = any(t.pos_ == "NOUN" for t in between[:words])
    # "released American George Glezmann": a nationality standing for its bearer right before a name of two or three
    # words, with no article (not "the Japanese Grand Prix")
    bare = words == 0 and len(name) <= 3 and not any(c.dep_ == "det" for c in head.children)
    return (described or bare) and len(name) >= 2 and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in name)


def _in_parentheses(token: Token) -> bool:
    """Whether a token stands inside parentheses of its sentence: "(Reuters, Kazakh state TV)" cites, it does not act."""
    depth = 0
    for tok in token.sent:
        if tok.i >= token.i:
            break
        depth += (tok.text == "(") - (tok.text == ")")
    return depth > 0


def _written_word(token: Token) -> Span:
    """The whole written word a token is part of: "Ki-moon" for "moon", whose pieces the tokenizer split at the joiner."""
    doc, start, end = token.doc, token.i, token.i + 1
    while start > 0 and not doc[start - 1].whitespace_ and (doc[start - 1].text in _NAME_JOINERS or doc[start].text in _NAME_JOINERS):
        start -= 1
    while end < len(doc) and not doc[end - 1].whitespace_ and (doc[end].text in _NAME_JOINERS or doc[end - 1].text in _NAME_JOINERS):
        end += 1
    return doc[start:end]


def _current_title(name: Token, tokens: list[Token], mentions: SentenceMentions, past_titles: frozenset[str]) -> str | None:
    """The agent of an office title written before a person's name, unless the phrase says it is past.

    "Kazakh Foreign Minister Kairat Abdrakhmanov" -> GOV; "former Foreign Minister ..." -> None.
    """
    before = [t for t in tokens if t.i < name.i and t.i in mentions.agents]
    if not before or any(t.lower_ in past_titles for t in tokens):
        return None
    return mentions.agents[before[-1].i][1]


def _agent_of(head: Token, tokens: list[Token], mentions: SentenceMentions) -> str | None:
    """The agent of a phrase: its head's, unless an "of" complement names who the head is made of or leads.

    "a delegation of Chinese businessmen" is BUS, "the head of the Uzbek police" COP, "the speaker of the
    Duma" LEG; "the army" alone is MIL.
    """
    if head.i in mentions.agents:
        members = [c for p in head.children if p.dep_ == "prep" and p.lower_ == "of" for c in p.children if c.dep_ == "pobj"]
        inner = [m for m in members if m.i in mentions.agents and mentions.agents[m.i][0].start != mentions.agents[head.i][0].start]
        return mentions.agents[inner[0].i][1] if inner else mentions.agents[head.i][1]
    near = [t for t in tokens if t.i in mentions.agents and t.i < head.i + 1]
    return mentions.agents[near[-1].i][1] if near else None


def _choose_country(head: Token, places: list[tuple[Token, Place]]) -> tuple[str, ActorKind] | None:
    """The country of a phrase, with the kind of its place: the head's own place, else the nearest modifier's."""
    if not places:
        return None
    for tok, place in places:
        if tok.i == head.i:
            return place.iso3, ActorKind(place.kind)
    tok, place = min(places, key=lambda p: abs(p[0].i - head.i))
    return place.iso3, ActorKind(place.kind)


def phrase_text(head: Token, tokens: list[Token]) -> str:
    """The text of a noun phrase's tokens, without a determiner or case marker that starts it, or a parenthesis that ends it."""
    core = [t for t in tokens if t.dep_ not in ("det", "case") or t.i > tokens[0].i] or [head]
    opening = next((t.i for t in head.doc[head.i : core[-1].i + 1] if t.text == "("), None)
    if opening is not None and not _in_parentheses(head):
        core = [t for t in core if t.i < opening]
    start, end = core[0].i, core[-1].i + 1
    return head.doc[start:end].text
