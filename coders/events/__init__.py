"""The event coder, in parts a newcomer can find:

- `coder`: `EventCoder`, which codes a parsed sentence's verbs and event nouns into events.
- `syntax`: tree walks over the dependency parse (subjects, objects, prepositional phrases, lists).
- `reading`: a trigger verb read from the parse and matched against the lexicon.
- `nouns`: the roles of an event noun ("talks", "visit", "aid").
- `roles`: `SentenceRoles`, the actors of a sentence's words (names, pronouns, descriptions).
- `resolvers`: the ordered, named target resolvers of a verb, whose name goes into the event's rule; `query`
  what a resolver reads, `carried` the resolvers that read what an object carries (goods, purpose, event place).
- `modality`: negation, denial, allegation, and the mood a governing verb gives (intent, refusal, appeal ...).
- `emit`: a matched trigger with its roles becomes events; event ids, dates and CAMEO fields.
"""

from coders.events.coder import EventCoder
from coders.events.emit import CodedEvent, Decision, SentenceResult, cameo_fields, event_id
from coders.events.reading import GRAMMAR_SETS, GrammarSets

__all__ = [
    "GRAMMAR_SETS",
    "CodedEvent",
    "Decision",
    "EventCoder",
    "GrammarSets",
    "SentenceResult",
    "cameo_fields",
    "event_id",
]
