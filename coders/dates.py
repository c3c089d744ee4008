"""Dates stated in English news text: find them, resolve them against a reference date."""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal, NamedTuple

from pydantic import BaseModel

Precision = Literal["day", "week", "month", "year"]

# A yearless date may lie a little after the reference (an announced meeting), not much more.
FUTURE_SLACK = dt.timedelta(days=31)
# How far before a date its sentence is read for words like "will": any real sentence, while a text of
# dates without full stops no longer takes time quadratic in its length.
SENTENCE_LOOKBACK = 600

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# Capitalized only: "may" and "march" in lower case are words, not months.
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)(?![A-Za-z])"
)
_FULL_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)(?![A-Za-z])"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?![A-Za-z])"
_YEAR = r"(?:19|20)\d\d(?![\d'’]|s\b)"
_ORD = r"(?:st|nd|rd|th)?"
_DAY = rf"(?:0?[1-9]|[12]\d|3[01]){_ORD}"
_DAY_RANGE = rf"(?:\s*(?:-|–|—|/)\s*{_DAY})?"
_MODIFIER = r"(?:(?:early|mid|late)[\s-]+|the\s+(?:end|beginning|start|middle)\s+of\s+)"
_LEAD = r"\b(?:[Ii]n|[Ss]ince|[Bb]y|of|[Uu]ntil|[Dd]uring|[Ff]rom|[Bb]efore|[Aa]fter|[Tt]hrough|[Tt]ill|[Oo]n|[Ll]ast|[Tt]his\s+past)\s+"
_LEAD_ONLY = re.compile(_LEAD)

# One pattern, alternatives from most to least specific; finditer never returns overlapping matches.
_PATTERN = re.compile(
    rf"""
    \b(?:
      (?<![\d-])(?P<iso_y>(?:19|20)\d\d)[-/](?P<iso_m>0?[1-9]|1[0-2])[-/](?P<iso_d>0?[1-9]|[12]\d|3[01])(?!\d)
    | (?P<mdy_m>{_MONTH})\s+(?P<mdy_d>{_DAY}){_DAY_RANGE}(?!\d)(?:,?\s+(?P<mdy_y>{_YEAR}))?
    | (?<![\d,.])(?P<dmy_d>{_DAY}){_DAY_RANGE}\s+(?:of\s+)?(?P<dmy_m>{_MONTH})(?:,?\s+(?P<dmy_y>{_YEAR}))?
    | (?P<mo_lead>(?:{_LEAD})?\b{_MODIFIER})(?P<mo_m>{_FULL_MONTH})(?!\s+\d{{1,2}}(?!\d))(?:,?\s+(?P<mo_y>{_YEAR}))?
    | (?P<mo2_lead>{_LEAD})(?P<mo2_m>{_FULL_MONTH})(?!\s+\d{{1,2}}(?!\d))(?:,?\s+(?P<mo2_y>{_YEAR}))?
    | (?P<my_m>{_MONTH}),?\s+(?P<my_y>{_YEAR})
    | (?P<yr_lead>{_LEAD}(?:{_MODIFIER})?|\b{_MODIFIER})(?P<yr_y>{_YEAR})
    | (?P<wd_lead>{_LEAD})(?P<wd_w>{_WEEKDAY})(?!,?\s+(?:{_MONTH}|\d))
    | \b(?P<wd2_w>{_WEEKDAY})(?=\s+(?:morning|afternoon|evening|night)\b)
    | (?<![Tt]he\s)(?<![Tt]his\s)\b(?P<rel>[Yy]esterday|[Ll]ast\s+(?:week|month|year))\b
    )""",
    re.VERBOSE,
)
# Words that put a date in a sentence's future; a parenthesized citation "(Interfax, June 2)" is a report.
_FUTURE = re.compile(
    r"\b(?:will|shall|upcoming|forthcoming|scheduled|due\s+to|expected\s+to|set\s+to|planned|(?:is|are)\s+to\s+be"
    r"|(?:could|may|might)\s+be|next\s+(?:week|month|year))\b|\w['’]ll\b",
    re.IGNORECASE,
)
# The words before a date that make it the bound of a stretch of time, not the time of an act; a range's
# first year ("from 2005 to", "2005-") and "between 2005 and" make the second one a bound too.
_SPAN_LEAD = re.compile(
    r"\b(?:until|till|through|thru|throughout|by|since|before|after|from|between|beyond|into|up\s+to|to)\s+"
    r"(?:the\s+(?:end|beginning|start|middle)\s+of\s+)?$"
    r"|(?:19|20)\d\d\s*(?:-|–|—|and|to)\s*$",
    re.IGNORECASE,
)
_SPAN_TAIL = re.compile(r"\s*(?:-|–|—|to|through|until|till)\s*(?:19|20)\d\d\b", re.IGNORECASE)
_SPAN_LOOKBACK = 40
# Every date expression holds a digit, a month, a weekday, "yesterday" or "last": most sentences are skipped on this alone.
_HINT = re.compile(r"\d|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun|[Yy]esterday|[Ll]ast)")
# Between "March 16" and "March 17, 2010": the first borrows the second's year.
_YEAR_BRIDGE = re.compile(r"\s*(?:,|and|or|to|through|till|until|-|–|—)\s*(?:(?:and|or|to)\s+)?")


