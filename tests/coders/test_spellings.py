"""Names romanized from Cyrillic are matched under the spellings other outlets use (coders/data/spellings.toml)."""

from __future__ import annotations

import pytest

from coders.spellings import MAX_SPELLINGS, read_spellings, spellings
from schemas.errors import LexiconError
from tests.coders.test_world_actors import coded


@pytest.mark.parametrize(
    ("name", "other"),
    [
        ("Kassym-Jomart Tokayev", "Kassym-Zhomart Tokaev"),  # the words of a name vary together
        ("Shavkat Mirziyoyev", "Shavkat Mirziyoev"),
        ("Sadyr Japarov", "Sadyr Zhaparov"),
        ("Emomali Rahmon", "Emomali Rakhmon"),
        ("Yerlan Idrissov", "Erlan Idrissov"),
        ("Djoomart Otorbaev", "Joomart Otorbayev"),
    ],
)
def test_a_name_has_the_spellings_outlets_use(name: str, other: str) -> None:
    assert other in spellings().name(name)


def test_a_name_the_rules_do_not_touch_has_no_other_spelling() -> None:
    assert spellings().name("Vladimir Putin") == []
    assert len(spellings().name("Abdulkhakim Khodjaev-Mukhammadzhon Zhaksybekov Yerkebayev")) <= MAX_SPELLINGS


@pytest.mark.parametrize(
    ("text", "on", "events"),
    [
        ("Foreign Minister Abdrahmanov criticized Germany.", "2017-05-01", {("KAZGOV", "DEU", "111")}),
        ("Askar Jumagaliev praised Uzbekistan.", "2017-05-01", {("KAZGOV", "UZB", "051")}),
        ("Berdimukhamedov thanked Iran.", "2015-05-01", {("TKMGOV", "IRN", "051")}),
    ],
)
def test_the_coder_knows_a_leader_by_another_spelling(coder, text: str, on: str, events: set) -> None:
    assert coded(coder, text, on) == events


def test_a_spelling_of_someone_else_is_not_taken(coder) -> None:
    data = coder.events.matcher.data
    written = data.written_phrases()
    for phrase in ("Abdrahmanov", "Askar Jumagaliev", "Berdimukhamedov"):
        assert [getattr(p, "name", None) for p in written[phrase]] == [written[phrase][0].name]  # one person each


def test_a_malformed_rule_is_refused_naming_the_file_and_line(tmp_path) -> None:
    path = tmp_path / "spellings.toml"
    path.write_text('countries = ["KAZ"]\n\n[[rule]]\npattern = "(unclosed"\nto = "x"\n', encoding="utf-8")
    with pytest.raises(LexiconError, match=r"spellings.toml.*not a regular expression"):
        read_spellings(path)
