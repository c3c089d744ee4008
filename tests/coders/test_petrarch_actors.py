"""PETRARCH actor and agent dictionaries: phrases, dated codes, the two-digit year rule, agents and plurals."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from coders.petrarch.actors import DatedCode, NamedActor, parse_date, parse_restriction, read_actors, read_agents
from schemas.errors import DictionaryError

# A made-up actor dictionary in PETRARCH's format, written for these tests.
ACTORS = """\
<!-- a comment
   over two lines -->
UZBEKISTAN_  [UZB]
+UZBEKS_  # the people
+TASHKENT ; a legacy comment
SHAVKAT_MIRZIYOYEV_  # a comment
+MIRZIYOYEV
\t[UZBGOV 031212-161214]
\t[UZBGOV >161214]
\t[UZBELI]
ISLOM_KARIMOV_
\t[UZBGOV 19900324-20160902]
OLD_NAME
\t[SUN <911226]
JOHN_DOE_ [USAGOV 20010120-20090120] [USAELI]
JANE_ROE_ [IGOUNO 20000101-20081231] [---]
"""

AGENTS = """\
!HOLDER! = MAN, MEN, WOMAN, WOMEN
MILITIA {} [~COP]
TOP_DIPLOMAT [~GOVFRM]
ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~JUD]
DEPUTY [~LEG]
ASSEMBLY!HOLDER! [~LEG]
HUMAN_RIGHTS_GROUP [NGO~]
"""


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("20080120", dt.date(2008, 1, 20)),
        ("080120", dt.date(2008, 1, 20)),
        ("300101", dt.date(2030, 1, 1)),  # 00-30: this century
        ("310101", dt.date(1931, 1, 1)),  # 31-99: the last
        ("991231", dt.date(1999, 12, 31)),
    ],
)
def test_petrarch_actors_date_two_digit_years(text, date):
    assert parse_date(text) == date


@pytest.mark.parametrize(("text", "message"), [("2004017", "YYYYMMDD or YYMMDD"), ("20100931", "not a calendar date")])
def test_petrarch_actors_date_malformed(text, message):
    with pytest.raises(ValueError, match=message):
        parse_date(text)


@pytest.mark.parametrize(
    ("text", "restriction"),
    [
        ("AFG", "AFG"),
        ("pse", "PSE"),
        ("UZB/KAZ/KGZ", "UZB/KAZ/KGZ"),
        ("---", "---"),
        ("KGZ <950601", DatedCode("KGZ", None, dt.date(1995, 6, 1))),
        ("KGZ < 950601", DatedCode("KGZ", None, dt.date(1995, 6, 1))),
        ("KGZREB >990816", DatedCode("KGZREB", dt.date(1999, 8, 16), None)),
        ("KGZGOV 19950601 - 19990815", DatedCode("KGZGOV", dt.date(1995, 6, 1), dt.date(1999, 8, 15))),
    ],
)
def test_petrarch_actors_restriction(text, restriction):
    assert parse_restriction(text) == restriction


@pytest.fixture
def actors(tmp_path: Path) -> dict[str, NamedActor]:
    path = tmp_path / "test.actors.txt"
    path.write_text(ACTORS, encoding="utf-8")
    return {actor.name: actor for actor in read_actors(path).actors}


def test_petrarch_actors_records_with_synonyms(actors):
    assert list(actors) == ["UZBEKISTAN", "SHAVKAT MIRZIYOYEV", "ISLOM KARIMOV", "OLD NAME", "JOHN DOE", "JANE ROE"]
    assert actors["UZBEKISTAN"].phrases == ("UZBEKISTAN", "UZBEKS", "TASHKENT")
    assert actors["SHAVKAT MIRZIYOYEV"].phrases == ("SHAVKAT MIRZIYOYEV", "MIRZIYOYEV")


@pytest.mark.parametrize(
    ("name", "on", "code"),
    [
        ("UZBEKISTAN", dt.date(2020, 1, 1), "UZB"),
        ("SHAVKAT MIRZIYOYEV", dt.date(2010, 5, 1), "UZBGOV"),  # prime minister from 2003
        ("SHAVKAT MIRZIYOYEV", dt.date(2016, 12, 14), "UZBGOV"),  # bounds are inclusive
        ("SHAVKAT MIRZIYOYEV", dt.date(1995, 1, 1), "UZBELI"),  # no restriction holds: the default
        ("ISLOM KARIMOV", dt.date(2005, 1, 1), "UZBGOV"),
        ("ISLOM KARIMOV", dt.date(2017, 1, 1), None),  # no default: no code
        ("OLD NAME", dt.date(1990, 1, 1), "SUN"),
        ("JOHN DOE", dt.date(2005, 1, 1), "USAGOV"),  # restrictions on the primary line
        ("JOHN DOE", dt.date(2012, 1, 1), "USAELI"),
        ("JOHN DOE", None, "USAELI"),  # no date: the default
        ("ISLOM KARIMOV", None, "UZBGOV"),  # no date, no default: the latest restriction
        ("JANE ROE", dt.date(2005, 1, 1), "IGOUNO"),
        ("JANE ROE", dt.date(2012, 1, 1), None),  # the null code: no longer a coded actor
    ],
)
def test_petrarch_actors_code_on_a_date(actors, name, on, code):
    assert actors[name].code_on(on) == code


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("\t[UZBGOV 9108223-911221]", "date must be YYYYMMDD or YYMMDD"),
        ("\t[UZBGOV 20141207-20140802]", "is before the start"),
        ("\t[950601-990815]", "expected [CODE]"),
        ("\t[KAZGOV 19950101]", "expected [CODE]"),
        ("+OLDSTATE]_", "unbalanced"),
    ],
)
def test_petrarch_actors_malformed_line_is_an_error_naming_file_and_line(tmp_path, line, message):
    path = tmp_path / "bad.actors.txt"
    path.write_text(f"SOMEONE\n{line}\n", encoding="utf-8")
    with pytest.raises(DictionaryError) as caught:
        read_actors(path)
    assert str(caught.value).startswith(f"{path}:2: ") and message in str(caught.value)


def test_petrarch_actors_lenient_reading_keeps_the_rest_of_the_record(tmp_path):
    path = tmp_path / "bad.actors.txt"
    path.write_text("SOMEONE\n\t[ABCGOV 9108223-911221]\n\t[ABC]\n", encoding="utf-8")
    read = read_actors(path, strict=False)
    assert [a.default for a in read.actors] == ["ABC"]
    assert len(read.problems.found) == 1


def test_petrarch_actors_code_line_before_any_actor_is_an_error(tmp_path):
    path = tmp_path / "bad.actors.txt"
    path.write_text("\t[ABC]\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match="before the first actor"):
        read_actors(path)


@pytest.fixture
def agents(tmp_path: Path) -> dict[str, str]:
    path = tmp_path / "test.agents.txt"
    path.write_text(AGENTS, encoding="utf-8")
    return read_agents(path).agents


@pytest.mark.parametrize(
    ("phrase", "code"),
    [
        ("militia", "~COP"),  # {} : no plural
        ("top diplomat", "~GOVFRM"),
        ("top diplomats", "~GOVFRM"),  # the regular plural
        ("attorney general", "~JUD"),
        ("attorneys general", "~JUD"),  # the plural given
        ("deputies", "~LEG"),  # Y -> IES
        ("assemblyman", "~LEG"),  # substitution markers
        ("assemblywomen", "~LEG"),
        ("human rights group", "NGO~"),  # a code before the actor's
    ],
)
def test_petrarch_actors_agent_phrases(agents, phrase, code):
    assert agents[phrase] == code


def test_petrarch_actors_agent_without_plural_form(agents):
    assert "militias" not in agents and "attorney generals" not in agents


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("DEPARTMENT [~ENV}", "needs one [~CODE] or [CODE~]"),
        ("RADICAL_PREACHER", "needs one [~CODE] or [CODE~]"),
        ("CLERIC [REL]", "an agent code is ~CODE"),
        ("!NOBODY!_OF_STATE [~GOV]", "substitution marker !NOBODY! is not defined"),
    ],
)
def test_petrarch_actors_malformed_agent_line_is_an_error(tmp_path, line, message):
    path = tmp_path / "bad.agents.txt"
    path.write_text(f"{line}\n", encoding="utf-8")
    with pytest.raises(DictionaryError) as caught:
        read_agents(path)
    assert str(caught.value).startswith(f"{path}:1: ") and message in str(caught.value)