_MONTH_WORD = re.compile(_MONTH)


def is_month(word: str) -> bool:
    """Whether a word as written names a month ("March", "Sept."; not the verb "march")."""
    return _MONTH_WORD.fullmatch(word) is not None


def is_weekday(word: str) -> bool:
    """Whether a word as written names a day of the week ("Friday"; capitalised, as dates are written)."""
    return word[:1].isupper() and word.lower() in _WEEKDAYS


class DateMention(BaseModel):
    """A date stated in a text, resolved to a calendar date."""

    start: int
    end: int
    text: str
    date: dt.date
    precision: Precision
    span: bool = False  # a bound of a stretch of time ("through 2012", "until March", "since 2005"), not when something happened
    prospective: bool = False  # announced as still to come in its sentence ("will open on June 11")


class _Raw(NamedTuple):
    """A date expression as written, before a year is supplied."""

    start: int
    end: int
    year: int | None
    month: int | None
    day: int | None
    weekday: int | None
    precision: Precision
    relative: str | None = None  # "yesterday", "last week", "last month", "last year": counted back from the reference


def _month_number(name: str) -> int:
    return _MONTHS[name[:3].lower()]


def _day_number(token: str) -> int:
    return int(token.rstrip("stndrh"))


def _after_lead(match: re.Match[str], lead_group: str) -> int:
    """Where the date proper starts: after a leading preposition, keeping "early"/"late"."""
    lead = match.group(lead_group)
    preposition = _LEAD_ONLY.match(lead) if lead else None
    return match.start() + (preposition.end() if preposition else 0)


