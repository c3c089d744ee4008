"""GDELT's actor names: the actor's own name from the words it was read from, without possessives, dates or titles.

GDELT names a person by their name (NURSULTAN NAZARBAYEV, not KAZAKH PRESIDENT NURSULTAN NAZARBAYEV)
and a country, city or organisation by its name. From the words an actor was read from, the name is
the run of capitalized words that ends them, after the last title, agent or place word ("Lukoil head
Vagit Alekperov", "President of Kazakhstan Nursultan Nazarbayev"), or the words before an appositive
comma ("Zhou Yongkang, Chinese State Councilor"). Words that hold no such name ("Uzbek border guards",
"Tashkent", "United Nations") are kept whole, less possessives and dates. Title and place words are
the coder's agent phrases and place names (coders/data), not a list of their own.
"""

from __future__ import annotations

import re
from functools import cache

from coders.actor_data import load_actor_data
from coders.dates import is_month

_POSSESSIVE = re.compile(r"(?<=\w)['’]s?(?=\W|$)")
_TOKEN = re.compile(r"\S+")
_DAY = re.compile(r"\d{1,2}(?:st|nd|rd|th)?,?")
_YEAR = re.compile(r"(?:19|20)\d\d,?")
_EDGE_PUNCTUATION = ".,;:!?\"'“”‘’()[]"


@cache
def _vocabulary() -> tuple[frozenset[str], frozenset[str]]:
    """(title, agent and place words; whole place and organisation names), lowercased, from the coder's actor data."""
    data = load_actor_data()
    words = {word for phrase in data.agents for word in phrase.split()}
    words |= {word for place in data.places for word in place.phrase.lower().split()}
    names = {place.phrase.lower() for place in data.places} | {name.lower() for org in data.organizations for name in org.names}
    return frozenset(words), frozenset(names)


def _without_dates(tokens: list[str]) -> list[str]:
    """The tokens less dates: a month with its day or year, a day beside a month, a year."""
    drop: set[int] = set()
    for i, token in enumerate(tokens):
        if is_month(token.rstrip(",")) and (
            (i + 1 < len(tokens) and (_DAY.fullmatch(tokens[i + 1]) or _YEAR.fullmatch(tokens[i + 1])))
            or (i > 0 and _DAY.fullmatch(tokens[i - 1]))
        ):
            drop.add(i)
            for j in (i - 1, i + 1, i + 2):
                if 0 <= j < len(tokens) and (_DAY.fullmatch(tokens[j]) or _YEAR.fullmatch(tokens[j])):
                    drop.add(j)
        elif _YEAR.fullmatch(token):
            drop.add(i)
    return [token for i, token in enumerate(tokens) if i not in drop]


def _is_name_word(token: str, vocabulary: frozenset[str]) -> bool:
    word = token.strip(_EDGE_PUNCTUATION)
    return bool(word) and word[0].isupper() and word.lower() not in vocabulary


def actor_name(text: str | None) -> str:
    """The GDELT Actor1Name/Actor2Name of the words an actor was read from, upper case on one line ('' for none)."""
    if not text:
        return ""
    vocabulary, names = _vocabulary()
    tokens = _without_dates(_TOKEN.findall(_POSSESSIVE.sub("", text)))
    words = " ".join(tokens)
    if "," in words:
        head = words.split(",", 1)[0].split()
        if head and all(_is_name_word(t, vocabulary) for t in head):
            return " ".join(head).upper()
    if words.strip(_EDGE_PUNCTUATION).lower() in names:
        return words.strip(_EDGE_PUNCTUATION).upper()
    start = len(tokens)
    while start > 0 and _is_name_word(tokens[start - 1], vocabulary):
        start -= 1
    name = tokens[start:] if start < len(tokens) else tokens
    return " ".join(t.strip(",;:") for t in name).strip(_EDGE_PUNCTUATION).upper()
