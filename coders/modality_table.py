"""The modality tables (``coders/data/modality.toml``): words of intent, refusal, appeal, demand, cessation,
negation and conditions, the code tables that turn an act's code into the code of intending, refusing, urging, demanding or
ending it, and ``[target_codes]``, the codes whose target may be read beyond the verb's own slots.

Read with `coders.datafiles`, every word and code checked, every root covered by each code table;
problems are reported as ``modality.toml:line [table.key] message``.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from coders.cameo import ROOTS, check_code
from coders.datafiles import TomlFile, read_toml
from coders.synsets import word_list
from schemas.errors import LexiconError

# Modality tables: the word lists each holds, or None for a code table.
_MODALITY_TABLES: dict[str, tuple[str, ...] | None] = {
    "intent": ("lemmas", "aux"),
    "intent_codes": None,
    "refusal": ("lemmas",),
    "refusal_codes": None,
    "appeal": ("lemmas",),
    "appeal_codes": None,
    "demand": ("lemmas", "told", "obligation", "ordered"),
    "demand_codes": None,
    "permission": ("lemmas",),
    "permission_codes": None,
    "negation": ("lemmas", "verbs", "denials", "allegations", "penalties", "cancellations"),
    "cessation": ("lemmas",),
    "cessation_codes": None,
    "hypothetical": (
        "marks",
        "possibility",
        "advice",
        "obliged",
        "predictions",
        "expected",
        "speculation",
        "indefinite",
        "counterfactual",
        "unrealised",
        "fears",
    ),
    "aspect": ("lemmas",),
    "background": ("adverbs", "patrons", "results", "result_codes", "recent", "era", "era_preps", "spans", "voting", "voters"),
    "statistic": ("verbs", "periods", "rates", "shares", "spans"),
}
# Tables of CAMEO code prefixes by name (not words): [target_codes].
_CODE_LIST_TABLES: dict[str, tuple[str, ...]] = {
    "target_codes": ("placed", "occupied", "posture", "agreement", "reproach", "during", "investigated")
}


class CodeTable(BaseModel):
    """A modality's code table: roots whose codes stay as they are, and code prefixes mapped to new codes."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    keep: frozenset[str] = frozenset()
    drop: frozenset[str] = frozenset()  # roots whose acts are no event under this modality ("stopped criticizing")
    codes: dict[str, str] = {}

    def gaps(self) -> list[str]:
        """What keeps the table from covering each root exactly once; empty when it is whole."""
        missing = [root for root in ROOTS if root not in self.keep and root not in self.drop and root not in self.codes]
        problems = [f"root {root!r} is neither kept nor mapped" for root in missing]
        problems += [f"root {p[:2]!r} is kept, yet {p!r} is mapped" for p in self.codes if p[:2] in self.keep]
        problems += [f"root {p[:2]!r} is dropped, yet {p!r} is mapped" for p in self.codes if p[:2] in self.drop]
        problems += [f"root {root!r} is both kept and dropped" for root in sorted(self.keep & self.drop)]
        return problems

    def drops(self, code: str) -> bool:
        """Whether an act of this code is no event under this modality."""
        return code[:2] in self.drop

    def apply(self, code: str) -> str:
        """The code under this modality: kept, or mapped by its longest listed prefix (a dropped code is an error)."""
        if code[:2] in self.keep:
            return code
        for size in (4, 3, 2):
            if len(code) >= size and code[:size] in self.codes:
                return self.codes[code[:size]]
        raise LexiconError(f"no modality mapping for CAMEO code {code!r}")


