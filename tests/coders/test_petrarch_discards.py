"""PETRARCH discard lists: a '+' phrase drops the story, any phrase its sentence; stems and whole words."""

from __future__ import annotations

from pathlib import Path

import pytest

from coders.petrarch.discards import read_discards
from schemas.errors import DictionaryError

# A made-up discard list in PETRARCH's format, written for these tests.
DISCARDS = """\
# sports and history
+CHESS OLYMPIAD   # the whole story
+CRICKET_
BATSM
1815
"""


@pytest.fixture
def discards(tmp_path: Path):
    path = tmp_path / "test.discards.txt"
    path.write_text(DISCARDS, encoding="utf-8")
    return read_discards(path)


@pytest.mark.parametrize(
    ("text", "story", "sentence"),
    [
        ("Uzbekistan beat Iran at the Chess Olympiad.", "CHESS OLYMPIAD", "CHESS OLYMPIAD"),
        ("The chess   olympiad final was postponed.", "CHESS OLYMPIAD", "CHESS OLYMPIAD"),  # case and blanks ignored
        ("A cricket match in Lahore.", "CRICKET", "CRICKET"),
        ("Cricketers met the president.", None, None),  # CRICKET_ must end the word
        ("Two batsmen were injured.", None, "BATSM"),  # a stem, not a story discard
        ("The treaty of 1815 was signed.", None, "1815"),
        ("Kazakhstan signed 18150 documents.", None, "1815"),  # stems match the start of a word
        ("Tashkent hosted talks.", None, None),
        ("Ambatsman said nothing.", None, None),  # a phrase starts a word
    ],
)
def test_petrarch_discards_story_and_sentence(discards, text, story, sentence):
    assert discards.discarded(text) == story
    assert discards.sentence_discarded(text) == sentence


def test_petrarch_discards_merged_lists_apply_together(discards, tmp_path):
    other = tmp_path / "more.discards.txt"
    other.write_text("+GOLF\n", encoding="utf-8")
    both = discards.merged(read_discards(other))
    assert len(both) == 5 and both.discarded("a golf course") == "GOLF"


def test_petrarch_discards_empty_list_discards_nothing(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("# nothing\n", encoding="utf-8")
    assert read_discards(path).discarded("anything") is None


def test_petrarch_discards_lone_plus_is_an_error_naming_file_and_line(tmp_path):
    path = tmp_path / "bad.discards.txt"
    path.write_text("GOLF\n+\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match=rf"^{path}:2: expected a phrase"):
        read_discards(path)


def test_petrarch_discards_first_match_is_leftmost_then_first_listed(tmp_path):
    path = tmp_path / "order.discards.txt"
    path.write_text("TEST MATCH\nTEST\nMATCH\nSCORE_\n", encoding="utf-8")
    lists = read_discards(path)
    assert lists.sentence_discarded("The test match score.") == "TEST MATCH"  # same start: the first listed
    assert lists.sentence_discarded("A match of the test.") == "MATCH"  # the leftmost, though listed later
    assert lists.sentence_discarded("Scores and contests.") is None  # SCORE_ ends a word; TEST starts one
