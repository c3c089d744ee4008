"""One-word names of people read with care: first names of many, names of cities, surnames a document gives.

A one-word name of a person in the tables ("Rashid" for Latif Rashid, "Manuel" for Trevor Manuel, "Najib"
for Najib Razak) is often also a given name that many other people carry: a bare "Rashid" in a story is
more likely a shopkeeper the reporter met than Iraq's president. A word is taken as a first name when it
begins the full names of at least `MIN_OTHERS` people it does not name, and begins full names at least as
often as it ends them (a given name stands first in most full names; "Wang", a surname written first, counts
as well, since many officials share it). No list is written by hand: the tables of people are the sample.
Such a word names the person only where the document supports it (`resolve_surnames`). A one-word name that is also
a large city's (`city_names`) names the city where a place stands ("Austin police"; `coders.actors`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from coders.actor_records import Person, Place

if TYPE_CHECKING:
    from spacy.tokens import Span

    from coders.actors import SentenceMentions

MIN_OTHERS = 2
"""How many people a word must begin the full names of, besides those it names, to be a first name."""


def first_names(people: Iterable[Person]) -> frozenset[str]:
    """The one-word names of people in the tables that are also first names of others, as written (case kept)."""
    starts: dict[str, set[str]] = defaultdict(set)
    ends: dict[str, set[str]] = defaultdict(set)
    owners: dict[str, set[str]] = defaultdict(set)
    for person in people:
        for name in (person.name, *person.aliases):
            words = name.split()
            if len(words) == 1:
                owners[name].add(person.name)
            else:
                starts[words[0]].add(person.name)
                ends[words[-1]].add(person.name)
    return frozenset(
        word for word, named in owners.items() if len(starts[word] - named) >= MIN_OTHERS and len(starts[word]) >= len(ends[word])
    )


# How large a city a one-word name of people must be to be read as the city where a place stands ("officials in Reno")
CITY_MIN_POPULATION = 100_000


def city_names(phrases: Iterable[tuple[str, Sequence[object]]]) -> dict[str, Place]:
    """One-word names of people only that are also the own name of a city of the gazetteer of CITY_MIN_POPULATION or more."""
    from coders.gazetteer import load_gazetteer  # the gazetteer is loaded for placing events too (coders/places.py)

    gazetteer = load_gazetteer()
    out: dict[str, Place] = {}
    for word, targets in phrases:
        if " " in word or not targets or not all(isinstance(t, Person) for t in targets):
            continue
        places = [p for p in gazetteer.lookup(word) if p.primary and not p.is_country and p.population >= CITY_MIN_POPULATION]
        if places:
            out[word] = Place(phrase=word, iso3=places[0].iso3, kind="city")
    return out


@cache
def packaged_readings() -> tuple[frozenset[str], dict[str, Place]]:
    """The packaged tables' `first_names` and `city_names`: derived once (0.9 s) and kept between processes in the data
    cache, named by this module and the caches of the actor tables and the gazetteer they are derived from."""
    from coders.actor_data import actors_cache_path, load_actor_data
    from coders.data_cache import cache_file, cached
    from coders.gazetteer import cache_path

    path = cache_file("person-names", [Path(__file__)], f"{actors_cache_path().name}|{cache_path().name}")

    def build() -> tuple[frozenset[str], dict[str, Place]]:
        data = load_actor_data()
        return first_names(data.people), city_names(data.written_phrases().items())

    return cached(path, tuple, build)


def resolve_surnames(span: Span, mentions: SentenceMentions, known: dict[str, Person | None]) -> None:
    """Within a document, a bare surname names the person last named in full with it.

    "Sergei Ivanov ... Ivanov said": the data cannot give "Ivanov" as an alias (two Ivanovs held office
    at once), but the article can. Each person named in full notes, in `known` (the document's table), their
    last written word and the one-word names of theirs the full name holds ("Wang" of "Wang Yi", "Najib" of
    "Najib Razak": first names the matcher leaves to the document); a later proper noun of that word names them.
    A person the data does not know, named in full with a one-word name of the data ("Mike Elliot"), notes the
    word as nobody's: a later bare "Elliot" is not the one the data names so.
    """
    doc = span.doc
    for i, (name, targets) in mentions.names.items():
        last = name[-1]
        if i != last.i or len(name) < 2 or last.pos_ != "PROPN" or not doc[last.i - 1].whitespace_:
            continue  # one look per name, at its last word
        people = [t for t in targets if isinstance(t, Person)]
        if len(people) == 1:
            known[last.text] = people[0]
            known.update((t.text, people[0]) for t in name[:-1] if t.text in people[0].aliases)
    known.update(dict.fromkeys(mentions.others))
    if not known:
        return
    for tok in span:
        if tok.text not in known or tok.pos_ not in ("PROPN", "NOUN"):
            continue  # a surname the tagger read as a noun ("Rashid thanked ...") is still the surname: it is written as one
        person, entry = known[tok.text], mentions.names.get(tok.i)
        if entry is None:
            if person is not None:
                mentions.names[tok.i] = (doc[tok.i : tok.i + 1], [person])
        elif len(entry[0]) == 1 and all(isinstance(t, Person) for t in entry[1]) and person not in entry[1]:
            if person is None:  # "Mike Elliot ... Elliot said": not the Elliot of the data
                del mentions.names[tok.i]
            else:
                mentions.names[tok.i] = (entry[0], [person])
