"""Record types shared by every layer: pydantic models, their Arrow schemas, and errors."""

from schemas.errors import DyadflowError, InputError, LexiconError, WarehouseError
from schemas.records import (
    Coding,
    DateSource,
    Document,
    Event,
    EventDay,
    QuadClass,
    Reject,
    RunRecord,
    Sentence,
)

__all__ = [
    "Coding",
    "DateSource",
    "Document",
    "DyadflowError",
    "Event",
    "EventDay",
    "InputError",
    "LexiconError",
    "QuadClass",
    "Reject",
    "RunRecord",
    "Sentence",
    "WarehouseError",
]
