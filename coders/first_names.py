"""The first names of the people tables: one-word names that may be anyone's, read from the tables themselves.

A one-word name of a person in the tables ("Rashid" for Latif Rashid, "Manuel" for Trevor Manuel, "Najib"
for Najib Razak) is often also a given name that many other people carry: a bare "Rashid" in a story is
more likely a shopkeeper the reporter met than Iraq's president. A word is taken as a first name when it
begins the full names of at least `MIN_OTHERS` people it does not name, and begins full names at least as
often as it ends them (a given name stands first in most full names; "Wang", a surname written first, counts
as well, since many officials share it). No list is written by hand: the tables of people are the sample.
Such a word names the person only where the document supports it (see `coders.actors`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from coders.actor_records import Person

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
