"""Dates stated in news text, resolved against the document date."""

from __future__ import annotations

from datetime import date

import pytest

from coders.dates import dates_in_year, find_dates, is_month, latest_full_date, parse_date_value


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("Karimov flew to Minsk on February 6.", date(2008, 2, 11), [("February 6", date(2008, 2, 6), "day")]),
        ("The blasts came in April 2004.", None, [("April 2004", date(2004, 4, 1), "month")]),
        ("He was re-elected in December 2007.", date(2008, 2, 11), [("December 2007", date(2007, 12, 1), "month")]),
        ("The talks ended on December 28.", date(2008, 1, 10), [("December 28", date(2007, 12, 28), "day")]),
        ("The summit opens on January 5.", date(2008, 12, 28), [("January 5", date(2009, 1, 5), "day")]),
        ("The treaty was signed on February 6, 2008.", None, [("February 6, 2008", date(2008, 2, 6), "day")]),
        ("The treaty was signed on 6 February 2008.", None, [("6 February 2008", date(2008, 2, 6), "day")]),
        ("Troops left on Sept. 11, 2006.", None, [("Sept. 11, 2006", date(2006, 9, 11), "day")]),
        ("Talks resumed Feb. 6 in Geneva.", date(2008, 3, 1), [("Feb. 6", date(2008, 2, 6), "day")]),
        ("The report is dated 2008-02-06.", None, [("2008-02-06", date(2008, 2, 6), "day")]),
        ("A summit held March 16th-17th ended early.", date(2010, 4, 2), [("March 16th-17th", date(2010, 3, 16), "day")]),
        ("They met on March 16 and March 17, 2010.", None,
         [("March 16", date(2010, 3, 16), "day"), ("March 17, 2010", date(2010, 3, 17), "day")]),
        ("Floods in late March and early April 2004 hit Khorezm.", None,
         [("late March", date(2004, 3, 1), "month"), ("early April 2004", date(2004, 4, 1), "month")]),
        ("The sanctions were imposed in 2005.", None, [("2005", date(2005, 1, 1), "year")]),
        ("Prices rose in early 2005 and fell by mid-2006.", None,
         [("early 2005", date(2005, 1, 1), "year"), ("mid-2006", date(2006, 1, 1), "year")]),
        ("The minister resigned on Monday.", date(2008, 2, 13), [("Monday", date(2008, 2, 11), "day")]),
        ("The minister resigned on Wednesday.", date(2008, 2, 13), [("Wednesday", date(2008, 2, 13), "day")]),
        ("Fighting broke out Tuesday morning.", date(2008, 2, 13), [("Tuesday", date(2008, 2, 12), "day")]),
        ("On Monday, February 6, 2006 the envoy left.", None, [("February 6, 2006", date(2006, 2, 6), "day")]),
        ("Protests began in May.", date(2008, 2, 11), [("May", date(2007, 5, 1), "month")]),
        ("Kazakhstan expelled two diplomats yesterday.", date(2010, 3, 1), [("yesterday", date(2010, 2, 28), "day")]),
        ("Last week the envoy left.", date(2010, 3, 20), [("Last week", date(2010, 3, 13), "week")]),
        ("Russia praised the deal last month.", date(2010, 1, 15), [("last month", date(2009, 12, 1), "month")]),
        ("Trade fell last year.", date(2010, 1, 15), [("last year", date(2009, 1, 1), "year")]),
    ],
)
def test_find_dates_resolves_mentions(text: str, reference: date | None, expected: list[tuple[str, date, str]]) -> None:
    found = [(m.text, m.date, m.precision) for m in find_dates(text, reference)]
    assert found == expected


@pytest.mark.parametrize(
    "text",
    [
        "The 2,000 troops may leave.",
        "Resolution 1540 passed unanimously.",
        "The march on the capital began.",
        "Growth was 2005 percent of plan.",
        "Unrest in the 1990s shaped the region.",
        "A curfew was imposed on 300 villages.",
        "Prices rose over the last year.",
        "The last month of talks was tense.",
    ],
)
def test_find_dates_ignores_numbers_and_words_that_are_not_dates(text: str) -> None:
    assert find_dates(text, date(2008, 2, 11)) == []


@pytest.mark.parametrize("text", ["They met on February 6.", "They met on Monday.", "They met in May.", "They met yesterday."])
def test_find_dates_skips_yearless_dates_without_reference(text: str) -> None:
    assert find_dates(text) == []


def test_find_dates_offsets_point_into_the_text() -> None:
    text = "Talks held in Astana on February 6, 2008 ended in April 2008."
    for mention in find_dates(text):
        assert text[mention.start : mention.end] == mention.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Signed in October 2001, ratified on June 2, 2004 and again on May 5, 2003.", date(2004, 6, 2)),
        ("The visit ended on February 6 (Interfax, February 7).", None),
        ("Nothing happened in 2005.", None),
        ("Between March 16 and March 17, 2010 the presidents met.", date(2010, 3, 17)),
    ],
)
def test_latest_full_date_needs_day_and_year(text: str, expected: date | None) -> None:
    assert latest_full_date(text) == expected


def test_latest_full_date_past_only_leaves_out_announced_dates() -> None:
    text = "The ministers met on June 2, 2004. The summit will open on June 17, 2004."
    assert latest_full_date(text) == date(2004, 6, 17)
    assert latest_full_date(text, past_only=True) == date(2004, 6, 2)


def test_latest_full_date_past_only_keeps_cited_sources() -> None:
    text = "Tashkent could be the leader of the region (Itar-Tass, February 6, 2008)."
    assert latest_full_date(text, past_only=True) == date(2008, 2, 6)


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        ("The visit ended on September 6 (Interfax, September 9).", 2006, [date(2006, 9, 6), date(2006, 9, 9)]),
        ("Signed on May 5, 2005, renewed on June 1.", 2006, [date(2006, 6, 1)]),
        ("Talks resumed on Monday.", 2006, []),
    ],
)
def test_dates_in_year_takes_yearless_dates_into_the_year(text: str, year: int, expected: list[date]) -> None:
    assert dates_in_year(text, year) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2008-02-06", date(2008, 2, 6)),
        ("2008-02-06T10:00:00+03:00", date(2008, 2, 6)),
        ("2011-03-09T08:15:00Z", date(2011, 3, 9)),
        ("Wed, 06 Feb 2008 10:00:00 GMT", date(2008, 2, 6)),
        ("February 6, 2008", date(2008, 2, 6)),
        ("February 2008", None),
        ("soon", None),
    ],
)
def test_parse_date_value_reads_metadata_dates(value: str, expected: date | None) -> None:
    assert parse_date_value(value) == expected


@pytest.mark.parametrize(("word", "month"), [("March", True), ("Sept.", True), ("Dec", True), ("march", False), ("Marching", False), ("16th", False)])
def test_is_month_knows_a_month_as_written(word: str, month: bool) -> None:
    assert is_month(word) is month