class TargetCodes(BaseModel):
    """The codes (prefixes) of events whose target the coder may find beyond the verb's own slots ([target_codes])."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    placed: tuple[str, ...]  # the place of what was struck, visited or paid for ("shelled villages in Kyrgyzstan")
    occupied: tuple[str, ...]  # the country of the territory taken itself ("annexed the Crimean Peninsula")
    posture: tuple[str, ...]  # the country whose border a show of force is near or along
    agreement: tuple[str, ...]  # a lone signer's partner, named inside what was signed
    reproach: tuple[str, ...]  # criticism a later "rejected the criticism" answers
    during: tuple[str, ...]  # an event noun "during" which the clause's subject acts is the subject's own ("during a visit to X")
    investigated: tuple[str, ...]  # an investigation: where what it is into was done, or its doer


class Modality(BaseModel):
    """Words that make a trigger an intent, refusal, appeal, demand or negation, and the codes they give."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    intent_lemmas: frozenset[str]
    intent_aux: frozenset[str]
    intent_codes: CodeTable
    refusal_lemmas: frozenset[str]
    refusal_codes: CodeTable
    appeal_lemmas: frozenset[str]
    appeal_codes: CodeTable
    demand_lemmas: frozenset[str]
    demand_told: frozenset[str]  # "told X to ...", "told X that Y must ...": a demand through its clause only
    demand_ordered: frozenset[str]  # "the ICJ ordered Israel to halt ...": a demand of a named party through its clause only
    demand_obligation: frozenset[str]
    demand_codes: CodeTable
    permission_lemmas: frozenset[str]
    permission_codes: CodeTable
    negation_lemmas: frozenset[str]
    negation_verbs: frozenset[str]
    negation_denials: frozenset[str]
    negation_allegations: frozenset[str]
    negation_penalties: frozenset[str]  # "imposed sanctions on X for supplying drones": the penalty's verb alleges too
    negation_cancellations: frozenset[str]  # "cancelled the visit", "called off the talks" ("call-off"): the act never took place
    cessation_lemmas: frozenset[str]
    cessation_codes: CodeTable
    hypothetical_marks: frozenset[str]
    hypothetical_possibility: frozenset[str]
    hypothetical_advice: frozenset[str]
    hypothetical_obliged: frozenset[str]  # "X wrote that Mexico will have to ask ...": advice too
    hypothetical_predictions: frozenset[str]  # "is unlikely to approve": a forecast, not an act
    hypothetical_expected: frozenset[str]  # "are expected to hold a summit": passive, a forecast by others
    hypothetical_speculation: frozenset[str]  # "an invasion of Taiwan would devastate ...": an act spoken of as the subject of a guess
    hypothetical_indefinite: frozenset[str]  # "a"/"any" invasion: the determiners of an act only supposed
    hypothetical_counterfactual: frozenset[str]  # "would otherwise press Mexico": what would happen were things different
    hypothetical_unrealised: frozenset[str]  # "had been due to visit", "had planned to attend": a plan overtaken, not done
    hypothetical_fears: frozenset[str]  # "on fears that Israel could strike Iran": what is feared might happen, not done nor intended
    aspect_lemmas: frozenset[str]  # "hoped to keep discussing": verbs a modality reaches the act through
    background_adverbs: frozenset[str]  # "which Washington has long accused of ...": a standing position, not a new act
    background_patrons: frozenset[str]  # "rebels backed by Rwanda": a patronage that describes its noun, not an act
    background_results: frozenset[str]  # "signed a peace deal, ending the war": the main act's effect, not an act of its own
    background_result_codes: frozenset[str]  # ... when the effect is of these codes (de-escalation), not "ending an arrangement"
    background_recent: frozenset[str]  # "since Raisi warned the Taliban this month": a dated "since" clause is news
    background_era: frozenset[str]  # "under the late Islam Karimov, who accused Turkey": a dead ruler's era, past
    background_era_preps: frozenset[str]  # ... named by these prepositions on the act's verb
    background_spans: frozenset[str]  # "four years after the two countries expelled each other's envoys": a long-past act
    background_voting: frozenset[str]  # "Britons voted to leave the European Union": what a people votes for is a result
    background_voters: frozenset[str]  # ... when these (or a people's plural name) vote, not a body that acts
    statistic_verbs: frozenset[str]  # "imports 80 percent of its gas from ...": verbs whose measured flow may be a trade figure
    statistic_periods: frozenset[str]
    statistic_rates: frozenset[str]
    statistic_shares: frozenset[str]
    statistic_spans: frozenset[str]
    target_codes: TargetCodes

    @cached_property
    def asking(self) -> frozenset[str]:
        """The verbs that ask another to act: appeals and demands."""
        return self.appeal_lemmas | self.demand_lemmas

    @cached_property
    def governors(self) -> frozenset[str]:
        """The verbs that make the act of their clause an intent, refusal, appeal, demand or cessation."""
        return (
            self.intent_lemmas
            | self.refusal_lemmas
            | self.asking
            | self.cessation_lemmas
            | self.demand_told
            | self.demand_ordered
            | self.permission_lemmas
        )

    def cessation_code(self, code: str) -> str | None:
        """The code of ending the act ("stopped supplying gas": 061 -> 163), None when ending it is no event."""
        return None if self.cessation_codes.drops(code) else self.cessation_codes.apply(code)

    def intent_code(self, code: str) -> str:
        """The code of announcing or planning the act ("will visit": 042 -> 036; "will attack": 190 -> 1384)."""
        return self.intent_codes.apply(code)

    def refusal_code(self, code: str) -> str:
        """The code of refusing the act ("refused to meet": 040 -> 125)."""
        return self.refusal_codes.apply(code)

    def appeal_code(self, code: str) -> str:
        """The code of urging another to do the act ("urged X to free the sailors": 0841 -> 0253)."""
        return self.appeal_codes.apply(code)

    def permission_code(self, code: str) -> str:
        """The code of allowing another to do the act ("allowed Egypt to deliver aid": 073 -> 0863)."""
        return self.permission_codes.apply(code)

    def demand_code(self, code: str) -> str:
        """The code of demanding the act ("demanded that X withdraw its troops": 0874 -> 1056)."""
        return self.demand_codes.apply(code)


