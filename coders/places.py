"""Where an event happened: GDELT's ActionGeo, read from the sentence's parse and the offline gazetteer.

In order: a location phrase governed by the trigger or its clause ("met in Bukhara", "clashed near Batken");
the place a visit or arrival went to ("visited Dushanbe"); a place elsewhere in the sentence; the article's
dateline ("NUKUS, May 5 -"). A name several places share goes to the one in the event's actors' countries,
then in the document's other places' countries, then to the most populous. No place is better than a wrong
one: a country is given only where the sentence names no place inside it.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from spacy.tokens import Span, Token

from coders.datafiles import read_toml
from coders.gazetteer import Gazetteer, GeoType, Place, fold, load_gazetteer
from coders.synsets import is_word
from schemas.records import Event


class PlaceRule(StrEnum):
    """Which reading placed an event (stored as `action_geo_rule`)."""

    TRIGGER_PHRASE = "trigger-phrase"
    DESTINATION = "destination"
    SENTENCE = "sentence"
    DATELINE = "dateline"


PLACE_WORDS_FILE = Path(__file__).resolve().parent / "data" / "place_words.toml"


def _lowercase_words(words: frozenset[str]) -> frozenset[str]:
    bad = sorted(w for w in words if not is_word(w))
    if bad:
        raise ValueError(f"must hold lowercase single words, not {bad[0]!r}")
    return words


_Words = Annotated[frozenset[str], Field(min_length=1), AfterValidator(_lowercase_words)]


class PlaceWords(BaseModel):
    """The words places are read by (coders/data/place_words.toml)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    location_prepositions: _Words
    destination_verbs: _Words
    destination_nouns: _Words
    destination_prepositions: _Words
    place_nouns: _Words
    edge_nouns: _Words
    time_words: _Words


@cache
def place_words(path: Path = PLACE_WORDS_FILE) -> PlaceWords:
    """The placer's word lists, read and validated once."""
    return read_toml(path).validate(PlaceWords)


# A dateline: an upper-case place (and optionally its country) before a date, an agency or a dash.
DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z.'\- ]{2,40}?)(?:,\s*(?P<region>[A-Z][A-Za-z.' ]{1,30}?))?"
    r"\s*(?:,\s*)?(?:(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2})|\([A-Za-z .]+\)|,)*\s*(?:\([A-Za-z .]+\)\s*)?[-–—]{1,2}\s"
)


@dataclass(frozen=True)
class EventPlace:
    """The place of one event and the reading that found it."""

    place: Place
    rule: PlaceRule


@dataclass
class DocumentPlaces:
    """What a document says of places beyond one sentence: its dateline and the countries it places things in."""

    dateline: Place | None
    countries: frozenset[str]


