"""Checking the country codes and CAMEO actor prefixes a user asks a series for, with a suggestion for a typo.

A code is known when its first three letters are a country (ISO 3166 alpha-3, as the coder's
`countries.csv` and pycountry know them), an organisation's prefix (`organizations.csv`: IGO, NGO,
IMG) or an agent without a country (REB), and every later three letters are an agent code
(`agents.csv`, `people.csv` offices) or part of an organisation's code (IGOUNO, IGOUNOKID).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from functools import cache
from typing import get_args

import pycountry

from coders.actor_data import AgentCode, iso_country_codes, load_actor_data
from warehouse.dyads import SeriesError

SEGMENT = 3


class UnknownCodeError(SeriesError):
    """A code asked for names no country, organisation or agent the coder knows; the message suggests the nearest."""


@cache
def _tables() -> tuple[frozenset[str], frozenset[str], frozenset[str], dict[str, str]]:
    """(country codes, first segments, later segments, alpha-3 -> alpha-2) from the coder's actor data."""
    data = load_actor_data()
    countries = iso_country_codes()
    agents = frozenset(get_args(AgentCode)) | frozenset(data.agents.values())
    organizations = [org.code for org in data.organizations]
    firsts = countries | frozenset(code[:SEGMENT] for code in organizations) | agents
    laters = agents | frozenset(code[i : i + SEGMENT] for code in organizations for i in range(SEGMENT, len(code), SEGMENT))
    alpha2 = {c.alpha_3: c.alpha_2 for c in pycountry.countries}
    return countries, firsts, laters, alpha2


def _nearest(code: str, known: Iterable[str], favoured: frozenset[str] = frozenset()) -> str | None:
    """The known code most like code: a country whose ISO alpha-2 begins it first ('KZK' -> KAZ), then the most similar."""
    alpha2 = _tables()[3]
    best, best_key = None, None
    for candidate in known:
        ratio = difflib.SequenceMatcher(None, code, candidate).ratio()
        key = (code.startswith(alpha2.get(candidate, "--")), ratio, candidate in favoured, candidate[0] == code[0])
        if ratio >= 0.3 and (best_key is None or key > best_key):
            best, best_key = candidate, key
    return best


def check_code(code: str, stored: Callable[[str], bool] | None = None) -> str:
    """The code if the coder can produce it (a country, organisation or agent prefix); else UnknownCodeError naming it.

    stored, if given, is asked about a code the tables do not know: a warehouse coded with other
    dictionaries (PETRARCH's regions, say) may hold it, and then it is no error.
    """
    try:
        return _check_known(code)
    except UnknownCodeError:
        if stored is not None and stored(code):
            return code
        raise


def _check_known(code: str) -> str:
    countries, firsts, laters, _ = _tables()
    head = code[:SEGMENT]
    if head not in firsts:
        kind = "country code" if len(code) == SEGMENT else "country or organisation code"
        suggestion = _nearest(head, firsts, _coded_countries())
        hint = f"; did you mean {suggestion + code[SEGMENT:]}?" if suggestion else ""
        raise UnknownCodeError(f"{code}: unknown {kind}{hint}")
    for i in range(SEGMENT, len(code), SEGMENT):
        part = code[i : i + SEGMENT]
        if part not in laters:
            suggestion = _nearest(part, laters, frozenset(get_args(AgentCode)))
            hint = f"; did you mean {code[:i] + suggestion + code[i + SEGMENT :]}?" if suggestion else ""
            raise UnknownCodeError(f"{code}: {part} is not a CAMEO agent or organisation code{hint}")
    return code


def check_codes(codes: Iterable[str], stored: Callable[[str], bool] | None = None) -> list[str]:
    """Every code checked by check_code, in order."""
    return [check_code(code, stored) for code in codes]


@cache
def _coded_countries() -> frozenset[str]:
    """The countries the coder's countries.csv describes (favoured when two suggestions tie)."""
    return frozenset(place.iso3 for place in load_actor_data().places if place.kind != "country") or iso_country_codes()
