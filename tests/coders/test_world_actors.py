"""The world's actors in coded sentences: organisations, peoples, world leaders by date, dated states and groups."""

from __future__ import annotations

import datetime as dt

import pytest


def coded(coder, text: str, on: str) -> set[tuple[str, str, str]]:
    """The (source, target, code) events the coder takes from one dated sentence."""
    from coders.ingest import document_from_text

    document = document_from_text(text, path="case", default_date=dt.date.fromisoformat(on))
    return {(e.source_actor, e.target_actor, e.event_code) for c in coder.code([document]) for e in c.events}


@pytest.mark.parametrize(
    ("text", "on", "events"),
    [
        # an organisation acting on a country, by its CAMEO code
        ("Amnesty International criticized Egypt.", "2022-02-01", {("NGOHRIAMN", "EGY", "111")}),
        ("The Security Council condemned North Korea.", "2017-05-01", {("IGOUNO", "PRK", "111")}),
        # a name that is also an agent word is the country's when a country modifies it
        ("Russia's Security Council condemned Ukraine.", "2017-05-01", {("RUSGOV", "UKR", "111")}),
        # a war crimes tribunal in The Hague is the UN's, not the Dutch judiciary
        ("A war crimes tribunal in The Hague sentenced a Bosnian Serb general.", "2001-05-01", {("IGOUNOJUDWCT", "SRBMIL", "116")}),
        # a world leader is their country's government while in office, a former official after
        ("Erdogan criticized Israel.", "2020-06-01", {("TURGOV", "ISR", "111")}),
        ("Merkel praised Macron.", "2015-02-01", {("DEUGOV", "FRA", "051")}),
        ("Merkel praised Macron.", "2025-02-01", {("DEUELI", "FRAGOV", "051")}),
        # of two offices held at once the one the table lists first wins: the crown prince is GOV, not his defence post
        ("Mohammed bin Salman praised Pakistan.", "2019-02-18", {("SAUGOV", "PAK", "051")}),
        ("Mohammed bin Salman praised Pakistan.", "2016-02-18", {("SAUMIL", "PAK", "051")}),
        # the Taliban are insurgents until 14 August 2021 and Afghanistan's de facto government after
        ("Taliban officials met Uzbek officials in Termez.", "2019-05-01", {("AFGREB", "UZBGOV", "040")}),
        ("Taliban officials met Uzbek officials in Termez.", "2023-05-01", {("AFGGOV", "UZBGOV", "040")}),
        # peoples as actors
        ("The Kurds accused Turkey of shelling their villages.", "2019-05-01", {("KUR", "TUR", "1123")}),
        ("The Rohingya accused Myanmar of genocide.", "2023-02-01", {("ROH", "MMR", "1124")}),
        # a people's adjective names the people; a country beside it wins
        ("A Turkish court sentenced a Kurdish journalist.", "2022-12-01", {("TURJUD", "KUR", "116")}),
        ("Iraqi Kurdish forces attacked Islamic State militants.", "2016-10-01", {("IRQMIL", "IMGMUSISI", "190")}),
        ("A Tigrayan delegation met Ethiopian officials.", "2023-11-01", {("TIR", "ETHGOV", "040")}),
        # states of the past, and a name the date gives to one state or its successor
        ("The Soviet Union condemned the United States.", "1983-05-01", {("SUN", "USA", "111")}),
        ("Moscow accused Washington of provocations.", "1983-05-01", {("SUNGOV", "USAGOV", "1123")}),
        ("Moscow accused Washington of provocations.", "2003-05-01", {("RUSGOV", "USAGOV", "1123")}),
        ("Yugoslavia accused Albania of aggression.", "1990-02-01", {("YUG", "ALB", "1123")}),
        ("Yugoslavia accused NATO of aggression.", "1999-02-01", {("SCG", "IGOWSTNAT", "1123")}),
        # armed groups with their country, and the military's machines as MIL
        ("Boko Haram militants attacked a village in Niger.", "2015-02-01", {("NGAREB", "NER", "190")}),
        ("Houthi rebels fired missiles at Saudi Arabia.", "2023-02-01", {("YEMREB", "SAU", "190")}),
        ("Russian warplanes bombed rebel positions in Syria.", "2023-02-01", {("RUSMIL", "SYR", "195")}),
        (
            "Turkish drones struck PKK targets in Iraq.",
            "2023-02-01",
            {("TURMIL", "TURREB", "1952")},
        ),  # the PKK is struck; Iraq is the place
        # a paramilitary turned on the state, a movement by the year, a private army by its bare name
        ("The Rapid Support Forces attacked Sudan's army in Khartoum.", "2023-05-01", {("SDNREB", "SDNMIL", "190")}),
        ("The TPLF accused Eritrea of shelling its towns.", "2021-06-01", {("ETHREB", "ERI", "1123")}),
        ("M23 rebels attacked Congolese troops near Goma.", "2023-02-01", {("CODREB", "CODMIL", "190")}),
        ("Wagner fighters attacked Ukrainian troops near Bakhmut.", "2023-02-01", {("RUSUAF", "UKRMIL", "190")}),
        ("The Saudi-led coalition struck Houthi positions in Hodeidah.", "2019-03-01", {("SAUMIL", "YEMREB", "190")}),
        # the Pope, whoever holds the office on the day, is the Vatican's
        ("The Pope criticized Russia.", "2023-02-01", {("VATGOV", "RUS", "111")}),
        ("Pope Benedict praised Germany.", "2008-02-01", {("VATGOV", "DEU", "051")}),
        # a surname two holders share names the one in office on the date (Rafik Hariri, then his son Saad)
        ("Hariri met Chirac in Paris.", "1996-05-01", {("LBNGOV", "FRAGOV", "040")}),
        ("Hariri criticized Syria.", "2005-06-01", {("LBNELI", "SYR", "111")}),
        ("Hariri criticized Hezbollah.", "2019-05-01", {("LBNGOV", "LBNREB", "111")}),
        # a region as an actor, by CAMEO's region code
        ("Russia threatened Europe.", "2022-03-01", {("RUS", "EUR", "130")}),
        ("European leaders condemned Russia.", "2022-03-01", {("EUR", "RUS", "111")}),
        # "Brussels" as an actor is the EU; as a meeting's place it stays a place
        ("Brussels criticized Hungary over its media law.", "2021-03-01", {("IGOEUREEC", "HUN", "111")}),
        ("Vucic met Kurti in Brussels.", "2023-02-27", {("SRBGOV", "KSVGOV", "040")}),
        ("Putin accused the West of provocations.", "2022-03-01", {("RUSGOV", "WST", "1123")}),
        # a named national institution is its country's, and "WHO" in capitals is the World Health Organization
        ("The Knesset condemned Iran.", "2022-03-01", {("ISRLEG", "IRN", "111")}),
        ("The Jogorku Kenesh ratified the border agreement with Uzbekistan.", "2023-01-01", {("KGZLEG", "UZB", "057")}),
        ("The IDF struck Hamas targets in Gaza.", "2023-10-20", {("ISRMIL", "PSEREBHMS", "190")}),
        ("The WHO criticized Brazil.", "2021-03-01", {("IGOUNOHLHWHO", "BRA", "111")}),
        # the military's ships and air defences are MIL
        ("Chinese coast guard ships attacked Philippine boats.", "2023-08-01", {("CHNMIL", "PHL", "190")}),
        ("Russian air defences shot down Ukrainian drones.", "2023-08-01", {("RUSMIL", "UKRMIL", "190")}),
    ],
)
def test_world_actors_are_coded_by_their_cameo_codes_on_the_date(coder, text: str, on: str, events: set) -> None:
    assert coded(coder, text, on) == events


@pytest.mark.parametrize(
    ("text", "on"),
    [
        ("Michael Jordan criticized the league.", "2023-02-01"),  # a surname that is a country is no actor
        ("Chad Smith accused the government of lying.", "2024-02-01"),  # a first name that is a country neither
    ],
)
def test_names_of_people_that_are_country_names_code_no_country(coder, text: str, on: str) -> None:
    assert not {e for e in coded(coder, text, on) if "JOR" in e[0] + e[1] or "TCD" in e[0] + e[1]}


@pytest.mark.parametrize(
    ("text", "on"),
    [
        ("Officials who criticized Brazil were fired.", "2021-03-01"),  # "who" is no WHO
        ("Putin told TASS that Russia would respond.", "2023-10-20"),  # a news agency quoted is no actor
        ("Leaders of Europe's largest economies met in Brussels.", "2023-05-10"),  # a region as a possessor only
    ],
)
def test_words_like_world_actors_code_nothing(coder, text: str, on: str) -> None:
    assert coded(coder, text, on) == set()