def _raw(match: re.Match[str]) -> _Raw:
    """Turn one match of _PATTERN into its parts."""
    g = match.groupdict()
    start, end = match.start(), match.end()
    if g["iso_y"]:
        return _Raw(start, end, int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"]), None, "day")
    for alt in ("mdy", "dmy"):
        if g[f"{alt}_m"]:
            year = int(g[f"{alt}_y"]) if g[f"{alt}_y"] else None
            return _Raw(start, end, year, _month_number(g[f"{alt}_m"]), _day_number(g[f"{alt}_d"]), None, "day")
    for alt in ("mo", "mo2"):
        if g[f"{alt}_m"]:
            year = int(g[f"{alt}_y"]) if g[f"{alt}_y"] else None
            return _Raw(_after_lead(match, f"{alt}_lead"), end, year, _month_number(g[f"{alt}_m"]), None, None, "month")
    if g["my_m"]:
        return _Raw(start, end, int(g["my_y"]), _month_number(g["my_m"]), None, None, "month")
    if g["yr_y"]:
        return _Raw(_after_lead(match, "yr_lead"), end, int(g["yr_y"]), None, None, None, "year")
    if g["rel"]:
        relative = " ".join(g["rel"].lower().split())
        precisions: dict[str, Precision] = {"yesterday": "day", "last week": "week", "last month": "month"}
        precision = precisions.get(relative, "year")
        return _Raw(start, end, None, None, None, None, precision, relative)
    name = g["wd_w"] or g["wd2_w"]
    return _Raw(_after_lead(match, "wd_lead"), end, None, None, None, _WEEKDAYS.index(name.lower()), "day")


def _scan(text: str) -> list[_Raw]:
    """Every date expression in text, in order, with yearless ones borrowing an adjacent stated year."""
    if not _HINT.search(text):
        return []
    found = [_raw(match) for match in _PATTERN.finditer(text)]
    for i in range(len(found) - 2, -1, -1):
        here, after = found[i], found[i + 1]
        if (
            here.year is None
            and here.month is not None
            and after.year is not None
            and after.month is not None
            and _YEAR_BRIDGE.fullmatch(text, here.end, after.start)
        ):
            found[i] = here._replace(year=after.year)
    return found


def _calendar(year: int, month: int, day: int | None) -> dt.date | None:
    try:
        return dt.date(year, month, day or 1)
    except ValueError:
        return None


def _resolve(raw: _Raw, reference: dt.date | None) -> dt.date | None:
    """The calendar date of a raw mention; yearless ones are placed near the reference."""
    if raw.relative is not None:
        return _counted_back(raw.relative, reference) if reference is not None else None
    if raw.weekday is not None:
        if reference is None:
            return None
        return reference - dt.timedelta(days=(reference.weekday() - raw.weekday) % 7)
    if raw.month is None:
        return dt.date(raw.year, 1, 1) if raw.year else None
    if raw.year is not None:
        return _calendar(raw.year, raw.month, raw.day)
    if reference is None:
        return None
    # The year that puts the date closest to the reference without more than FUTURE_SLACK after it.
    candidates = [_calendar(reference.year + shift, raw.month, raw.day) for shift in (1, 0, -1)]
    for candidate in candidates:
        if candidate is not None and candidate <= reference + FUTURE_SLACK:
            return candidate
    return None


def _counted_back(relative: str, reference: dt.date) -> dt.date:
    """The day a relative expression names before the reference: "yesterday" the day before, "last week" a
    week before, "last month" the first of the month before, "last year" the first of the year before."""
    if relative == "yesterday":
        return reference - dt.timedelta(days=1)
    if relative == "last week":
        return reference - dt.timedelta(days=7)
    if relative == "last month":
        return (reference.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    return dt.date(reference.year - 1, 1, 1)


def find_dates(text: str, reference: dt.date | None = None) -> list[DateMention]:
    """Dates stated in text, yearless ones resolved against reference (skipped without one).

    Args:
        text: any English text, typically one sentence.
        reference: the date the text was written (the document date); a month-day without a
            year takes the year that puts it on or before, or at most 31 days after, the reference;
            "on Monday" is the latest Monday on or before it; "yesterday", "last week", "last month"
            and "last year" count back from it.

    Returns:
        The mentions in order of position; month and year mentions carry the first day of the period.
    """
    mentions = []
    for raw in _scan(text):
        date = _resolve(raw, reference)
        if date is not None:
            mentions.append(
                DateMention(
                    start=raw.start,
                    end=raw.end,
                    text=text[raw.start : raw.end],
                    date=date,
                    precision=raw.precision,
                    span=_bounds_span(text, raw.start, raw.end),
                    prospective=_prospective(text, raw),
                )
            )
    return mentions


def _bounds_span(text: str, start: int, end: int) -> bool:
    """Whether the date between start and end bounds a stretch of time: after "until", "through", "since", "by", ...

    Either year of a range ("in 2010-2012", "from 2005 to 2010") bounds one too.
    """
    before = text[max(0, start - _SPAN_LOOKBACK) : start]
    return _SPAN_LEAD.search(before) is not None or _SPAN_TAIL.match(text, end) is not None


def _prospective(text: str, raw: _Raw) -> bool:
    """Whether the sentence announces the date as still to come ("the summit will open on June 11")."""
    floor = max(0, raw.start - SENTENCE_LOOKBACK)
    sentence_start = max(text.rfind(". ", floor, raw.start), text.rfind("\n", floor, raw.start), floor - 1) + 1
    cited = text.rfind("(", sentence_start, raw.start) > text.rfind(")", sentence_start, raw.start)
    return not cited and _FUTURE.search(text, sentence_start, raw.start) is not None


def _stated(text: str, *, past_only: bool) -> list[_Raw]:
    return [raw for raw in _scan(text) if not (past_only and _prospective(text, raw))]


def full_dates(text: str, *, past_only: bool = False) -> list[dt.date]:
    """Day-precision dates the text states with their year (directly or from an adjacent date).

    With past_only, dates a sentence announces as still to come are left out.
    """
    found = _stated(text, past_only=past_only)
    return [date for raw in found if raw.day is not None and raw.year is not None and (date := _resolve(raw, None))]


def latest_full_date(text: str, *, past_only: bool = False) -> dt.date | None:
    """The latest day-precision date with an explicit year that the text states, if any."""
    return max(full_dates(text, past_only=past_only), default=None)


def dates_in_year(text: str, year: int, *, past_only: bool = False) -> list[dt.date]:
    """Day-precision dates the text states within year; month-days without a year count as that year."""
    dates = []
    for raw in _stated(text, past_only=past_only):
        if raw.day is None or raw.month is None or raw.year not in (None, year):
            continue
        date = _calendar(year, raw.month, raw.day)
        if date is not None:
            dates.append(date)
    return dates


def parse_date_value(value: str) -> dt.date | None:
    """A full date from a metadata value: ISO (with or without time) or an English date with its year."""
    value = value.strip()
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    return next(iter(full_dates(value)), None)
