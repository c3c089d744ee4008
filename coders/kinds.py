"""The closed vocabularies of the coder: the kinds of actor names and the modifiers of an event's rule.

Both are `StrEnum`s, so a member compares equal to its string ("agent" == ActorKind.AGENT) and is
stored as that string.
"""

from __future__ import annotations

from enum import StrEnum


class ActorKind(StrEnum):
    """What kind of words an actor was read from."""

    PERSON = "person"  # a named person ("Karimov")
    ORGANIZATION = "organization"  # a named organisation ("the Shanghai Cooperation Organisation")
    COUNTRY = "country"  # a country's name ("Uzbekistan")
    CAPITAL = "capital"  # a capital standing for its government ("Moscow said")
    CITY = "city"  # another city, which places an act in its country
    ADJECTIVE = "adjective"  # a nationality word ("Uzbek", "Kazakh-Russian")
    AGENT = "agent"  # an agent word, with or without its country ("Kyrgyz border guards", "militants")
    MODIFIER = "modifier"  # a country read from where a thing is or whose it is ("villages in Kyrgyzstan")
    COREFERENCE = "coreference"  # a description resolved to earlier actors ("both governments", "our country")


# Kinds of place names (countries.csv): where something is, which an agent "in" or "from" them belongs to.
PLACE_KINDS = frozenset({ActorKind.COUNTRY, ActorKind.CAPITAL, ActorKind.CITY})
# the place kinds (actor_records.PlaceKind) that name where something happened, not who took part: "the Minsk agreements",
# "their Geneva summit"
SITE_KINDS = frozenset({"capital", "city"})


class RuleModifier(StrEnum):
    """What an event's rule adds to the lexicon entry's id: the modality or reading that changed its code or roles."""

    APPEAL = "+appeal"  # "urged X to ...": the act asked for, as an appeal
    DEMAND = "+demand"  # "demanded that X ...": as a demand
    PERMISSION = "+permission"  # "allowed X to ...": easing a restriction on X
    CESSATION = "+cessation"  # "stopped supplying gas": the end of the act
    REFUSAL = "+refusal"  # "refused to meet": its rejection
    INTENT = "+intent"  # "will visit", "plans to sign": its intent
    COMPOUND = "+compound"  # "X and Y signed": co-subjects acting on each other
    PAIRED = "+paired"  # the reversed second event of a PETRARCH paired code
    NEGATED = "+negated"  # PETRARCH's reading of a negated act: its counterpart code ("did not clash": 050)


TARGET_PREFIX = "+target:"
SOURCE_PREFIX = "+source:"


def rule_of(entry_id: str, resolver: str | None = None, *modifiers: RuleModifier, source: str | None = None) -> str:
    """An event's rule: the entry id, the source and target resolvers that found the roles (if named), then the modifiers."""
    named = (f"{SOURCE_PREFIX}{source}" if source else "") + (f"{TARGET_PREFIX}{resolver}" if resolver else "")
    return entry_id + named + "".join(modifiers)


def rule_modifiers(rule: str) -> tuple[str, tuple[RuleModifier, ...]]:
    """(entry id, modifiers) of a rule, the resolver name left out: "sign+target:prep+intent" -> ("sign", (INTENT,))."""
    entry_id, _, rest = rule.partition("+")
    found = []
    for part in rest.split("+") if rest else []:
        if not part.startswith((TARGET_PREFIX[1:], SOURCE_PREFIX[1:])):
            found.append(RuleModifier("+" + part))
    return entry_id, tuple(found)
