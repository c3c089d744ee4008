"""The records declared once in schemas/records.py agree with each other."""

from __future__ import annotations

from typing import get_args

from schemas.records import FetchOutcome, RejectReason


def test_every_failed_fetch_outcome_is_a_reject_reason():
    failures = {o.value for o in FetchOutcome} - {FetchOutcome.OK.value, FetchOutcome.NOT_MODIFIED.value}
    assert failures <= set(get_args(RejectReason))