class Placer:
    """Finds the place of events in parsed sentences."""

    def __init__(self, gazetteer: Gazetteer | None = None, words: PlaceWords | None = None) -> None:
        self.gazetteer = gazetteer or load_gazetteer()
        self.words = words or place_words()

    def document(self, text: str, actor_countries: Iterable[str] = (), dateline: str | None = None) -> DocumentPlaces:
        """The dateline's place and the countries of the places a document names (for telling names apart).

        `dateline` is the wire dateline ingest took off the body ("MOSCOW", "ASTANA, Kazakhstan"), if any;
        else a dateline still opening the text ("NUKUS, May 5 -") is read.
        """
        countries = set(actor_countries)
        for match in re.finditer(r"\b(?:in|at|near|to|visited|from)\s+((?:[A-Z][\w'\-]+\s?){1,3})", text):
            candidates = self._candidates(match.group(1).strip())
            if len({p.iso3 for p in candidates}) == 1:
                countries.add(candidates[0].iso3)
        opening = f"{dateline} - " if dateline else text
        return DocumentPlaces(self._dateline(opening, countries), frozenset(countries))

    def place(self, span: Span, trigger_char: int, actor_countries: Collection[str], document: DocumentPlaces) -> EventPlace | None:
        """The place of the event whose trigger starts `trigger_char` characters into the sentence, if any."""
        trigger = next((t for t in span if t.idx - span.start_char == trigger_char), None)
        preferred = [set(actor_countries), set(document.countries)]
        readings: list[tuple[PlaceRule, Place | None]] = []
        if trigger is not None:
            clause = _clause_head(trigger)
            for head in dict.fromkeys([trigger, clause]):
                readings.append((PlaceRule.TRIGGER_PHRASE, self._in_phrases(_location_objects(head, self.words), preferred)))
            readings.append((PlaceRule.DESTINATION, self._destination(trigger, clause, preferred)))
        elsewhere = [t for t in span if t.dep_ == "pobj" and t.head.lower_ in self.words.location_prepositions]
        readings.append((PlaceRule.SENTENCE, self._in_phrases(elsewhere, preferred)))
        first = next(((rule, place) for rule, place in readings if place is not None), None)
        if first is None:
            return EventPlace(document.dateline, PlaceRule.DATELINE) if document.dateline is not None else None
        rule, place = first
        if place.is_country:  # a city of that country the sentence names is the better answer
            finer = next(((r, p) for r, p in readings if p is not None and not p.is_country and p.iso3 == place.iso3), None)
            if finer is None:
                inside = [p for p in self._anywhere(span, preferred) if p.iso3 == place.iso3]
                finer = (PlaceRule.SENTENCE, inside[0]) if inside else None
            if finer is not None:
                rule, place = finer
        return EventPlace(place, rule)

    def _anywhere(self, span: Span, preferred: list[set[str]]) -> list[Place]:
        """The places below country level a sentence names anywhere, as proper nouns."""
        found = []
        for name in _names([t for t in span if t.pos_ == "PROPN"], self.gazetteer, self.words):
            place = _choose([p for p in self._candidates(name) if not p.is_country], preferred)
            if place is not None:
                found.append(place)
        return found

    def _destination(self, trigger: Token, clause: Token, preferred: list[set[str]]) -> Place | None:
        """Where a visit, trip or arrival went: its object ("visited Dushanbe") or its "to"/"in" phrase."""
        for head in dict.fromkeys([trigger, clause]):
            lemma = head.lemma_.lower()
            if lemma not in self.words.destination_verbs and lemma not in self.words.destination_nouns:
                continue
            objects = [c for c in head.children if c.dep_ in ("dobj", "obj")] if head.pos_ in ("VERB", "AUX") else []
            objects += [
                o
                for p in head.children
                if p.dep_ == "prep" and p.lower_ in self.words.destination_prepositions
                for o in p.children
                if o.dep_ == "pobj"
            ]
            found = self._in_phrases(objects, preferred)
            if found is not None:
                return found
        return None

    def _in_phrases(self, heads: list[Token], preferred: list[set[str]]) -> Place | None:
        """The most precise place named in the phrases of these tokens, a country only when nothing finer is named."""
        best: Place | None = None
        for head in heads:
            place = self._in_phrase(head, preferred)
            if place is not None and (best is None or (best.is_country and not place.is_country)):
                best = place
        return best

    def _in_phrase(self, head: Token, preferred: list[set[str]]) -> Place | None:
        """The place a location phrase names: "the city of Osh", "Kyrgyzstan's Batken region", "Atlanta, Georgia"."""
        tokens = sorted(_phrase_tokens(head, self.words), key=lambda t: t.i)
        named = {name: self._candidates(name) for name in _names(tokens, self.gazetteer, self.words)}  # each looked up once
        countries = {p.iso3 for name, places in named.items() for p in places if p.is_country and name[0].isupper()}
        finer = {name: [p for p in places if not p.is_country] for name, places in named.items()}
        finer = {name: places for name, places in finer.items() if places}
        # a name that is some place's own outranks one that is only another's alternate ("the Kazakh capital, Astana")
        ordered = sorted(finer, key=lambda name: not any(p.primary for p in finer[name]))
        # a country named with a finer place narrows it ("Kyrgyzstan's Batken region"); alone, it is the place
        us_state = any(fold(name) in self.gazetteer.us_states for name in named)
        for name in ordered:
            candidates = finer[name]
            if us_state and any(p.iso3 == "USA" for p in candidates):  # "Atlanta, Georgia" is in the United States
                candidates = [p for p in candidates if p.iso3 == "USA"]
            elif countries:
                candidates = [p for p in candidates if p.iso3 in countries]
            chosen = _choose(candidates, preferred)
            if chosen is not None:
                return chosen
        return next((p for places in named.values() for p in places if p.is_country), None)

    def _candidates(self, name: str) -> list[Place]:
        return self.gazetteer.lookup(name)

    def _dateline(self, text: str, countries: set[str]) -> Place | None:
        """The place of a dateline at the start of the text ("BISHKEK, May 5 (Reuters) -"), if it is one."""
        match = DATELINE.match(text)
        if match is None:
            return None
        name = match.group("place").strip().title()
        candidates = self._candidates(name)
        region = match.group("region")
        if region:
            inside = {p.iso3 for p in self._candidates(region.strip()) if p.is_country}
            if inside:
                candidates = [p for p in candidates if p.iso3 in inside] or candidates
        return _choose(candidates, [countries])


# A place of a name is a contender only if it has at least this share of the largest one's people: an
# American meeting "in Geneva" is in Switzerland, not in Geneva, Illinois, whatever the actors' countries.
CONTENDER_SHARE = 0.2


