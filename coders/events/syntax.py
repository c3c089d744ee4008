"""Tree walks over spaCy's dependency parse: subjects, objects, prepositional phrases, clauses and lists.

Pure functions of the parse (no lexicon entry, no actor): the roles resolvers and the coder read the
sentence through them. Dependency labels are spaCy's English ones (ClearNLP style).
"""

from __future__ import annotations

from collections.abc import Collection

from spacy.tokens import Token

from coders.actors import SentenceMentions, listed_name
from coders.coreference import coref_table, distributive, points_back, the_other
from coders.dates import is_month, is_weekday

CONTENT_PREPS = ("for", "with", "of")
PURPOSE_PREPS = frozenset({"for", "to", "toward", "towards"})
# Prepositions of a phrase that sets an exchange beside its clause: "after talks with X, Y said ..."
SETTING_PREPS = frozenset({"after", "following", "during", "at", "in", "amid"})
# The phrases that name the members of a group that names no one itself: "the leaders of X and Y", "several countries,
# including X and Y"
MEMBER_PREPS = ("of", "including")
# "X was among the first to recognise": a copula's phrase that ranks its subject with the doers of an infinitive
PREDICATE_PREPS = ("among",)
# A phrase that dates a clause by an earlier act ("his first visit since Russia's invasion of Ukraine"): the act is
# a time anchor, not news the sentence reports
ANCHOR_PREPS = frozenset({"since"})
# The phrase that gives the reason for an act ("sanctioned Iran over its support for Russia"): the act named there is
# why the clause happened, not news the sentence reports
REASON_PREPS = frozenset({"over"})
# "clashes on the Kyrgyz-Tajik border", "talks at the Uzbek-Kazakh summit": phrases whose border or meeting names the parties
SETTING_PARTY_PREPS = ("on", "along", "at", "near", "across", "during")
# Where a show of force stands in relation to the country it is aimed at ("drills around Taiwan", "off its coast").
POSTURE_PREPS = ("in", "near", "along", "on", "at", "around", "off")
# What a statement of concern or regret is about ("voiced concern over X's launch").
STATEMENT_TOPIC_PREPS = ("about", "over", "regarding", "concerning")
VERB_TARGET_PREPS = ("to", "with", "against", "on", "toward", "towards", "into", "over", "upon", "at")
# The phrase of a topic noun an entry names ("the murder of X", "the attack against X") that holds the one it befell.
TOPIC_TARGET_PREPS = ("of", "against")
NOUN_TARGET_PREPS = ("to", "with", "against", "on", "toward", "towards", "between", "for", "into", "over")
SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
INHERIT_SUBJECT_DEPS = frozenset({"xcomp", "conj", "advcl", "ccomp", "acomp"})
RELATIVE_PRONOUNS = frozenset({"which", "who", "that", "whom"})
# Words that open a clause of time the parser may read as a preposition ("after Mexico granted asylum")
SUBORDINATORS = frozenset({"after", "before", "until", "since"})
# "The president is to visit Kazakhstan": "be" with a "to" infinitive announces the act; "was ready": a copula
BE = "be"
# The first words of compound prepositions the parser hangs the second on ("out of Kherson", "away from the border",
# "moved troops up to the border");
# not "according to", "because of"
COMPOUND_PARTICLES = frozenset({"out", "away", "back", "off", "on", "up"})
# "received Aliyev in Ankara, where they signed": a clause opened by these says where or when the clause before went on
SETTING_ADVERBS = frozenset({"where", "when"})
# Prepositions by which an agent takes its country from a name ("ambassadors of X", "lawmakers in X", "troops from X").
SHARED_PREPS = frozenset({"of", "in", "from"})


def name_modifiers(token: Token, mentions: SentenceMentions) -> list[Token]:
    """The names that modify a noun: before it ("Uzbek police") or in its "of"/"in"/"from" phrase."""
    found = [c for c in token.children if c.dep_ in ("amod", "compound", "nmod", "poss")]
    found += prep_objects(token, SHARED_PREPS)
    return [t for t in found if t.i in mentions.names]


