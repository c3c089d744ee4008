"""When an event happened: the date its sentence gives for it, or its article's date, and how precise that is.

An event is dated when it happened as reported, never after its article's date. A date its sentence
gives is passed over when it bounds a stretch of time ("through 2012", "since 2005"), when the
sentence announces it as still to come ("will meet on June 11"), or when it lies after the article's
date. A planned or promised act (an intent, a threat) is dated when it was announced: by a date
stated before its trigger, else by the article's date, never by the time it is planned for.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from coders.dates import DateMention
from schemas.records import EventDatePrecision, EventDateSource

# CAMEO roots of acts announced for later: express intent to cooperate (03) and threaten (13).
PLANNED_ROOTS = frozenset({"03", "13"})
# Rule modifiers (coders.events) that make the coded act an intent announced now.
PLANNED_MODIFIERS = ("+intent",)


class EventDate(NamedTuple):
    """An event's date, where it came from and how precise it is."""

    date: dt.date | None
    source: EventDateSource
    precision: EventDatePrecision


def is_planned(code: str, rule: str) -> bool:
    """Whether an event of this CAMEO code and rule is an act announced for later (an intent or a threat)."""
    return code[:2] in PLANNED_ROOTS or any(modifier in rule for modifier in PLANNED_MODIFIERS)


def usable(mention: DateMention, doc_date: dt.date | None) -> bool:
    """Whether a date the sentence states can be when something in it happened."""
    if mention.span or mention.prospective:
        return False
    return doc_date is None or mention.date <= doc_date


def date_event(mentions: list[DateMention], char: int, doc_date: dt.date | None, *, planned: bool = False) -> EventDate:
    """The date of an event whose trigger is at char in its sentence, from the sentence's date mentions.

    Args:
        mentions: the sentence's dates (`coders.dates.find_dates` against the document date).
        char: the trigger's offset in the sentence; the usable mention nearest it wins.
        doc_date: the article's date, the fallback and the latest date an event can have.
        planned: an act announced for later (`is_planned`): only mentions before the trigger
            (when it was announced) count.
    """
    candidates = [m for m in mentions if usable(m, doc_date) and not (planned and m.start > char)]
    if candidates:
        nearest = min(candidates, key=lambda m: min(abs(m.start - char), abs(m.end - char)))
        precision: EventDatePrecision = nearest.precision
        return EventDate(nearest.date, "text", precision)
    if doc_date is not None:
        return EventDate(doc_date, "document", "day")
    return EventDate(None, "unknown", "unknown")