def _choose(candidates: list[Place], preferred: list[set[str]]) -> Place | None:
    """One place of several of a name.

    Places called by their own name outrank those a name is only an alternate of ("Samarkand" is not
    Temirtau's old name); of those, places much smaller than the largest are left out; then the event's
    actors' countries decide, then the document's other places' countries, then size.
    """
    if not candidates:
        return None
    pool = [p for p in candidates if p.primary] or candidates
    largest = max(p.population for p in pool)
    pool = [p for p in pool if p.is_country or p.population >= CONTENDER_SHARE * largest] or pool

    def rank(place: Place) -> tuple[int, ...]:
        return (*(0 if place.iso3 in countries else 1 for countries in preferred), -place.population)

    return min(pool, key=rank)


def _clause_head(token: Token) -> Token:
    """The verb of the clause a trigger stands in (a noun's verb: "held talks"; a verb is its own clause)."""
    head = token
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i and head.dep_ not in ("ROOT",):
        head = head.head
    return head if head.pos_ in ("VERB", "AUX") else token


def _location_objects(head: Token, words: PlaceWords) -> list[Token]:
    """The objects of a word's location prepositions ("met in Bukhara", "clashed near the border town of Batken")."""
    found: list[Token] = []
    for prep in head.children:
        if prep.dep_ != "prep":
            continue
        said = prep.lower_
        if said in ("on", "to") and any(c.lower_ in words.edge_nouns for c in prep.subtree):
            said = "near"  # "on the outskirts of Kabul", "on the border with X" is placed by the phrase's name
        if said in words.location_prepositions:
            found += [o for o in prep.children if o.dep_ == "pobj"]
    return found


def _phrase_tokens(head: Token, words: PlaceWords) -> list[Token]:
    """The words of a location phrase, without clauses hung on it ("in Osh, where ..." is Osh) and without
    owners that are no place of it ("in Tashkent's policy" names no place; "in Kyrgyzstan's Batken region" does)."""
    keep: list[Token] = []
    stack = [head]
    while stack:
        token = stack.pop()
        keep.append(token)
        for child in token.children:
            if child.dep_ in ("relcl", "acl", "advcl", "ccomp", "cc") or (child.dep_ == "punct" and child.text != "-"):
                continue
            if child.dep_ in ("poss", "prep") and token.lemma_.lower() not in words.place_nouns and token.pos_ != "PROPN":
                continue  # "at the invitation of the President of X", "in Tashkent's rapprochement with Moscow"
            stack.append(child)
    return keep


def _names(tokens: list[Token], gazetteer: Gazetteer, words: PlaceWords) -> list[str]:
    """The capitalised words and word runs of a phrase the gazetteer knows, longest first ("Mazar-i-Sharif", "New York")."""
    kept = [t for t in tokens if not t.is_space]
    found: list[str] = []
    i = 0
    while i < len(kept):
        for size in range(min(gazetteer.longest, len(kept) - i, 5), 0, -1):
            run = kept[i : i + size]
            if any(run[k + 1].i != run[k].i + 1 for k in range(size - 1)):
                continue
            if not run[0].text[:1].isupper() or run[0].is_stop and size == 1:
                continue
            if size == 1 and run[0].lower_ in words.time_words:
                continue
            if not any(t.tag_ in ("NNP", "NNPS") for t in run) or all(t.dep_ == "amod" for t in run):
                continue  # "the Kazakh capital": an adjective is no place, whatever a gazetteer's alternates say
            text = run[0].doc[run[0].i : run[-1].i + 1].text if size > 1 else run[0].text  # the run's own text
            text = text.removeprefix("the ").removeprefix("The ")
            if run[-1].tag_ == "POS" or run[-1].text in ("'s", "’s"):
                continue
            if text in gazetteer:
                found.append(text)
                i += size - 1
                break
        i += 1
    return found


def geo_fields(found: EventPlace | None) -> dict[str, object]:
    """The ActionGeo fields of an event (all None when it has no place)."""
    if found is None:
        return {key: None for key in GEO_FIELDS}
    place = found.place
    return {
        "action_geo_name": place.name,
        "action_geo_country": place.iso3,
        "action_geo_adm1": place.adm1,
        "action_geo_lat": round(place.lat, 5),
        "action_geo_lon": round(place.lon, 5),
        "action_geo_type": int(place.geo_type),
        "action_geo_feature_id": place.feature_id,
        "action_geo_rule": str(found.rule),
    }


GEO_FIELDS = tuple(name for name in Event.model_fields if name.startswith("action_geo_"))
__all__ = ["DocumentPlaces", "EventPlace", "GEO_FIELDS", "GeoType", "PlaceRule", "Placer", "geo_fields"]