def with_conjuncts(tokens: list[Token], appos: bool = True) -> list[Token]:
    out: list[Token] = []
    todo = list(tokens)
    while todo:
        tok = todo.pop(0)
        if tok not in out:
            out.append(tok)
            # a name the parser hung on the next one with its "and" is a list member too (see actors.listed_name)
            todo.extend(c for c in tok.children if c.dep_ == "conj" or listed_name(tok, c))
            if appos:
                todo.extend(c for c in tok.children if c.dep_ == "appos")
    return out


def prep_objects(token: Token, preps: Collection[str] = ("of",)) -> list[Token]:
    """The objects of a token's prepositional phrases headed by one of `preps`: "the heads of X and Y" -> [X]."""
    return [c for p in token.children if p.dep_ == "prep" and p.lower_ in preps for c in p.children if c.dep_ == "pobj"]


def clause_verb(noun: Token) -> Token | None:
    """The verb whose clause an event noun stands in: as object, or through prepositions ("at the end of the talks")."""
    current = noun
    for _ in range(4):
        head = current.head
        if head.i == current.i:
            return None
        if head.pos_ in ("VERB", "AUX") and head.dep_ != "prep" and current.dep_ in ("dobj", "obj", "pobj", "prep", "nsubjpass", "pcomp"):
            return head  # ("following" the parser tags a verb but hangs as a preposition is one)
        if current.dep_ not in ("pobj", "prep"):
            return None
        current = head
    return None


def attributive_object(participle: Token, lemmas: frozenset[str], hosts: frozenset[str]) -> list[Token]:
    """The name a present participle right after a verb of `hosts` describes, when the parser read the participle as the
    verb's complement: "met visiting Foreign Minister Wang Yi" ("visiting" xcomp, "Wang Yi" its object, the verb none)."""
    verb = participle.head
    if (
        participle.tag_ != "VBG"
        or participle.lemma_.lower() not in lemmas
        or verb.lemma_.lower() not in hosts
        or participle.dep_ not in ("xcomp", "advcl", "ccomp")
        or participle.i != verb.i + 1
        or any(c.dep_ in ("dobj", "obj") for c in verb.children)
    ):
        return []
    return [c for c in participle.children if c.dep_ in ("dobj", "obj") and c.pos_ == "PROPN"]


def small_clause_subjects(verb: Token, permission: bool = False) -> list[Token]:
    """The subject of a bare infinitive clause right after a verb, which is the verb's object.

    "helped Tajikistan build a road", "let Russia use the base"; not "said Russia would help", whose
    clause is finite. `permission`: a "to" infinitive as well ("allowed Taiwan to open an office", parsed as a
    clause), and a subject with modifiers before it ("let Israeli airlines use").
    """
    return [
        s
        for c in verb.children
        if c.dep_ in ("ccomp", "xcomp")
        and c.tag_ == "VB"
        and c.i > verb.i
        and not any(g.dep_ in ("aux", "auxpass", "mark") and not (permission and g.lower_ == "to") for g in c.children)
        for s in c.children
        if s.dep_ == "nsubj" and (s.left_edge.i if permission else s.i) == c.left_edge.i
    ]


def surface_subjects_of(verb: Token, passive: bool, intent_nouns: Collection[str] = ()) -> list[Token]:
    """The words standing as a verb's subject: its passive subject, else its (inherited or adjacent) subjects."""
    if passive:
        return [c for c in verb.children if c.dep_ == "nsubjpass"]
    return subjects_of(verb, intent_nouns) or _adjacent_subjects(verb)