def read_modality(path: Path) -> Modality:
    """The modality tables, every word and code checked, every root covered by each code table."""
    toml = read_toml(path)
    data, where = toml.data, str(path)
    for table in data:
        if table not in _MODALITY_TABLES and table not in _CODE_LIST_TABLES:
            raise LexiconError("unknown table", path=where, line=toml.line_of(table), field=table)
    fields: dict[str, Any] = {table: _code_lists(toml, table, keys) for table, keys in _CODE_LIST_TABLES.items()}
    for table, keys in _MODALITY_TABLES.items():
        body = data.get(table)
        if not isinstance(body, dict):
            raise LexiconError(f"missing table [{table}]", path=where, field=table)
        if keys is None:
            fields[table] = _code_table(toml, body, table)
            continue
        if set(body) != set(keys):
            message = f"[{table}] must hold exactly: {', '.join(keys)}"
            raise LexiconError(message, path=where, line=toml.line_of(table), field=table)
        for key in keys:
            words = word_list(body[key], f"{table}.{key}", where=where, line=toml.line_of(key, table))
            name = f"{table}_lemmas" if key == "lemmas" else f"{table}_{key}"
            fields[name] = frozenset(words)
    return Modality(**fields)


def _code_lists(toml: TomlFile, table: str, keys: tuple[str, ...]) -> TargetCodes:
    """A table of named lists of CAMEO codes or code prefixes, each checked against the CAMEO table."""
    body, where = toml.data.get(table), str(toml.path)
    if not isinstance(body, dict) or set(body) != set(keys):
        raise LexiconError(f"[{table}] must hold exactly: {', '.join(keys)}", path=where, line=toml.line_of(table), field=table)
    lists: dict[str, tuple[str, ...]] = {}
    for key in keys:
        line, value = toml.line_of(key, table), body[key]
        if not isinstance(value, list) or not value or not all(isinstance(code, str) for code in value):
            raise LexiconError("must be a non-empty list of quoted codes", path=where, line=line, field=f"{table}.{key}")
        for code in value:
            try:
                check_code(code)
            except ValueError as e:
                raise LexiconError(f"{e}, got {code!r}", path=where, line=line, field=f"{table}.{key}") from e
        lists[key] = tuple(value)
    return TargetCodes(**lists)


def _code_table(toml: TomlFile, body: dict[str, Any], table: str) -> CodeTable:
    """One *_codes table: `keep` roots and prefix -> code pairs, each checked, every root covered once."""
    where = str(toml.path)
    keep, drop = body.get("keep", []), body.get("drop", [])
    for name, roots in (("keep", keep), ("drop", drop)):
        if not isinstance(roots, list) or not all(isinstance(root, str) and root in ROOTS for root in roots):
            line = toml.line_of(name, table)
            raise LexiconError(f"{name} must list two-digit roots '01' to '20'", path=where, line=line, field=f"{table}.{name}")
    codes = {prefix: code for prefix, code in body.items() if prefix not in ("keep", "drop")}
    for prefix, code in codes.items():
        line = toml.line_of(prefix, table)
        if not isinstance(code, str):
            message = f"the code must be a quoted string, got {code!r}"
            raise LexiconError(message, path=where, line=line, field=f"{table}.{prefix}")
        try:
            check_code(prefix)
            check_code(code)
        except ValueError as e:
            message = f"{e}, in {prefix!r} = {code!r}"
            raise LexiconError(message, path=where, line=line, field=f"{table}.{prefix}") from e
    mapping = CodeTable(keep=frozenset(keep), drop=frozenset(drop), codes=codes)
    gaps = mapping.gaps()
    if gaps:
        raise LexiconError(gaps[0], path=where, line=toml.line_of(table), field=table)
    return mapping
