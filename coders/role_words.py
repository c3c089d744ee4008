"""The word lists of the coder's role resolvers (``coders/data/roles.toml``), validated when loaded."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from coders.datafiles import read_toml
from coders.synsets import is_word

ROLES_FILE = Path(__file__).resolve().parent / "data" / "roles.toml"


def _lemmas(words: frozenset[str]) -> frozenset[str]:
    bad = sorted(word for word in words if not is_word(word))
    if bad:
        raise ValueError(f"must hold lowercase single words, not {bad[0]!r}")
    return words


_Lemmas = Annotated[frozenset[str], Field(min_length=1), AfterValidator(_lemmas)]


class _Verbs(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    verbs: _Lemmas


class _Prepositions(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    prepositions: _Lemmas


class _Nouns(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    nouns: _Lemmas


class _NounsAndVerbs(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    nouns: _Lemmas
    verbs: _Lemmas


def _codes(codes: frozenset[str]) -> frozenset[str]:
    bad = sorted(code for code in codes if not (2 <= len(code) <= 4 and code.isdigit() and 1 <= int(code[:2]) <= 20))
    if bad:
        raise ValueError(f'must hold CAMEO codes or code prefixes ("01" to "20", "163"), not {bad[0]!r}')
    return codes


class _Codes(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    codes: Annotated[frozenset[str], Field(min_length=1), AfterValidator(_codes)]

    def cover(self, code: str) -> bool:
        """Whether a CAMEO code starts with one of the listed codes."""
        return any(code.startswith(prefix) for prefix in self.codes)


def _agents(agents: frozenset[str]) -> frozenset[str]:
    bad = sorted(agent for agent in agents if not (len(agent) == 3 and agent.isalpha() and agent.isupper()))
    if bad:
        raise ValueError(f'must hold 3-letter CAMEO agent codes ("CVL"), not {bad[0]!r}')
    return agents


class _Beneficiary(_Codes):
    prepositions: _Lemmas


class _SideBySide(_Codes):
    verbs: _Lemmas
    one_way: _Lemmas  # co-subjects buy or sell side by side, whatever the code


class _Protection(_Codes):
    verbs: _Lemmas
    code: Annotated[str, AfterValidator(lambda c: next(iter(_codes(frozenset({c})))))]


class _SentTo(_Codes):
    verbs: _Lemmas


class _Expulsion(_Protection):
    kept: Annotated[frozenset[str], AfterValidator(_codes)]


class _Received(_Codes):
    verbs: _Lemmas


class _Attended(_Verbs):
    prepositions: _Lemmas


class _Declared(_Verbs):
    phrases: Annotated[frozenset[str], Field(min_length=1)]


class _ReportedFault(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    copulas: _Lemmas


class _Instrument(_Codes):
    recipient_verbs: _Lemmas


class _Mediated(_Codes):
    prepositions: _Lemmas


_AgentCodes = Annotated[frozenset[str], Field(min_length=1), AfterValidator(_agents)]


class _Spokesmen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    agents: _AgentCodes
    commentators: _Lemmas
    voices: _Lemmas


class _Holder(_Codes):
    agents: _AgentCodes


_Code = Annotated[str, AfterValidator(lambda c: next(iter(_codes(frozenset({c})))))]


class _Verdicts(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    nouns: _Lemmas
    flaws: _Lemmas
    approvals: _Lemmas
    flawed: _Code
    approved: _Code


class RoleWords(BaseModel):
    """roles.toml: the words and CAMEO codes the role resolvers read, one table each (the file's comments say what each holds)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    purpose: _Verbs
    aim: _Codes
    removal: _Verbs
    beneficiary: _Beneficiary
    part_of: _Nouns
    documents: _NounsAndVerbs
    founded: _NounsAndVerbs
    in_force: _NounsAndVerbs
    command: _Verbs
    reaction: _Verbs
    response: _Verbs
    side_by_side: _SideBySide
    holder: _Holder
    manner: _Nouns
    visits: _Codes
    journeys: _Verbs
    claimed: _NounsAndVerbs
    goods: _NounsAndVerbs
    event_place: _Nouns
    credited: _Verbs
    hosting: _Verbs
    experiencer: _Verbs
    belonging: _Verbs
    protection: _Protection
    expulsion: _Expulsion
    declared: _Declared
    reported_fault: _ReportedFault
    means: _Verbs
    instrument: _Instrument
    private: _Holder
    spokesmen: _Spokesmen
    mediated: _Mediated
    offered_from: _Nouns
    found_by: _Nouns
    attended: _Attended
    venue: _Codes
    spoken_at: _Codes
    victims: _Verbs
    sent_to: _SentTo
    crowds: _Codes
    received: _Received
    verdicts: _Verdicts


def read_role_words(path: Path) -> RoleWords:
    """Read and validate a roles table; LexiconError naming file:line [field] when it is malformed."""
    return read_toml(path).validate(RoleWords)


@cache
def role_words() -> RoleWords:
    """The packaged role word lists, loaded once."""
    return read_role_words(ROLES_FILE)
