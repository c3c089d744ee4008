"""Roles the event coder reads across clauses and conjuncts, with our own lexicon: sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from schemas import Document


def events(coder, text: str) -> set[tuple[str, str, str]]:
    """(source, code, target) of the events of one text dated 1 May 2008."""
    document = Document(doc_id="t", path="test", doc_date=dt.date(2008, 5, 1), date_source="given", text=text)
    return {(e.source_actor, e.event_code, e.target_actor) for coded in coder.code([document]) for e in coded.events}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a pronoun subject of a complement clause is the subject of the clause it complements, when they agree
        ("Uzbek President Islam Karimov said he would visit Kazakhstan.", {("UZBGOV", "036", "KAZ")}),
        ("Kazakhstan said it would close its border with Uzbekistan.", {("KAZ", "131", "UZB")}),
        # the passive subject of "was seen to" does the act
        ("Kazakhstan was seen to attack Uzbek border posts.", {("KAZ", "190", "UZBCOP")}),  # border posts are their guards
    ],
)
def test_events_roles_subject_across_clauses(coder, text, expected):
    assert events(coder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an agent shared by conjoined names is one actor per country
        ("The Uzbek and Kazakh foreign ministers criticized Russia.", {("UZBGOV", "111", "RUS"), ("KAZGOV", "111", "RUS")}),
        ("The ambassadors of Uzbekistan and Kazakhstan criticized Russia.", {("UZBGOV", "111", "RUS"), ("KAZGOV", "111", "RUS")}),
        # ... but only by the names of its own phrase: the diplomats are Russian only
        (
            "Kazakh and Uzbek officials and Russian diplomats criticized China.",
            {("KAZGOV", "111", "CHN"), ("UZBGOV", "111", "CHN"), ("RUSGOV", "111", "CHN")},
        ),
        # a list member the parser reads as an apposition names another country, so it is a member
        (
            "Uzbekistan, the Kazakh government, and Russia signed an agreement.",
            {(s, "057", t) for s in ("UZB", "KAZGOV", "RUS") for t in ("UZB", "KAZGOV", "RUS") if s != t},
        ),
        # speaking together is no statement to each other
        ("Kazakhstan and Uzbekistan said on Monday that the talks went well.", set()),
    ],
)
def test_events_roles_compound_actors(coder, text, expected):
    assert events(coder, text) == expected


def test_event_evidence_leaves_out_a_citation_in_parentheses(coder):
    text = "The United States cut military aid to Uzbekistan (Interfax, June 2)."
    document = Document(doc_id="t", path="test", doc_date=dt.date(2004, 6, 3), date_source="given", text=text)
    [event] = [e for coded in coder.code([document]) for e in coded.events]
    assert (event.source_text, event.target_text) == ("United States", "Uzbekistan")
