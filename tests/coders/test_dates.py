"""Dates stated in news text, resolved against the document date."""

from __future__ import annotations

from datetime import date

import pytest

from coders.dates import dates_in_year, find_dates, is_month, latest_full_date, parse_date_value
from coders.event_dates import date_event, is_planned


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
        (
            "They met on March 16 and March 17, 2010.",
            None,
            [("March 16", date(2010, 3, 16), "day"), ("March 17, 2010", date(2010, 3, 17), "day")],
        ),
        (
            "Floods in late March and early April 2004 hit Khorezm.",
            None,
            [("late March", date(2004, 3, 1), "month"), ("early April 2004", date(2004, 4, 1), "month")],
        ),
        ("The sanctions were imposed in 2005.", None, [("2005", date(2005, 1, 1), "year")]),
        (
            "Prices rose in early 2005 and fell by mid-2006.",
            None,
            [("early 2005", date(2005, 1, 1), "year"), ("mid-2006", date(2006, 1, 1), "year")],
        ),
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


@pytest.mark.parametrize(
    ("word", "month"), [("March", True), ("Sept.", True), ("Dec", True), ("march", False), ("Marching", False), ("16th", False)]
)
def test_is_month_knows_a_month_as_written(word: str, month: bool) -> None:
    assert is_month(word) is month


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("The two sides agreed on a trade programme through 2014.", True),
        ("The lease runs until 2030.", True),
        ("Visas have been required since March 2001.", True),
        ("Tajikistan promised to finish the dam by the end of 2016.", True),
        ("Prices were frozen in 2011-2013.", True),
        ("Credits from 2009 to 2012 were rescheduled.", True),
        ("The ministers met in March 2009.", False),
        ("Kyrgyzstan closed the border on May 3, 2010.", False),
    ],
)
def test_find_dates_marks_the_bounds_of_a_span(text: str, span: bool) -> None:
    mentions = find_dates(text, date(2010, 6, 1))
    assert mentions and all(m.span is span for m in mentions)


@pytest.mark.parametrize(
    ("text", "prospective"),
    [
        ("The presidents will meet in Bishkek on July 2.", True),
        ("A joint commission is scheduled to sit in October.", True),
        ("The presidents met in Bishkek on July 2.", False),
    ],
)
def test_find_dates_marks_dates_announced_as_to_come(text: str, prospective: bool) -> None:
    (mention,) = find_dates(text, date(2010, 6, 25))
    assert mention.prospective is prospective


ARTICLE = date(2009, 4, 20)


def _dated(text: str, trigger: str, *, planned: bool = False, doc_date: date | None = ARTICLE) -> tuple[date | None, str, str]:
    when = date_event(find_dates(text, doc_date), text.index(trigger), doc_date, planned=planned)
    return when.date, when.source, when.precision


@pytest.mark.parametrize(
    ("text", "trigger", "planned", "expected"),
    [
        # a date the sentence gives for the act
        ("Kazakh police detained three Uzbek traders on April 14.", "detained", False, (date(2009, 4, 14), "text", "day")),
        ("The envoys met in Tashkent in March.", "met", False, (date(2009, 3, 1), "text", "month")),
        ("The pact was signed in 2007.", "signed", False, (date(2007, 1, 1), "text", "year")),
        # a span's bound is not when the act happened: the article's date is
        ("Astana and Tashkent signed a gas accord through 2015.", "signed", False, (ARTICLE, "document", "day")),
        ("Moscow extended the lease of the base until 2030.", "extended", False, (ARTICLE, "document", "day")),
        # a date after the article is a plan, never the act's date
        ("The two armies held talks on exercises in 2011.", "held", False, (ARTICLE, "document", "day")),
        ("The summit will open in Astana on May 12.", "open", False, (ARTICLE, "document", "day")),
        # a planned act is dated when it was announced
        ("Bishkek announced the intention to hold joint drills in August.", "hold", True, (ARTICLE, "document", "day")),
        ("On April 2 Dushanbe said it would send a delegation in June.", "send", True, (date(2009, 4, 2), "text", "day")),
        ("Dushanbe threatened on April 2 to cut power supplies in 2009.", "cut", True, (date(2009, 4, 2), "text", "day")),
        # no date anywhere
        ("The ministers met.", "met", False, (None, "unknown", "unknown")),
    ],
)
def test_date_event_dates_an_act_when_it_happened(text: str, trigger: str, planned: bool, expected: tuple) -> None:
    dated = _dated(text, trigger, planned=planned, doc_date=None if expected[1] == "unknown" else ARTICLE)
    assert dated == expected
    if dated[0] is not None:
        assert dated[0] <= ARTICLE


def test_date_event_without_article_date_keeps_a_stated_past_date() -> None:
    assert _dated("The pact was signed on May 5, 2004.", "signed", doc_date=None) == (date(2004, 5, 5), "text", "day")


@pytest.mark.parametrize(
    ("code", "rule", "planned"),
    [
        ("036", "meet", True),
        ("138", "attack+threat", True),
        ("042", "visit+intent", True),
        ("042", "visit", False),
        ("173", "arrest", False),
    ],
)
def test_is_planned_knows_intents_and_threats(code: str, rule: str, planned: bool) -> None:
    assert is_planned(code, rule) is planned


def test_coded_events_are_never_after_their_article_and_carry_a_precision(coder) -> None:
    from schemas.records import Document

    text = (
        "Uzbekistan and Kazakhstan signed an agreement on water sharing through 2015.\n\n"
        "Kazakh President Nursultan Nazarbayev said Kazakhstan will host Uzbek officials in 2010.\n\n"
        "Uzbek border guards detained two Kazakh citizens on March 30."
    )
    doc = Document(doc_id="d1", path="t.txt", text=text, doc_date=date(2009, 4, 6), date_source="given")
    (coded,) = coder.code([doc])
    assert coded.events
    for event in coded.events:
        assert event.event_date is not None and event.event_date <= doc.doc_date
        assert event.event_date_precision in ("day", "week", "month", "year")
    detained = [e for e in coded.events if e.trigger.startswith("detain")]
    assert detained and detained[0].event_date == date(2009, 3, 30)
