"""The coder as one object: documents in, sentences and CAMEO events out. No Prefect, no DuckDB."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from spacy.language import Language

from coders.actors import ActorMatcher
from coders.coreference import DocumentContext, coref_table
from coders.dates import find_dates
from coders.event_dates import date_event, is_planned, usable
from coders.events import EventCoder, SentenceResult, cameo_fields, event_id
from coders.lexicon import LEXICON_VERSION, Lexicon, load_lexicon
from coders.nlp import lemma_forms, load_nlp
from coders.places import Placer, geo_fields
from coders.sentences import SentenceFilter, parse_documents
from schemas.records import Document, Event, Sentence

CODER_VERSION = f"dyadflow-coder-0.5/{LEXICON_VERSION}"


@dataclass
class CodedDocument:
    """A document with its sentences and events; `explain` keeps each sentence's decisions."""

    document: Document
    sentences: list[Sentence]
    events: list[Event]
    explain: list[tuple[Sentence, SentenceResult]] = field(default_factory=list)


class Coder:
    """Splits, parses and codes documents; the model and the data tables are loaded once."""

    def __init__(self, nlp: Language | None = None, lexicon: Lexicon | None = None, matcher: ActorMatcher | None = None) -> None:
        self.nlp = nlp or load_nlp()
        self.lexicon = lexicon or load_lexicon()
        self.events = EventCoder(matcher or ActorMatcher(self.nlp), self.lexicon)
        self.candidates = candidate_filter(self.nlp, self.events.matcher)
        self._placer: Placer | None = None
        self.version = CODER_VERSION

    def code(self, documents: Iterable[Document], *, explain: bool = False, batch_size: int = 64) -> Iterator[CodedDocument]:
        """Code documents in order, streaming: parse in batches, code each document's sentences in order."""
        for document, parsed in parse_documents(documents, self.nlp, batch_size=batch_size, candidates=self.candidates):
            context = DocumentContext()
            places = self.placer.document(document.text, dateline=document.dateline)
            events: list[Event] = []
            explained = []
            seen: set[str] = set()
            for item in parsed:
                sentence = item.sentence
                if item.span is None:  # names no actor and holds no word coreference resolves: no event
                    context.remember([], None)
                    context.remember_acts([])
                    context.remember_aims([])
                    if explain:
                        explained.append((sentence, SentenceResult()))
                    continue
                dates = find_dates(sentence.text, document.doc_date)
                # roles by the first date the sentence gives for something that happened (no span's bound, no plan)
                on = next((m.date for m in dates if usable(m, document.doc_date)), document.doc_date)
                result = self.events.code_sentence(item.span, context, on)
                if explain:
                    explained.append((sentence, result))
                for coded in result.events:
                    eid = event_id(document.doc_id, sentence.sentence_index, coded.source.code, coded.target.code, coded.code)
                    if eid in seen:
                        continue
                    seen.add(eid)
                    root, quad, goldstein = cameo_fields(coded.code)
                    when = date_event(dates, coded.char, document.doc_date, planned=is_planned(coded.code, coded.rule))
                    countries = {c for c in (coded.source.country, coded.target.country) if c}
                    where = self.placer.place(item.span, coded.char, countries, places)
                    events.append(
                        Event(
                            event_id=eid,
                            doc_id=document.doc_id,
                            input_id=document.input_id,
                            sentence_index=sentence.sentence_index,
                            sentence=sentence.text,
                            event_date=when.date,
                            event_date_source=when.source,
                            event_date_precision=when.precision,
                            source_actor=coded.source.code,
                            source_country=coded.source.country,
                            source_text=coded.source.text,
                            target_actor=coded.target.code,
                            target_country=coded.target.country,
                            target_text=coded.target.text,
                            event_code=coded.code,
                            event_root=root,
                            quad_class=quad,
                            goldstein=goldstein,
                            trigger=coded.trigger,
                            rule=coded.rule,
                            coder_version=self.version,
                            **geo_fields(where),
                        )
                    )
            yield CodedDocument(document, [p.sentence for p in parsed], events, explained)

    @property
    def placer(self) -> Placer:
        """The placer of events, with its gazetteer loaded on first use (a few seconds)."""
        if self._placer is None:
            self._placer = Placer()
        return self._placer


def candidate_filter(nlp: Language, matcher: ActorMatcher) -> SentenceFilter:
    """The sentences worth parsing: an actor name, an agent word (any inflection), a pronoun (first person too) or pair noun."""
    table = coref_table()
    # "we" in a quotation is its speaker; "the parties" names the pair of "party"
    words = lemma_forms(nlp, [*matcher.single_agents, *table.pairs]) | table.resolvable
    return SentenceFilter(nlp, [matcher.names, matcher.multi_agents], words)
