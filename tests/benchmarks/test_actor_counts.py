"""The actor counts by kind that benchmarks/actor_counts.py prints."""

from __future__ import annotations

import pytest

from benchmarks.actor_counts import actor_counts


@pytest.mark.slow
def test_actor_counts_cover_every_kind() -> None:
    counts = actor_counts()
    assert counts["states"] > 250 and counts["peoples"] >= 9 and counts["regions"] >= 24
    assert all(counts[f"place_names.{kind}"] > 0 for kind in ("country", "adjective", "capital", "city"))
    assert counts["organizations.ours.IGO"] > 50 and counts["organizations.phoenix.MNC"] > 1000
    assert counts["people.ours"] > 800 and counts["people.phoenix"] > 15000
    assert counts["agent_words.GOV"] > 50
