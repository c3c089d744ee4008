"""The coder on a table of news sentences written for this project: expected CAMEO events, case by case.

The table is tests/data/coder_cases.toml. Each case is one short document with its date and the set
of (source, target, code) a careful coder takes from it; a 3-letter actor is compared with the
event's country (or, for an actor without a country such as "REB", with its code), a longer one with
the full actor code. Cases the coder gets wrong today carry an `xfail` reason and fail strictly, so
a fix shows up as an unexpected pass.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

CASES_FILE = Path(__file__).resolve().parents[1] / "data" / "coder_cases.toml"
CAMEO_ROOTS = [f"{n:02d}" for n in range(1, 21)]


def load_cases() -> list[dict]:
    """The cases of the table, as written."""
    with CASES_FILE.open("rb") as f:
        return tomllib.load(f)["case"]


def case_params() -> list:
    """One pytest.param per case, marked xfail (strict) where the table says the coder gets it wrong."""
    params = []
    for case in load_cases():
        marks = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if "xfail" in case else []
        params.append(pytest.param(case, id=case["id"], marks=marks))
    return params


def expected_triples(case: dict) -> set[tuple[str, str, str]]:
    """The case's expected events as (source, target, code)."""
    return {tuple(item.split()) for item in case["events"]}  # type: ignore[misc]


def side_matches(expected: str, actor: str | None, country: str | None) -> bool:
    """Whether one side of an event fits the expectation: a 3-letter code is a country (or a country-less actor)."""
    if len(expected) == 3:
        return expected == country or (country is None and expected == actor)
    return expected == actor


def observed_triples(events, expected: set[tuple[str, str, str]]) -> set[tuple[str, str, str]]:
    """The coded events in the expectation's terms: each as the expected triple it fits, else as full actor codes.

    An event that fits several (SDNMIL fits both "SDNMIL" and "SDN") takes the most specific, so that the
    answer never depends on the order of a set.
    """
    out = set()
    for e in events:
        fits = [
            x
            for x in sorted(expected, key=lambda x: (-len(x[0]) - len(x[1]), x))
            if x[2] == e.event_code
            and side_matches(x[0], e.source_actor, e.source_country)
            and side_matches(x[1], e.target_actor, e.target_country)
        ]
        out.add(fits[0] if fits else (e.source_actor, e.target_actor, e.event_code))
    return out


def code_case(coder, case: dict):
    """The events the coder takes from the case's text, dated by the case's date."""
    from coders.ingest import document_from_text

    document = document_from_text(case["text"], path="case", default_date=case["date"])
    return [event for coded in coder.code([document]) for event in coded.events]


def test_coder_cases_cover_every_cameo_root_twice():
    counts = {root: 0 for root in CAMEO_ROOTS}
    for case in load_cases():
        for root in {code[:2] for _, _, code in expected_triples(case)}:
            counts[root] += 1
    assert all(n >= 2 for n in counts.values()), f"roots with fewer than two cases: {[r for r, n in counts.items() if n < 2]}"


def test_coder_cases_are_well_formed():
    from coders.cameo import cameo_table

    cases = load_cases()
    assert len(cases) >= 80
    assert len({c["id"] for c in cases}) == len(cases), "case ids must be unique"
    for case in cases:
        assert isinstance(case["date"], dt.date), case["id"]
        for source, target, code in expected_triples(case):
            assert code in cameo_table(), f"{case['id']}: {code} is not a CAMEO code"
            assert source != target, case["id"]


@pytest.mark.slow
@pytest.mark.parametrize("case", case_params())
def test_coder_cases_code_as_expected(coder, case):
    events = code_case(coder, case)
    expected = expected_triples(case)
    assert observed_triples(events, expected) == expected, case["text"]
    if "event_date" in case:
        assert {e.event_date for e in events} == {case["event_date"]}, case["text"]