def subjects_of(verb: Token, intent_nouns: Collection[str] = ()) -> list[Token]:
    """The subjects of a verb, inherited along xcomp/conj/advcl chains ("agreed to sign", "met and signed") and
    from the clause of an intent noun to the verb that has it ("expressed readiness to supply")."""
    current, came_by = verb, ""
    for _ in range(4):
        subjects = [c for c in current.children if c.dep_ in SUBJECT_DEPS] or _marked_subjects(current)
        if subjects:
            return subjects
        if current.i == verb.i and _stranded_subject(verb):
            return [verb.doc[verb.i - 1]]
        if current.i != verb.i and came_by == "xcomp":
            # "X was seen to cross into ...", "X is expected to sign": the passive subject does the act
            subjects = [c for c in current.children if c.dep_ == "nsubjpass"]
            if subjects:
                return subjects
        if current.dep_ == "relcl" or misread_main_verb(current):
            return [current.head]
        if current.dep_ == "acl" and current.tag_ == "VBG" and current.head.pos_ in ("PROPN", "NOUN"):
            return [current.head]  # "Karimov, speaking at a news conference ...": the one the participle describes
        if current.dep_ == "pcomp" and current.head.dep_ == "prep":
            current, came_by = current.head.head, "pcomp"
            continue
        if current.dep_ == "acl" and current.head.dep_ in ("dobj", "obj") and current.head.lemma_.lower() in intent_nouns:
            # "expressed readiness to supply grain": the one who expressed it would supply
            current, came_by = current.head.head, "acl"
            continue
        if current.dep_ not in INHERIT_SUBJECT_DEPS or current.head.i == current.i:
            return []
        came_by = current.dep_
        current = current.head
    return []


# Dependents that never belong to a verb's phrase when PETRARCH's target is looked for in it.


# Dependents that never belong to a verb's phrase when PETRARCH's target is looked for in it.
_OUTSIDE_PHRASE = frozenset(
    {
        "expl",
        "aux",
        "auxpass",
        "neg",
        "mark",
        "cc",
        "punct",
        "relcl",
        "parataxis",
        "prt",
        "discourse",
        "meta",
        "dep",
        "preconj",
        "predet",
    }
)


def verb_phrase(verb: Token, trigger_lemmas: frozenset[str]) -> list[Token]:
    """The words of a verb's phrase after it, in order.

    Objects, prepositional phrases, participles and infinitives, and a complement clause with no
    trigger verb of its own ("believes X and Y can cope"); never its subject.
    """
    found: list[Token] = []
    todo = [c for c in verb.children if c.i > verb.i and c.dep_ not in SUBJECT_DEPS]
    while todo:
        token = todo.pop()
        if token.dep_ in _OUTSIDE_PHRASE or not _inside_phrase(token, trigger_lemmas):
            continue
        found.append(token)
        todo.extend(token.children)
    return sorted(found, key=lambda t: t.i)


def _inside_phrase(token: Token, trigger_lemmas: frozenset[str]) -> bool:
    """Whether a dependent stays in the verb phrase.

    Participles ("roads leading into X") and infinitives do; coordinated verbs and finite
    adverbial clauses do not, nor a complement clause with an event verb of its own.
    """
    if token.pos_ in ("VERB", "AUX") and token.dep_ == "conj":
        return False
    if token.dep_ == "advcl":
        infinitive = any(c.lower_ == "to" and c.dep_ in ("aux", "mark") for c in token.children)
        return infinitive and not any(c.dep_ in SUBJECT_DEPS for c in token.children)
    if token.dep_ == "ccomp":
        return not any(t.pos_ == "VERB" and t.lemma_.lower() in trigger_lemmas for t in _own_words(token))
    return True


