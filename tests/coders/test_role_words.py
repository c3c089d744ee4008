"""The word lists of the role resolvers (coders/data/roles.toml), validated when loaded."""

from __future__ import annotations

import pytest

from coders.role_words import ROLES_FILE, read_role_words, role_words
from schemas.errors import LexiconError


def test_the_role_words_name_purpose_and_removal_verbs():
    words = role_words()
    assert "protect" in words.purpose.verbs and "withdraw" in words.removal.verbs and "for" in words.beneficiary.prepositions
    assert (
        not words.side_by_side.cover("040")
        and not words.side_by_side.cover("161")
        and words.side_by_side.cover("163")
        and words.holder.cover("1053")
    )


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ('"help", ', '"Help", ', r"roles\.toml:\d+ \[purpose\.verbs\] Value error|roles\.toml:\d+ \[purpose\.verbs\] must hold"),
        ("[removal]", "[removals]", r"roles\.toml \[removal\] Field required"),
        ('codes = ["01", ', 'codes = ["21", ', r"roles\.toml:\d+ \[side_by_side\.codes\] .*must hold CAMEO codes"),
    ],
)
def test_a_malformed_roles_table_is_reported_at_its_line(tmp_path, old, new, where):
    text = ROLES_FILE.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "roles.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(LexiconError, match=where):
        read_role_words(path)
