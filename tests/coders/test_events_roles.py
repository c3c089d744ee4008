"""Roles the event coder reads across clauses and conjuncts, with our own lexicon: sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from schemas import Document


def events(coder, text: str) -> set[tuple[str, str, str]]:
    """(source, code, target) of the events of one text dated 1 May 2008."""
    document = Document(doc_id="t", path="test", doc_date=dt.date(2008, 5, 1), date_source="given", text=text)
    return {(e.source_actor, e.event_code, e.target_actor) for coded in coder.code([document]) for e in coded.events}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a pronoun subject of a complement clause is the subject of the clause it complements, when they agree
        ("Uzbek President Islam Karimov said he would visit Kazakhstan.", {("UZBGOV", "036", "KAZ")}),
        ("Kazakhstan said it would close its border with Uzbekistan.", {("KAZ", "131", "UZB")}),
        # the passive subject of "was seen to" does the act
        ("Kazakhstan was seen to attack Uzbek border posts.", {("KAZ", "190", "UZBCOP")}),  # border posts are their guards
    ],
)
def test_events_roles_subject_across_clauses(coder, text, expected):
    assert events(coder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an agent shared by conjoined names is one actor per country
        ("The Uzbek and Kazakh foreign ministers criticized Russia.", {("UZBGOV", "111", "RUS"), ("KAZGOV", "111", "RUS")}),
        ("The ambassadors of Uzbekistan and Kazakhstan criticized Russia.", {("UZBGOV", "111", "RUS"), ("KAZGOV", "111", "RUS")}),
        # ... but only by the names of its own phrase: the diplomats are Russian only
        (
            "Kazakh and Uzbek officials and Russian diplomats criticized China.",
            {("KAZGOV", "111", "CHN"), ("UZBGOV", "111", "CHN"), ("RUSGOV", "111", "CHN")},
        ),
        # a list member the parser reads as an apposition names another country, so it is a member
        (
            "Uzbekistan, the Kazakh government, and Russia signed an agreement.",
            {(s, "057", t) for s in ("UZB", "KAZGOV", "RUS") for t in ("UZB", "KAZGOV", "RUS") if s != t},
        ),
        # "the ambassadors of X, Y, Z ...": the parser may take the second name for an apposition of the first
        (
            "Russia's foreign minister met the ambassadors of Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan and Uzbekistan in Moscow on Friday.",
            {("RUSGOV", "040", f"{c}GOV") for c in ("KAZ", "KGZ", "TJK", "TKM", "UZB")},
        ),
        # speaking together is no statement to each other
        ("Kazakhstan and Uzbekistan said on Monday that the talks went well.", set()),
    ],
)
def test_events_roles_compound_actors(coder, text, expected):
    assert events(coder, text) == expected


def test_event_evidence_leaves_out_a_citation_in_parentheses(coder):
    text = "The United States cut military aid to Uzbekistan (Interfax, June 2)."
    document = Document(doc_id="t", path="test", doc_date=dt.date(2004, 6, 3), date_source="given", text=text)
    [event] = [e for coded in coder.code([document]) for e in coded.events]
    assert (event.source_text, event.target_text) == ("United States", "Uzbekistan")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # co-subjects of a statement or a reproach do it side by side, not to each other ...
        ("Britain and Canada voiced concern over the arrests.", set()),
        ("Poland and Lithuania condemned the attack.", set()),
        # ... and what a statement of concern is about is its target
        (
            "Japan and South Korea expressed concern about North Korea's missile launch.",
            {("JPN", "012", "PRK"), ("KOR", "012", "PRK")},
        ),
        ("Germany voiced concern over the election in Georgia.", {("DEU", "012", "GEO")}),
        # ... unless the verb is reciprocal or the sentence says so
        ("Kenya and Ethiopia signed a security pact.", {("KEN", "057", "ETH"), ("ETH", "057", "KEN")}),
        ("Kenya and Ethiopia accused each other of provocations.", {("KEN", "1123", "ETH"), ("ETH", "1123", "KEN")}),
        ("Kenya and Ethiopia traded accusations.", {("KEN", "112", "ETH"), ("ETH", "112", "KEN")}),
        # a target shared by coordinated verbs, and the entry it chooses ("seize" a tanker is seizing property)
        ("France condemned and sanctioned Iran.", {("FRA", "111", "IRN"), ("FRA", "163", "IRN")}),
        ("Iran seized and searched a British tanker.", {("IRN", "1711", "GBR")}),
        # not a verb whose clause names a doer of its own
        ("France protested, and on Monday Germany sanctioned Iran.", {("DEU", "163", "IRN")}),
        # a passive agent shared by coordinated verbs
        (
            "The treaty was negotiated and signed by Egypt and Sudan.",
            {(s, c, t) for s, t in (("EGY", "SDN"), ("SDN", "EGY")) for c in ("046", "057")},
        ),
        # parties named in a modifier of the border or meeting an act is on or at
        ("Five soldiers died in clashes on the Kyrgyz-Tajik border.", {("KGZ", "190", "TJK"), ("TJK", "190", "KGZ")}),
        ("Skirmishes along the border between Armenia and Azerbaijan killed two soldiers.", {("ARM", "190", "AZE"), ("AZE", "190", "ARM")}),
        ("Fighting erupted on the Kyrgyz-Tajik border on Wednesday.", {("KGZ", "190", "TJK"), ("TJK", "190", "KGZ")}),
        ("Migrants were stranded on the Polish-Belarusian border for weeks.", set()),
        # ... but a held exercise is the holder's, whatever border it is near
        ("Tajikistan held military exercises near the Afghan border.", {("TJK", "150", "AFG")}),
        # a demand about one's own citizens is aimed at whoever holds them, never at oneself
        ("Tajikistan demanded the release of a Tajik citizen held in Uzbekistan.", {("TJK", "1053", "UZB")}),
        ("Pakistan demanded the release of Pakistani fishermen.", set()),
        # a participle of reproach whose object describes the one the main verb acts upon
        (
            "Kyrgyzstan closed its border with Tajikistan, accusing its neighbour of provocations.",
            {("KGZ", "160", "TJK"), ("KGZ", "1123", "TJK")},
        ),
        ("Azerbaijan criticised France, accusing the country of arming Armenia.", {("AZE", "111", "FRA"), ("AZE", "112", "FRA")}),
        # ... but not a description of the doer's own people
        (
            "Azerbaijan criticised France, accusing the Azerbaijani opposition of treason.",
            {("AZE", "111", "FRA"), ("AZE", "1125", "AZEOPP")},
        ),
        # "they" of a "where" clause are the subject and object of the clause it hangs on
        (
            "Erdogan received Aliyev in Ankara on Monday, where they signed a defence pact.",
            {("TURGOV", "043", "AZEGOV"), ("TURGOV", "057", "AZEGOV"), ("AZEGOV", "057", "TURGOV")},
        ),
        # a statement coordinated after a call or meeting is made to the one met
        (
            "The Tajik president spoke with Putin by telephone and expressed condolences over the attack.",
            {("TJKGOV", "041", "RUSGOV"), ("TJKGOV", "018", "RUSGOV")},
        ),
        # whom aid is for, where the parser hangs "in aid" or "in Pakistan" on the verb
        ("Japan pledged 3 million dollars in aid for earthquake survivors in Morocco.", {("JPN", "033", "MAR")}),
        ("The EU pledged 20 million euros in aid for flood victims in Bangladesh.", {("IGOEUREEC", "033", "BGD")}),
        ("The EU pledged aid in Brussels for flood victims.", set()),
        # talks a mediation between two parties went on in are the mediation itself, not the mediators' own talks
        (
            "Norway and Turkey mediated between Russia and Ukraine in the talks in Istanbul.",
            {(s, "045", t) for s in ("NOR", "TUR") for t in ("RUS", "UKR")},
        ),
        # one act by a country and by its government: the more specific actor is kept
        ("The Kazakh government and Kazakhstan signed a deal with China.", {("KAZGOV", "057", "CHN")}),
    ],
)
def test_events_roles_shared_across_coordination_and_settings(coder, text, expected):
    assert events(coder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "be to" announces the act
        ("The Tajik president is to visit Kazakhstan next week.", {("TJKGOV", "036", "KAZ")}),
        # ... and so is what an announced act is for
        (
            "The presidents of Kyrgyzstan and Tajikistan are to meet in Khujand to sign an agreement.",
            {(s, c, t) for s, t in (("KGZGOV", "TJKGOV"), ("TJKGOV", "KGZGOV")) for c in ("036", "032")},
        ),
        # "will not" a cooperative act is refusing it
        ("Serbia will not recognize Kosovo, the president said.", {("SRB", "120", "KSV")}),
        # ... a violent one is no event at all
        ("Russia will not attack Ukraine, the Kremlin said.", set()),
        # a bare "in defiance of" phrase says how the clause's subject acted (not "in protest": no demonstration of its own)
        ("North Korea tested a missile in defiance of United Nations sanctions.", {("PRK", "128", "IGOUNO")}),
        ("Qatar recalled its ambassador in protest against China's policy.", {("QAT", "161", "CHN")}),
        # the subject of a copula whose predicate an infinitive describes does its act
        ("Kazakhstan was the first state to sign the treaty with Russia.", {("KAZ", "057", "RUS")}),
        # where a meeting happened is not whom it was with
        ("The Kazakh president met business leaders on the sidelines of the U.N. General Assembly.", set()),
        # the object of the verb an infinitive complements does its act
        ("The killing of a student prompted Italy to recall its ambassador from Cairo.", {("ITA", "161", "EGYGOV")}),
        ("Kazakhstan urged Russia to release the sailors.", {("KAZ", "0253", "RUS")}),
    ],
)
def test_events_roles_intent_and_refusal(coder, text, expected):
    assert events(coder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # goods: a ban on a flow of goods is aimed at the goods' country, never the doer's own
        ("Kazakhstan imposed a ban on imports of Russian wheat.", {("KAZ", "163", "RUS")}),
        ("Kazakhstan imposed a ban on imports of Kazakh wheat.", set()),
        # event-place: the country an event took place in, not the doer's own, and not for a topic verb
        ("Kazakhstan criticized the election in Kazakhstan.", set()),
        ("Uzbekistan and Kazakhstan discussed the election in Kyrgyzstan.", {("UZB", "040", "KAZ"), ("KAZ", "040", "UZB")}),
        # partner: only a topic verb sharing the subject of the visit is held with the one visited
        (
            "Putin hosted Karimov in Moscow, and Nazarbayev discussed trade with Bakiyev.",
            {("RUSGOV", "043", "UZBGOV"), ("KAZGOV", "040", "KGZGOV")},
        ),
        # credited: the one thanked hosted the talks; the thankers held none with each other
        ("Russia and China thanked Kazakhstan for hosting the talks.", {("RUS", "051", "KAZ"), ("CHN", "051", "KAZ")}),
    ],
)
def test_events_roles_r3_precision(coder, text, expected):
    assert events(coder, text) == expected
