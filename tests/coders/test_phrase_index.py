"""PhraseIndex: written phrases found in a Doc or Span by exact spelling, whatever spaCy's split."""

from __future__ import annotations

from coders.phrase_index import PhraseIndex


def test_a_phrase_matches_the_tokens_it_is_written_over(nlp) -> None:
    index = PhraseIndex([("Bashar al-Assad", 1), ("Ban Ki-moon", 2), ("U.S.", 3)])
    doc = nlp.make_doc("Ban Ki-moon met Bashar al-Assad and U.S. envoys.")
    found = {(m, doc[s:e].text) for m, s, e in index(doc)}
    assert found == {(2, "Ban Ki-moon"), (1, "Bashar al-Assad"), (3, "U.S.")}


def test_case_is_kept_and_a_longer_phrase_is_found_beside_its_start(nlp) -> None:
    index = PhraseIndex([("Security Council", 1), ("UN Security Council", 2), ("Chad", 3)])
    doc = nlp.make_doc("The UN Security Council met; chad is a name, Chad a country.")
    found = sorted((m, doc[s:e].text) for m, s, e in index(doc))
    assert found == [(1, "Security Council"), (2, "UN Security Council"), (3, "Chad")]


def test_a_span_is_searched_alone_with_offsets_in_the_doc(nlp) -> None:
    index = PhraseIndex([("Kazakhstan", 1)])
    doc = nlp.make_doc("Uzbekistan signed. Kazakhstan's envoy agreed.")
    span = doc[3:]
    assert [(m, doc[s:e].text) for m, s, e in index(span)] == [(1, "Kazakhstan")]
    assert index(doc[:3]) == []


def test_a_phrase_added_twice_keeps_its_first_id() -> None:
    index = PhraseIndex([("NATO", 1), ("NATO", 2), ("  ", 3)])
    assert len(index) == 1


def test_ignoring_case_matches_a_dictionarys_capitals_in_any_writing(nlp) -> None:
    index = PhraseIndex([("AL-QAEDA", 1), ("K.U.", 2)], ignore_case=True)
    doc = nlp.make_doc("Al-Qaeda fighters and K.U. staff met; al-qaeda and k.u. too.")
    found = sorted((m, doc[s:e].text) for m, s, e in index(doc))
    assert found == [(1, "Al-Qaeda"), (1, "al-qaeda"), (2, "K.U."), (2, "k.u.")]


def test_ignoring_case_keeps_offsets_where_a_letter_lowercases_to_two(nlp) -> None:
    index = PhraseIndex([("izmir", 1)], ignore_case=True)
    doc = nlp.make_doc("İstanbul and Izmir")  # "İ".lower() is two characters: the text is lowered window by window
    assert [(m, doc[s:e].text) for m, s, e in index(doc)] == [(1, "Izmir")]