def _own_words(clause: Token) -> list[Token]:
    """A clause's words, without coordinated verbs, relative clauses and their dependents."""
    found, todo = [], [clause]
    while todo:
        token = todo.pop()
        found.append(token)
        todo.extend(c for c in token.children if c.dep_ not in _OUTSIDE_PHRASE and not (c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")))
    return found


def within(token: Token, phrases: list[Token]) -> bool:
    """Whether a token lies within one of the phrases (below its head)."""
    heads = {p.i for p in phrases}
    return any(a.i in heads for a in token.ancestors)


def datives_of(verb: Token) -> list[Token]:
    """Indirect objects; spaCy labels the "to" of "sent troops to X" dative, so read its object."""
    out = []
    for child in verb.children:
        if child.dep_ in ("dative", "iobj"):
            out.extend([c for c in child.children if c.dep_ == "pobj"] if child.pos_ == "ADP" else [child])
    return out


def _marked_subjects(verb: Token) -> list[Token]:
    """A subject the parser hung on the clause's conjunction as its object: "after Moscow demanded ...", parsed as
    "after Moscow" with "demanded" subjectless, or as a phrase of the clause before ("expelled Mexico's ambassador after
    Mexico granted asylum", "after Mexico" hung on "ambassador")."""
    marked = [p for m in verb.children if m.dep_ == "mark" for p in m.children if p.dep_ == "pobj" and m.i < p.i < verb.i]
    if marked or verb.dep_ != "advcl" or verb.i == 0:
        return marked
    before = verb.doc[verb.i - 1]
    prep = before.head
    hung = before.dep_ == "pobj" and prep.lower_ in SUBORDINATORS and prep.i == before.left_edge.i - 1 and prep.i > verb.head.i
    return [before] if hung and before.pos_ in ("PROPN", "NOUN") else []


def _stranded_subject(verb: Token) -> bool:
    """Whether the name right before a subjectless conjoined verb is its subject, which the parser joined to the object
    of the clause before: "Hamas freed three hostages on Sunday and Israel released 90 prisoners" ("Sunday and Israel")."""
    if verb.dep_ != "conj" or verb.i < verb.sent.start + 2:
        return False
    name = verb.doc[verb.i - 1]
    if name.pos_ != "PROPN" or name.dep_ != "conj" or name.left_edge.i <= verb.sent.start:
        return False
    joint = verb.doc[name.left_edge.i - 1]  # "and" before "Israel", or before "the United States"
    return name.head.i < joint.i and joint.dep_ == "cc" and joint.head.i == name.head.i


def _adjacent_subjects(verb: Token) -> list[Token]:
    """When the parse gave a verb no subject, the conjoined names right before it ("..., Putin and Karimov explored")."""
    before = verb.i - 1
    while before >= verb.sent.start and verb.doc[before].pos_ in ("ADV", "AUX", "PART"):
        before -= 1
    if before < verb.sent.start or verb.doc[before].pos_ not in ("PROPN", "NOUN"):
        return []
    chain = [verb.doc[before]]
    while chain[-1].dep_ == "conj" and chain[-1].head.i < chain[-1].i:
        chain.append(chain[-1].head)
    if len(chain) == 1:
        return chain
    return sorted((t for t in chain if t.dep_ == "conj"), key=lambda t: t.i)  # in the order written


def prep_phrases(token: Token, objects: list[Token]) -> dict[str, list[Token]]:
    """Preposition -> its objects, for the token and for its direct objects ("signed an agreement with X")."""
    found: dict[str, list[Token]] = {}
    # "welcomed a restart of trade with X": the object's "of" complement carries prepositions too
    inner = [c for o in objects for c in prep_objects(o)]
    for holder in [token, *objects, *inner]:
        for child in holder.children:
            # spaCy labels the "to" of "handed X over to Y" dative: a preposition all the same
            if child.dep_ in ("prep", "agent") or (child.dep_ == "dative" and child.pos_ == "ADP"):
                # "talks with Erdogan and with Aliyev": a repeated preposition conjoined to the first
                again = [c for c in child.children if c.dep_ == "conj" and c.lower_ == child.lower_]
                if child.lower_ in COMPOUND_PARTICLES and not any(c.dep_ in ("pobj", "pcomp") for c in child.children):
                    # "ordered its forces out of Kherson", "pull out of Syria": a compound preposition's objects
                    # stand under both its words
                    for second in (c for c in child.children if c.dep_ == "prep"):
                        objs = [c for c in second.children if c.dep_ in ("pobj", "pcomp") and not is_date(c)]
                        found.setdefault(child.lower_, []).extend(objs)
                        found.setdefault(second.lower_, []).extend(objs)
                for obj in (c for p in (child, *again) for c in p.children if c.dep_ in ("pobj", "pcomp")):
                    if not is_date(obj):
                        found.setdefault(child.lower_, []).append(obj)
                        continue
                    # "the visit on March 16 of the President to Tashkent": the parser hangs the noun's
                    # phrases on the date
                    for nested in obj.children:
                        if nested.dep_ == "prep":
                            found.setdefault(nested.lower_, []).extend(c for c in nested.children if c.dep_ in ("pobj", "pcomp"))
    return found


def preps_between_subject_and_verb(noun: Token) -> dict[str, list[Token]]:
    """The phrases the parser hangs on a verb that stand between its subject noun and it, which modify the noun.

    "Atamkulov's meeting in Beijing, with his counterpart Wang Yi, confirmed ...": "with his counterpart" is
    the meeting's partner, though the parser attached it to "confirmed".
    """
    verb = noun.head
    if noun.dep_ not in ("nsubj", "nsubjpass") or verb.i < noun.i:
        return {}
    found: dict[str, list[Token]] = {}
    for prep in verb.children:
        if prep.dep_ == "prep" and noun.i < prep.i < verb.i:
            found.setdefault(prep.lower_, []).extend(c for c in prep.children if c.dep_ == "pobj" and not is_date(c))
    return found


def in_inner_clause(token: Token, verb: Token) -> bool:
    """Whether a token of a verb's phrase stands in a clause of its own below the verb ("to supply gas to China")."""
    for ancestor in token.ancestors:
        if ancestor.i == verb.i:
            return False
        if ancestor.pos_ in ("VERB", "AUX"):
            return True
    return False


def hung_on_place(preps: dict[str, list[Token]], mentions: SentenceMentions) -> list[Token]:
    """The "of" phrases the parser hangs on a place an event noun names instead of on the noun.

    "the meeting in Astana of Putin and Nazarbayev": "of Putin" belongs to the meeting. A place's own
    "of" phrase ("in the city of Osh", "in Astana of Kazakhstan") names a place and stays where it is.
    """
    found: list[Token] = []
    for place in (t for p in ("in", "at") for t in preps.get(p, []) if mentions.places(t)):
        hung = [
            obj
            for prep in place.children
            if prep.dep_ == "prep" and prep.lower_ == "of"
            for obj in prep.children
            if obj.dep_ == "pobj" and not mentions.places(obj)
        ]
        # "... in Tashkent of Nazarbayev and Karimov": the parser may join the second name to the place
        stray = [c for c in place.children if c.dep_ == "conj" and c.i in mentions.names and not mentions.places(c)]
        found += hung + (stray if hung else [])
    return found


def participle_agents(nouns: list[Token], owning: Collection[str] = ()) -> list[Token]:
    """The "by" agents of participles that modify nouns: "the sanctions imposed by the United States" -> [States]; and
    the owner in the "to" phrase of an `owning` participle ("tanks belonging to Gaddafi's forces" -> [forces])."""
    return [
        obj
        for noun in nouns
        for participle in noun.children
        if participle.dep_ == "acl" and (participle.tag_ == "VBN" or participle.lemma_ in owning)
        for agent in participle.children
        if agent.dep_ == "agent" or (participle.lemma_ in owning and agent.dep_ == "prep" and agent.lower_ == "to")
        for obj in agent.children
        if obj.dep_ == "pobj"
    ]


def for_clause_subjects(token: Token) -> list[Token]:
    """The subject of a "for ... to" clause on a noun: "an invitation for Uzbekistan to join" -> [Uzbekistan]."""
    return [
        s
        for c in token.children
        if c.dep_ in ("advcl", "acl") and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children)
        for s in c.children
        if s.dep_ == "nsubj"
    ]


def copular(verb: Token) -> bool:
    """Whether a verb is "be" joining its subject to a predicate ("was not the time", "is ready"), not "be" of place."""
    return verb.lemma_.lower() == BE and any(c.dep_ in ("attr", "acomp") for c in verb.children)


def joined_in(noun: Token, participation_verbs: frozenset[str]) -> bool:
    """Whether an event noun is what a verb of taking part joins: "took part in the talks", "is on a visit to Moscow"."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in ("in", "on") or prep.head.pos_ not in ("VERB", "AUX"):
        return False
    verb = prep.head
    if copular(verb):
        return False  # "said that now was not the time for war, in their first meeting": a copula's predicate, no taking part
    return verb.lemma_.lower() in participation_verbs and (
        verb.lemma_.lower() != "take" or any(c.dep_ in ("dobj", "obj") and c.lemma_.lower() == "part" for c in verb.children)
    )


def hyphenated(modifiers: list[Token]) -> list[Token]:
    """The first halves of hyphenated modifiers, which the parser hangs on the second: "Uzbek" of "Uzbek-Russian"."""
    return [g for m in modifiers for g in m.children if g.dep_ in ("amod", "compound") and g.i + 2 == m.i and g.nbor().text == "-"]


def each_other(token: Token) -> bool:
    """Whether a word heads a reciprocal pronoun (coreference.toml): "accused each other", "blamed one another", or is
    "the other" of a clause whose subject is "each side" ("each side blamed the other")."""
    reciprocal = coref_table().reciprocal
    if any(" ".join(t.lower_ for t in sorted((c, token), key=lambda t: t.i)) in reciprocal for c in token.children):
        return True
    verb = clause_verb(token) if the_other(token) else None
    return verb is not None and any(distributive(s) for s in subjects_of(verb))


def is_date(token: Token) -> bool:
    """Whether a phrase head is a date: a weekday, a month, or a day the month modifies ("March 16th-17th", "September 6")."""
    return is_weekday(token.text) or any(
        is_month(t.text) for t in (token, *(c for c in token.children if c.dep_ in ("compound", "nmod", "nummod")))
    )


def act_of_before(noun: Token, policy: frozenset[str]) -> bool:
    """Whether a noun names an act said before, and no one's: "the decision", "this move" (not "Russia's decision",
    "the decision by Moscow", "a decision")."""
    return (
        noun.lemma_.lower() in policy
        and points_back(noun)
        and not any(c.dep_ in ("poss", "amod", "compound") and c.pos_ in ("PROPN", "PRON") for c in noun.children)
        and not prep_objects(noun, ("of", "by"))
    )


def trigger_text(token: Token) -> str:
    """The trigger as written, with its particle and negation ("pulled out", "not sign")."""
    words = [token] + [c for c in token.children if c.dep_ in ("prt", "neg")]
    return " ".join(t.text for t in sorted(words, key=lambda t: t.i))


def _as_well_as(cc: Token) -> bool:
    """Whether a coordinating word is the last "as" of "as well as"."""
    return cc.lower_ == "as" and cc.i >= 2 and " ".join(t.lower_ for t in cc.doc[cc.i - 2 : cc.i + 1]) == "as well as"


def as_well_as_groups(tokens: list[Token]) -> list[list[Token]] | None:
    """Conjoined words split where "as well as" joins two lists; None when none does.

    "fighting between Russia and Ukraine as well as Azerbaijan and Armenia" -> [[Russia, Ukraine],
    [Azerbaijan, Armenia]]: two pairs, not one list of four.
    """
    if not tokens:
        return None
    head = tokens[0]
    marker = next((c for c in head.children if c.dep_ == "cc" and _as_well_as(c)), None)
    if marker is None:
        return None
    before = [c for c in head.children if c.dep_ == "conj" and c.i < marker.i]
    after = [c for c in head.children if c.dep_ == "conj" and c.i > marker.i]
    groups = [[head, *with_conjuncts(before, appos=False)]] + [with_conjuncts([c], appos=False) for c in after]
    return [group for group in groups if group]


def misread_main_verb(verb: Token) -> bool:
    """Whether the parser hung a sentence's main verb on its plural subject as a participle, making the noun the root:
    "Hundreds of Filipinos protested outside the consulate" (no "by" agent, as a reduced passive would have)."""
    head = verb.head
    return (
        verb.dep_ == "acl"
        and verb.tag_ in ("VBN", "VBD")
        and head.dep_ == "ROOT"
        and head.tag_ in ("NNS", "NNPS")
        and not any(c.dep_ == "agent" for c in verb.children)
    )
