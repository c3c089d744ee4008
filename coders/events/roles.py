"""The actors of a sentence's words: names, pronouns and descriptions resolved, lists and shared agents expanded.

`SentenceRoles` is made once per sentence; the coder's resolvers (`coders.events.resolvers`) ask it
for the actors of the words a reading of the parse points at.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from spacy.tokens import Span, Token

from coders.actor_data import Organization, dated
from coders.actors import Actor, ActorMatcher, SentenceMentions, one_member
from coders.coreference import DocumentContext, coref_table, described
from coders.events.reading import GrammarSets
from coders.events.syntax import (
    MEMBER_PREPS,
    RELATIVE_PRONOUNS,
    SETTING_ADVERBS,
    SUBJECT_DEPS,
    as_well_as_groups,
    clause_verb,
    for_clause_subjects,
    name_modifiers,
    prep_objects,
    subjects_of,
    with_conjuncts,
)
from coders.gazetteer import load_gazetteer
from coders.kinds import PLACE_KINDS, SITE_KINDS, ActorKind
from coders.pronouns import agrees
from coders.role_words import role_words


class SentenceRoles:
    """Actors of tokens in one sentence, with pronouns and descriptions resolved."""

    def __init__(
        self,
        matcher: ActorMatcher,
        grammar: GrammarSets,
        span: Span,
        mentions: SentenceMentions,
        context: DocumentContext,
        on: dt.date | None,
    ) -> None:
        self.matcher, self.grammar, self.span, self.mentions, self.context = matcher, grammar, span, mentions, context
        self.on = on
        self._cache: dict[int, list[Actor]] = {}
        # the actor each token names, read once and placed: roles, coreference and the quotation's speaker use it
        self.actor_at: dict[int, Actor | None] = {t.i: self._placed(t, matcher.actor(t, mentions, on)) for t in span}
        self.named = [a for t in span if (a := self.actor_at[t.i]) is not None and t.dep_ != "compound"]

    def _actor(self, token: Token) -> Actor | None:
        """The actor a token of the sentence names (no coreference)."""
        return self.actor_at.get(token.i)

    def actors(self, tokens: list[Token], conjuncts: bool = True) -> list[Actor]:
        """The actors named by tokens (and their conjuncts, unless told not to), in order, without repeats."""
        out: list[Actor] = []
        group: list[Actor] = []
        for token in self._listed(with_conjuncts(tokens, appos=False) if conjuncts else list(tokens)):
            # "the two sides, India and China": the list, though "sides" is an agent word that takes the first member
            listed = self._via_apposition(token) if token.i not in self.mentions.names else []
            # "the head of the government delegation, Syria's U.N. ambassador X": a word that names no country itself is
            # who its apposition names, before any coreference of its own words
            own = self._actor(token)
            named = listed if own is None or own.country is None else []
            for actor in listed if len(listed) > 1 else named or self._of(token) or self._via_apposition(token):
                if actor not in out:
                    out.append(actor)
                    group.append(actor)
        self.context.remember_group(tuple(group))
        return out

    def groups(self, tokens: list[Token]) -> list[list[Actor]] | None:
        """The actors of lists joined by "as well as", each list apart ("X and Y as well as Z and W"); None without one."""
        groups = as_well_as_groups(tokens)
        return None if groups is None else [self.actors(group, conjuncts=False) for group in groups]

    def _listed(self, tokens: list[Token]) -> list[Token]:
        """Tokens with the list members the parser took for appositions.

        In "Kyrgyzstan, the landlocked Tajikistan, and Russia", "Tajikistan" names another country than "Kyrgyzstan", so it
        is no second name for it but the next item of the list.
        """
        out = list(tokens)
        for token in tokens:
            own = {a.country for a in self._of(token)} if token.pos_ == "PROPN" else set()
            for child in token.children:
                if child.dep_ != "appos" or child.pos_ != "PROPN" or child.i not in self.mentions.names or not own - {None}:
                    continue
                other = {a.country for a in self._of(child)} - {None}
                if other and other.isdisjoint(own):
                    out.extend(t for t in with_conjuncts([child], appos=False) if t not in out)
        return out

    def _via_apposition(self, token: Token) -> list[Actor]:
        """The actors of a word's apposition with its conjuncts, when the word names none itself: "the two
        neighbours, Chad and Niger"; a dateline the parser makes the subject ("LONDON - Britain, Canada and X imposed")."""
        for child in token.children:
            if child.dep_ == "appos":
                found = [a for t in with_conjuncts([child], appos=False) for a in self._of(t)]
                if found:
                    return list(dict.fromkeys(found))
        return []

    def _of(self, token: Token) -> list[Actor]:
        if token.i in self._cache:
            return self._cache[token.i]
        if token.lower_ in RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
            found = self._of(token.head.head)
        elif token.lower_ in coref_table().pair_words and token.pos_ in ("PRON", "NUM", "DET"):
            found = self.context.description(token, None, self.actor_at)  # "The two discussed trade", "Both said"
        elif token.pos_ == "PRON":
            found = (
                self._clause_antecedent(token)
                or self._object_owner_antecedent(token)
                or self._object_antecedent(token)
                or self._meeting_pair(token)
                or self._meeting_owners(token)
                or self.context.pronoun(token, self.actor_at)
            )
        else:
            actor = self._actor(token)
            # not "Russia's invasion of Ukraine": a thing its possessor owns is no list of members
            owned = any(c.dep_ == "poss" and c.pos_ == "PROPN" for c in token.children)
            # "prosecutors from both countries", "officials from Russia and Uzbekistan": an agent's "from" phrase lists members too
            unplaced = actor is not None and actor.country is None and actor.kind == ActorKind.AGENT
            member_preps = (*MEMBER_PREPS, "from") if unplaced else MEMBER_PREPS
            if unplaced and token.lemma_.lower() in role_words().spokesmen.voices:
                member_preps = (*member_preps, "for")  # "a spokesman for the Taliban": the Taliban's
            members = (
                prep_objects(token, member_preps) if (actor is None and not owned) or (actor is not None and actor.country is None) else []
            )
            if one_member(token, coref_table().members):
                members = []  # "a member state of the ICC": one unnamed member, not the court
            if members:  # "the heads of the Kyrgyz and Tajik agencies", "leaders of Russia and China", "donors, including the EU"
                found = [a for m in with_conjuncts(members, appos=False) for a in self._of(m)]
                if actor is not None and actor.kind == ActorKind.AGENT and actor.agent:
                    # "the security services of the two countries": each country's, with the head's agent
                    found = [actor.with_country(a.country) if a.country and a.code == a.country else a for a in found]
            else:
                found = []
            organ = token.tag_ == "NNS" or token.lemma_.lower() in coref_table().organs  # "WHO experts", "the IAEA board"
            if not found and (actor is None or unplaced) and not owned and token.pos_ == "NOUN" and organ:
                # "observers from the OSCE", "judges at the ICC", "WHO experts": people from, at or named by an
                # organisation act for it
                sent = [a for m in with_conjuncts(prep_objects(token, ("from", "at")), appos=False) for a in self._of(m)]
                if _doing(token):  # "WHO experts began ...", not "EU membership talks"
                    sent += [a for c in token.children if c.dep_ == "compound" for a in self._compound_organization(c)]
                found = sent if sent and all(a.kind == ActorKind.ORGANIZATION and a.country is None for a in sent) else []
            if found:
                pass
            elif actor is not None and actor.country is None and actor.kind == ActorKind.AGENT:
                found = (
                    self._possessed(token, actor.agent)
                    or self._generic_owner(token)
                    or self.context.description(token, actor, self.actor_at)
                    or ([actor] if actor.agent in coref_table().standalone else [])
                )
            elif actor is None and token.lemma_.lower() in coref_table().generic:  # "the alliance", "the bloc"
                found = self.context.description(token, None, self.actor_at)
            elif actor is None and token.lemma_.lower() in coref_table().pairs:
                found = self._possessed(token, coref_table().pairs[token.lemma_.lower()]) or self.context.description(
                    token, None, self.actor_at
                )
            elif actor is None and token.lemma_.lower() in coref_table().country_nouns:
                found = self.context.description(token, None, self.actor_at)  # "the Gulf kingdom"
            elif actor is not None and actor.kind == ActorKind.ADJECTIVE and actor.agent is None:
                found = [self._borrowed_agent(token, actor)]
            else:
                found = self._shared_agent(token, actor) if actor is not None else []
        self._cache[token.i] = found
        return found

    def _placed(self, token: Token, actor: Actor | None) -> Actor | None:
        """An agent with no country placed by the one country its "from" phrase names ("a delegation from Afghanistan"
        is AFGGOV), or for agents of a place, its "in" phrase ("police in Pavlodar" are KAZCOP); listed with one
        country's actor, that country's ([conjoined]: "Maduro's government and the opposition"); an armed group with no
        country of its own, the one country of the sentence's places (coreference.toml [settled])."""
        if actor is None or actor.country is not None or actor.kind != ActorKind.AGENT:
            return actor
        # not "an international tribunal in The Hague" (a lowercase adjective: "the Foreign Ministry in Astana" is Kazakh)
        unplaced = any(
            c.dep_ == "amod" and (c.text.islower() or c.is_sent_start) and c.lower_ in coref_table().unplaced for c in token.children
        )
        located = actor.agent in coref_table().located and not unplaced
        for prep in ("from", "in") if located else ("from",):
            countries = {
                place.iso3
                for t in prep_objects(token, (prep,)) + _trailing_phrase(token, prep)
                for place in self.mentions.places(t, self.on)
                if place.kind in PLACE_KINDS
            }
            if len(countries) == 1:
                return actor.with_country(countries.pop())
        if actor.agent in coref_table().conjoined:
            # "Maduro's government and the opposition signed": listed with one country's actor, the agent is that country's
            listed = [c for c in token.children if c.dep_ == "conj"] + ([token.head] if token.dep_ == "conj" else [])
            owners = {a.country for t in listed if (a := self.matcher.actor(t, self.mentions, self.on)) is not None}
            owner = owners.pop() if len(owners) == 1 else None
            if owner:
                return actor.with_country(owner)
        if actor.agent in coref_table().settled:  # "militants attacked a police post in northern Mali": MLIREB
            country = self.mentions.sole_country(self.on, coref_table().settled_where)
            if country is not None:
                return actor.with_country(country)
        return actor

    def _shared_agent(self, token: Token, actor: Actor) -> list[Actor]:
        """An agent shared by conjoined names, as one actor per country.

        "the ambassadors of X, Y and Z", "lawmakers in X and Y", "the Israeli and Egyptian foreign
        ministers".
        """
        if actor.kind != ActorKind.AGENT or not actor.country or actor.code != actor.country + (actor.agent or ""):
            return [actor]
        names = name_modifiers(token, self.mentions)
        if not names and token.dep_ == "conj":
            # "deputies and envoys in X and Y": the parser hangs the names on the first conjunct
            names = [n for n in name_modifiers(token.head, self.mentions) if n.i > token.i]
        for name in names:
            members = [m for m in self._listed(with_conjuncts([name], appos=False)) if m.i != name.i]
            countries = [a.country for m in members if (a := self._actor(m)) and a.country]
            if countries and len(countries) == len(members):
                return [actor, *(actor.with_country(c) for c in dict.fromkeys(countries) if c != actor.country)]
        return [actor]

    def _borrowed_agent(self, token: Token, actor: Actor) -> Actor:
        """A nationality the parser made a head takes the agent of the phrase it is conjoined with.

        "Kyrgyz and Tajik border guards", parsed as "Kyrgyz" and "Tajik border guards": both are border guards.
        """
        for conj in token.children:
            other = self._actor(conj) if conj.dep_ == "conj" else None
            if (
                other is not None
                and other.kind == ActorKind.AGENT
                and other.agent
                and other.country
                and actor.country
                and name_modifiers(conj, self.mentions)
            ):
                code = actor.country + other.agent
                return Actor(code, actor.country, actor.text, ActorKind.AGENT, code, other.agent, other.plural)
        return actor

    def _possessed(self, token: Token, agent: str | None) -> list[Actor]:
        """A country noun or agent word owned by a third-person pronoun: the owner's country, with the word's agent.

        "the Kyrgyz president said that his country would ..." is KGZ; "Kazakhstan said its army
        would ..." KAZMIL ("our country" in a quotation is the speaker's: DocumentContext.description).
        """
        table = coref_table()
        owner = next((c for c in token.children if c.dep_ == "poss" and c.pos_ == "PRON" and c.lower_ not in table.quotes.speaker), None)
        if owner is None or token.lemma_.lower() in table.others:
            return []  # "a protest from their neighbours": others than they
        countries = dict.fromkeys(a.country for a in self._of(owner) if a.country)
        return [described(country, agent, token) for country in countries]

    def _generic_owner(self, token: Token) -> list[Actor]:
        """The organisation a generic noun names as an agent word's owner: "the alliance's member states", "the bloc's
        leaders" (coreference.toml [generic]); none for other owners."""
        owner = next((c for c in token.children if c.dep_ == "poss" and c.lemma_.lower() in coref_table().generic), None)
        return [] if owner is None else self._of(owner)

    def _clause_antecedent(self, pronoun: Token) -> list[Actor]:
        """The subject of the clause a pronoun's clause complements, when they agree.

        In "Kyrgyzstan signalled it would respond", "it" is Kyrgyzstan; in "the minister said he would
        resign", "he" the minister; in "the president said his government would", "his" the president; in
        "Germany said it was disappointed", "it" Germany.
        """
        subject = pronoun.head if pronoun.dep_ == "poss" else pronoun
        clause = subject.head
        # a passive's subject too: "Germany said it was worried by the decision", "Kyrgyzstan said it had been attacked"
        if subject.dep_ not in (*SUBJECT_DEPS, "nsubjpass") or clause.dep_ != "ccomp" or clause.head.i == clause.i:
            return []
        subjects = [t for t in with_conjuncts(subjects_of(clause.head), appos=False) if t.pos_ != "PRON"]
        found = [a for t in subjects for a in self._of(t)]
        if not (found and agrees(pronoun.lower_, found)):
            # "Ghana said on Friday it would begin talks ..., the minister said": the parser hangs the clause on the
            # last "said"; the speaker is the subject of the bare "said" right before the pronoun
            before = [
                c for c in clause.head.children if c.dep_ == "ccomp" and c.i < pronoun.i and not any(d.dep_ == "ccomp" for d in c.children)
            ]
            if not before and clause.head.head.i < pronoun.i and clause.head.head.i != clause.head.i:
                before = [clause.head.head]  # "Germany said on Thursday it was ..., a spokesman told reporters"
            subjects = [t for c in before[-1:] for t in with_conjuncts(subjects_of(c), appos=False) if t.pos_ != "PRON"]
            found = [a for t in subjects for a in self._of(t)]
        return found if found and agrees(pronoun.lower_, found) else []

    def _object_owner_antecedent(self, pronoun: Token) -> list[Actor]:
        """The subject of the verb whose object a possessive pronoun owns, when they agree.

        In "Kazakhstan was ready to expand its cooperation with the EU", "its" is Kazakhstan; not when the verb is
        what an object was told to do ("urged Russia to pull back its troops": _pronoun_owner's reading).
        """
        thing = pronoun.head
        verb = thing.head
        if pronoun.dep_ != "poss" or thing.dep_ not in ("dobj", "obj") or verb.pos_ != "VERB" or verb.i == thing.i:
            return []
        if verb.dep_ == "xcomp" and any(c.dep_ in ("dobj", "obj") for c in verb.head.children):
            return []
        found = [a for t in with_conjuncts(subjects_of(verb), appos=False) if t.pos_ != "PRON" for a in self._of(t)]
        return found if found and agrees(pronoun.lower_, found) else []

    def _meeting_pair(self, pronoun: Token) -> list[Actor]:
        """The subject and object of the clause a "where"/"when" clause hangs on, for its plural pronoun subject.

        In "Erdogan received Aliyev in Ankara, where they signed a defence pact", "they" are Erdogan and Aliyev.
        """
        clause = pronoun.head
        if (
            pronoun.dep_ not in SUBJECT_DEPS
            or pronoun.lower_ not in coref_table().group
            or not any(c.dep_ == "advmod" and c.lower_ in SETTING_ADVERBS for c in clause.children)
        ):
            return []
        verb = clause.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        if verb.i == clause.i or verb.pos_ not in ("VERB", "AUX"):
            return []
        return self._pair_of(verb)

    def _meeting_owners(self, pronoun: Token) -> list[Actor]:
        """The subject and object of the clause a meeting noun "their" owns is set in: in "Modi told Putin that now was
        not the time for war, in their first meeting", "their" are Modi and Putin; [] unless of two countries or more."""
        meeting = pronoun.head
        group = coref_table().group
        if pronoun.dep_ != "poss" or pronoun.lower_ not in group or meeting.lemma_.lower() not in self.grammar.symmetric_nouns:
            return []
        verb = clause_verb(meeting)
        while verb is not None and verb.dep_ == "ccomp" and not self.actors([c for c in verb.children if c.dep_ in SUBJECT_DEPS]):
            verb = verb.head  # "told Putin that now was not the time, in their meeting": the telling's parties
        return [] if verb is None else self._pair_of(verb)

    def _pair_of(self, verb: Token) -> list[Actor]:
        """The actors of a verb's subjects and objects, when they are of two countries or more ("they", "their"), else []."""
        parties = self.actors(subjects_of(verb)) + self.actors([c for c in verb.children if c.dep_ in ("dobj", "obj")])
        return parties if len({a.country for a in parties}) > 1 else []

    def _object_antecedent(self, pronoun: Token) -> list[Actor]:
        """The object of the verb a participle clause hangs on, for a pronoun object of the participle, when they agree.

        In "Moldova expelled 45 Russian diplomats, accusing them of spying", "them" is the diplomats; in "met Xi
        and invited him to visit", "him" is Xi.
        """
        participle = pronoun.head
        shares_subject = participle.dep_ == "conj" and not any(c.dep_ in SUBJECT_DEPS for c in participle.children)
        if pronoun.dep_ not in ("dobj", "obj") or not ((participle.dep_ == "advcl" and participle.tag_ == "VBG") or shares_subject):
            return []  # also a verb conjoined with one that shares its subject: "met Xi and invited him
        objects = [c for c in participle.head.children if c.dep_ in ("dobj", "obj") and c.pos_ != "PRON"]
        found = [a for t in with_conjuncts(objects, appos=False) for a in self._of(t)]
        return found if found and agrees(pronoun.lower_, found) else []

    def clause_parties(self, clause: Token, besides: Token | None = None) -> list[Actor]:
        """The parties of a clause: its subjects' actors and its objects' targets (`besides` left out); none unless it is a verb's.

        "Burkina Faso freed four French agents after mediation by Morocco": Burkina Faso and France.
        """
        if clause.pos_ not in ("VERB", "AUX"):
            return []
        objects = [c for c in clause.children if c.dep_ in ("dobj", "obj") and (besides is None or c.i != besides.i)]
        return self.actors(subjects_of(clause)) + self.targets(objects)

    def targets(self, tokens: list[Token]) -> list[Actor]:
        """Actors acted upon: as actors(); a thing a country modifies stands for that country
        ("shelled Kyrgyz villages", "invested in Kazakhstan's oil sector"), an act for its doer
        ("welcomed the decision by Moscow"), an offer for the one it is for ("an invitation for Uzbekistan to join")."""
        tokens = [t for t in tokens if t.lemma_.lower() not in self.grammar.setting_nouns]  # "on the sidelines of the summit"
        found = self.actors(tokens)
        if found:
            return found
        things = with_conjuncts(tokens, appos=False)
        # "kidnapped a group of American missionaries": the members of a group stand for it
        things += [m for t in things if t.lemma_.lower() in self.grammar.group_nouns for m in prep_objects(t, ("of",))]
        # "asked his allies in the CSTO for help": the organisation its fellows are in stands for them (the parser may
        # hang the "in" phrase right after the noun on the verb)
        fellows = [m for t in things if t.lemma_.lower() in self.grammar.fellow_nouns for m in _fellows_in(t)]
        bodies = [a for a in self.actors(fellows) if a.kind == ActorKind.ORGANIZATION]  # not "his allies in Baku": a place
        if bodies:
            return bodies
        for token in things:
            for place in self._modifier_countries(token):
                if place not in found:
                    found.append(place)
        return (
            found
            or self._named_modifiers(things)
            or self.actors([c for t in things for c in prep_objects(t, ("by",))])
            or self.actors([s for t in things for s in for_clause_subjects(t)])  # "sent an invitation for X to join"
        )

    def _modifier_countries(self, token: Token) -> list[Actor]:
        """The countries a noun's modifiers name, each of a list: "Kyrgyz villages", "American and Canadian missionaries"."""
        # "violated the Minsk agreements", "the Oslo accords": a city names where a pact was signed or a meeting held
        meeting = token.lemma_.lower() in self.grammar.agreement | self.grammar.symmetric_nouns
        place = self.matcher.modifier_country(token, self.mentions, self.on, cities=not meeting)
        if place is None:
            return []
        listed = [c for m in token.children if m.dep_ in ("amod", "compound") for c in with_conjuncts([m], appos=False) if c.dep_ == "conj"]
        found = [place]
        for conj in listed:
            countries = {p.iso3 for p in self.mentions.places(conj, self.on)}
            if len(countries) != 1:
                return [place]  # "American and other foreign missionaries": only the named country
            actor = Actor.of_country(countries.pop(), conj.text, ActorKind.MODIFIER)
            found += [actor] if actor.country not in {a.country for a in found} else []
        return found

    def _named_modifiers(self, things: list[Token]) -> list[Actor]:
        """The named actor (no country's name: those are modifier_country's) whose thing a noun is, as its possessor
        or the name before it: "rejected Hamas's proposal", "vetoed a U.N. Security Council resolution"; not when
        the thing is "for" or "to" someone named."""
        found: list[Actor] = []
        for thing in things:
            if thing.pos_ not in ("NOUN", "PROPN") or self._actor(thing) is not None:
                continue
            if any(self._of(t) for t in prep_objects(thing, ("for", "to"))):
                continue  # "vetoed an EU loan for Ukraine": whom the thing is for is the party, read by the next resolvers
            for child in thing.children:
                if child.dep_ == "poss" and child.pos_ == "NOUN":  # "the Uzbek leadership's efforts"
                    found += [a for a in self._of(child) if a not in found]
                # a known name, even one the tagger took for a common noun ("the IAEA resolution")
                if child.pos_ not in ("PROPN", "NOUN") or child.i not in self.mentions.names:
                    continue
                if child.dep_ == "poss":
                    found += [a for a in self._of(child) if a not in found]
                elif child.dep_ in ("compound", "nmod"):  # the parse gives a name that modifies a noun no actor of its own
                    found += [a for a in self._compound_organization(child) if a not in found]
        return found

    def _compound_organization(self, name: Token) -> list[Actor]:
        """The organisation a name hung on a noun as its modifier names ("a U.N. Security Council resolution"), or []."""
        if name.pos_ not in ("PROPN", "NOUN") or name.i not in self.mentions.names:  # "IAEA" may be tagged a noun
            return []
        organizations = [t for t in self.mentions.names[name.i][1] if isinstance(t, Organization)]
        return [
            Actor(org.code, org.country, name.text, ActorKind.ORGANIZATION, org.code, org.code[3:6] or None if org.country else None)
            for org in dated(organizations, self.on)[:1]
        ]

    def subject_owner(self, subjects: list[Token]) -> list[Actor]:
        """The actor whose body or officer a subject that names no one is ("The IMF's board approved", "the bloc's
        executive said"): its possessor, for the nouns of roles.toml [part_of]; a pronoun only when it is the subject of
        the clause it is reported in ("The IMF said its board had approved")."""
        parts = role_words().part_of.nouns
        owners = [c for s in subjects if s.lemma_.lower() in parts and not self._of(s) for c in s.children if c.dep_ == "poss"]
        reported = [a for c in owners if c.pos_ == "PRON" for a in self._clause_antecedent(c)]
        return self.actors([c for c in owners if c.pos_ != "PRON"]) + reported

    def document_issuer(self, verb: Token) -> list[Actor]:
        """Who speaks through a document a participle describes: its possessor or "by" phrase, else the subject of
        the verb that issued it (roles.toml [documents]): "adopted a resolution demanding", "issued a statement condemning";
        or who set up the body an infinitive says the purpose of ("set up a mission to investigate")."""
        words = role_words().documents
        document = verb.head
        if verb.dep_ in ("acl", "relcl", "advcl") and verb.tag_ == "VB":
            return self._founder(verb)
        if verb.dep_ != "acl" or verb.tag_ != "VBG" or document.lemma_.lower() not in words.nouns:
            return []
        own = self.actors([c for c in document.children if c.dep_ == "poss"] + prep_objects(document, ("by", "from")))
        if own or document.dep_ not in ("dobj", "obj") or document.head.lemma_.lower() not in words.verbs:
            return own
        return self.actors(subjects_of(document.head))

    def _founder(self, verb: Token) -> list[Actor]:
        """Who acts through a body set up to do what its purpose infinitive says (roles.toml [founded]): "voted to set up
        a fact-finding mission to investigate abuses in X" is the voter's investigation."""
        words = role_words().founded
        # the parser hangs the infinitive on the body ("a mission to investigate") or on the verb that sets it up
        hung = verb.dep_ in ("acl", "relcl")
        founding = verb.head.head if hung else verb.head
        bodies = [verb.head] if hung else [c for c in founding.children if c.dep_ in ("dobj", "obj")]
        if founding.lemma_.lower() not in words.verbs or not any(
            b.lemma_.lower() in words.nouns and b.head.i == founding.i for b in bodies
        ):
            return []
        return self.actors(subjects_of(founding))

    def owners(self, things: list[Token]) -> list[Actor]:
        """Whose things are, where possessive pronouns say so ("opened fire on its posts"): see _pronoun_owner."""
        found: list[Actor] = []
        for thing in with_conjuncts(things, appos=False):
            found += [a for a in self._pronoun_owner(thing) if a not in found]
        return found

    def _pronoun_owner(self, thing: Token) -> list[Actor]:
        """Whose a thing is, when a possessive pronoun says so and agrees with a subject of its clause or the clause it reports.

        "The Kyrgyz border service said Tajik troops opened fire on its posts": "its" cannot be the troops,
        so the posts are the border service's.
        """
        pronoun = next((c for c in thing.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
        if pronoun is None or pronoun.lower_ in coref_table().quotes.speaker:
            return []  # "our posts" in a quotation is the speaker's, read as a description
        verb = thing
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        if verb.dep_ == "xcomp" and verb.head.i != verb.i and not any(c.dep_ in SUBJECT_DEPS for c in verb.children):
            # "ordered Israel to halt its offensive", "urged Russia to pull back its troops": the one told does the act
            told = [a for c in verb.head.children if c.dep_ in ("dobj", "obj") for a in self._of(c)]
            if told and agrees(pronoun.lower_, told):
                return told
        for clause in (verb, verb.head if verb.dep_ == "ccomp" else None):
            if clause is None:
                continue
            found = [a for t in subjects_of(clause) if t.pos_ != "PRON" for a in self._of(t)]
            if found and agrees(pronoun.lower_, found):
                return found
        return self._of(pronoun)

    def named_countries(self, tokens: list[Token]) -> list[Actor]:
        """The countries modifier words name, as country actors ("Uzbek-Russian exercises": UZB, RUS), in order.

        Not a city's or capital's: "their Geneva summit" says where they met, not that Switzerland took part.
        """
        named: dict[str, str] = {}
        for token in tokens:
            for place in [p for p in self.mentions.places(token, self.on) if p.kind not in SITE_KINDS][:1]:
                named.setdefault(place.iso3, token.text)
        return [Actor.of_country(iso3, text, ActorKind.ADJECTIVE) for iso3, text in named.items()]

    def event_places(self, things: list[Token]) -> list[Actor]:
        """The countries events (roles.toml [event_place]) took place in: their "in" phrase or that of the participle or
        relative clause saying where they were done ("the crackdown in Belarus", "killings carried out in the Philippines")."""
        events = [t for t in with_conjuncts(things, appos=False) if t.lemma_.lower() in role_words().event_place.nouns]
        done = [c for e in events for c in e.children if c.dep_ in ("acl", "relcl")]
        return self.places(events + done)

    def places(self, tokens: list[Token], preps: Collection[str] = ("in", "inside")) -> list[Actor]:
        """The countries of the places things stand in, as country actors ("villages in Kyrgyzstan's Batken region")."""
        return self.places_of([p for token in with_conjuncts(tokens, appos=False) for p in prep_objects(token, preps)])

    def regions(self, tokens: list[Token]) -> list[Actor]:
        """The countries of the places tokens name themselves, where one country holds each name (the gazetteer's
        regions, which are no actor's name: "the Crimean Peninsula", "Nagorno-Karabakh"), as country actors."""
        found: list[Actor] = []
        for token in with_conjuncts(tokens, appos=False):
            words = [c for c in token.children if c.dep_ in ("compound", "amod") and c.i < token.i and c.text[:1].isupper()]
            name = token.doc[words[0].i if words else token.i : token.i + 1]
            if not name.text[:1].isupper():
                continue  # "the airport": a common noun names no region
            countries = {p.iso3 for p in load_gazetteer().lookup(name.text) if not p.is_country}
            if len(countries) == 1:
                found.append(Actor.of_country(countries.pop(), name.text, ActorKind.MODIFIER))
        return list(dict.fromkeys(found))

    def places_of(self, places: list[Token]) -> list[Actor]:
        """The countries places name, as country actors ("Kyrgyzstan's Batken region"; "the border with Tajikistan")."""
        found: list[Actor] = []
        for place in places:
            if place.lemma_.lower() in self.grammar.water_nouns:
                continue  # "in the Gulf of Aden": open water, no country's
            if (word := self._actor(place)) is not None and word.kind == ActorKind.ADJECTIVE:
                continue  # "broadcasts in Kazakh", "wrote in Russian": a nationality word alone is a language, no place
            # "near the border with Tajikistan": a border's neighbour is in its "with" phrase
            named = [place] + (prep_objects(place, ("with",)) if place.lemma_.lower() in self.grammar.border_nouns else [])
            # "along the coast of Indonesia's Aceh province": a part of a land is in the country of its "of" phrase
            named += prep_objects(place, ("of",)) if place.lemma_.lower() in self.grammar.land_parts else []
            found += [Actor.of_country(a.country, a.text, ActorKind.MODIFIER) for a in self.targets(named) if a.country]
        return list(dict.fromkeys(found))


def _fellows_in(noun: Token) -> list[Token]:
    """What an "in" phrase of a noun names, or one the parser hangs on its verb right after the noun ("allies in X")."""
    hung = [p for p in noun.head.children if p.dep_ == "prep" and p.lower_ == "in" and p.i == noun.right_edge.i + 1]
    return prep_objects(noun, ("in",)) + [c for p in hung for c in p.children if c.dep_ == "pobj"]


def _doing(token: Token) -> bool:
    """Whether a noun is a clause's subject, or what the subject is made of ("a team of WHO experts began")."""
    if token.dep_ == "pobj" and token.head.lower_ == "of":
        token = token.head.head
    return token.dep_ in ("nsubj", "nsubjpass")


def _trailing_phrase(obj: Token, prep: str) -> list[Token]:
    """The objects of a phrase the parser hangs on the verb right after its definite object, which modifies the object:
    "threatened the government in Damascus with sanctions" ("in Damascus" on "threatened")."""
    verb = obj.head
    definite = any(c.dep_ == "det" and c.lower_ == "the" for c in obj.children)
    if obj.dep_ not in ("dobj", "obj") or not definite or obj.right_edge.i + 1 >= len(obj.doc):
        return []
    after = obj.doc[obj.right_edge.i + 1]
    if after.lower_ != prep or after.dep_ != "prep" or after.head.i != verb.i:
        return []
    return [c for c in after.children if c.dep_ == "pobj"]
