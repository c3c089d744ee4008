"""Header lines read off the top of an article, and the article's date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from coders.metadata import Header, document_date, nth_weekday, split_header, volume_year

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"
EDM_BODY = "Karimov met Putin in Moscow on February 6.\n\nThe talks covered security."


@pytest.mark.parametrize(
    ("text", "fields"),
    [
        (
            "Publication: Eurasia Daily Monitor Volume: 3 Issue: 58\n\n" + EDM_BODY,
            {"source": "Eurasia Daily Monitor", "volume": 3, "issue": 58},
        ),
        (
            "Bishkek Weighs Its Options\n\nPublication: Eurasia Daily Monitor Volume: 1 Issue: 36\n\n" + EDM_BODY,
            {"title": "Bishkek Weighs Its Options", "source": "Eurasia Daily Monitor", "volume": 1, "issue": 36},
        ),
        ("Signs of a Thaw\n\nBy Anna Petrova\n\n" + EDM_BODY, {"title": "Signs of a Thaw", "byline": "Anna Petrova"}),
        ("By John Smith, Reuters\n\n" + EDM_BODY, {"byline": "John Smith", "source": "Reuters"}),
        ("BY JANE DOE, Moscow correspondent\n\n" + EDM_BODY, {"byline": "JANE DOE"}),
        ("September 11, 2006\n\n" + EDM_BODY, {"date": date(2006, 9, 11)}),
        ("Monday, September 11, 2006 10:32 AM EST\n\n" + EDM_BODY, {"date": date(2006, 9, 11)}),
        (
            "Date: 2008-02-11\nSource: Interfax\nTitle: Talks in Moscow\n\n" + EDM_BODY,
            {"date": date(2008, 2, 11), "source": "Interfax", "title": "Talks in Moscow"},
        ),
        ("URL: https://example.org/a\n" + EDM_BODY, {"url": "https://example.org/a"}),
        ("MOSCOW, Feb. 6 (Reuters) - " + EDM_BODY, {"source": "Reuters", "dateline": "MOSCOW"}),
        ("NUKUS, May 5 - " + EDM_BODY, {"dateline": "NUKUS"}),
        # a story filed from two cities
        ("MOSCOW/KYIV, March 3 (Reuters) - " + EDM_BODY, {"source": "Reuters", "dateline": "MOSCOW/KYIV"}),
        ("WASHINGTON/SANAA, Jan 12 - " + EDM_BODY, {"dateline": "WASHINGTON/SANAA"}),
        # an agency that writes its name in lower case
        ("SONGEA, Tanzania, Nov 1 (dpa) - " + EDM_BODY, {"source": "dpa", "dateline": "SONGEA"}),
    ],
)
def test_split_header_reads_and_removes_header_lines(text: str, fields: dict[str, object]) -> None:
    header = split_header(text)
    assert header.model_dump(exclude={"body"}, exclude_defaults=True) == fields
    assert header.body == EDM_BODY


@pytest.mark.parametrize(
    "text",
    [
        "By Monday, Russia had withdrawn its troops.\n\nTalks resumed.",
        "Russia and Georgia signed a ceasefire on Tuesday after five days of fighting in South Ossetia.\n\nMore.",
        "Russia condemned the attack",
        "Date of the talks remains open, officials said.\n\nMore.",
    ],
)
def test_split_header_leaves_ordinary_first_lines_in_the_body(text: str) -> None:
    header = split_header(text)
    assert header.model_dump(exclude={"body"}, exclude_defaults=True) == {}
    assert header.body == text


def test_split_header_keeps_the_edm_line_out_of_the_first_sentence() -> None:
    header = split_header("Publication: Eurasia Daily Monitor Volume: 5 Issue: 91\n" + EDM_BODY)
    assert header.body.startswith("Karimov met Putin")
    assert "Publication" not in header.body and "Issue" not in header.body


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Russia and China\nsigned a treaty.\n\n\n\nIt covers trade.", "Russia and China signed a treaty.\n\nIt covers trade."),
        ("The inter-\nnational monitors left.", "The inter-national monitors left."),
        (
            "Talks ended.\n> Map of the region\nIt is known that the issue was discussed.",
            "Talks ended.\n\nMap of the region\n\nIt is known that the issue was discussed.",
        ),
        ("Agreed points:\n- tariffs fall\n* a commission meets", "Agreed points:\n\ntariffs fall\n\na commission meets"),
        ("  Spaces\t\tand\u00a0tabs   collapse.  ", "Spaces and tabs collapse."),
        ("A" * 120 + ".\n" + "B" * 120 + ".", "A" * 120 + ".\n\n" + "B" * 120 + "."),
    ],
)
def test_split_header_tidies_paragraphs(text: str, body: str) -> None:
    assert split_header(text).body == body


def edm(volume: int, issue: int | None = None) -> Header:
    return Header(source="Eurasia Daily Monitor", volume=volume, issue=issue)


@pytest.mark.parametrize(
    ("header", "body", "given", "default", "expected"),
    [
        (edm(3), EDM_BODY, date(2006, 9, 11), None, (date(2006, 9, 11), "given")),
        (Header(date=date(2006, 9, 11)), EDM_BODY, None, date(2020, 1, 1), (date(2006, 9, 11), "header")),
        (edm(5), EDM_BODY, None, date(2020, 1, 1), (date(2008, 2, 6), "header")),
        (edm(3), "It ended on September 6 (Interfax, September 9).", None, None, (date(2006, 9, 9), "header")),
        (edm(5, 27), "No dates here.", None, None, (date(2008, 2, 6), "header")),
        (edm(1), "No dates here.", None, date(2004, 5, 5), (date(2004, 5, 5), "given")),
        (Header(source="Interfax", volume=5), "No dates here.", None, None, (None, "unknown")),
        (Header(), EDM_BODY, None, date(2008, 2, 11), (date(2008, 2, 11), "given")),
        (Header(), "Signed on June 2, 2004 and on May 5, 2003.", None, None, (date(2004, 6, 2), "inferred")),
        (Header(), "The summit will open on June 15, 2010.", None, None, (None, "unknown")),
        (Header(), EDM_BODY, None, None, (None, "unknown")),
    ],
)
def test_document_date_follows_precedence(
    header: Header, body: str, given: date | None, default: date | None, expected: tuple[date | None, str]
) -> None:
    assert document_date(header, body, given=given, default_date=default) == expected


@pytest.mark.parametrize(("volume", "year"), [(1, 2004), (3, 2006), (5, 2008)])
def test_volume_year_of_eurasia_daily_monitor(volume: int, year: int) -> None:
    assert volume_year(edm(volume)) == year
    assert document_date(edm(volume), "It ended on June 2.", given=None, default_date=None) == (date(year, 6, 2), "header")


@pytest.mark.parametrize(
    ("year", "n", "expected"),
    [
        (2008, 1, date(2008, 1, 1)),
        (2008, 27, date(2008, 2, 6)),
        (2006, 6, date(2006, 1, 9)),
        (2004, 262, date(2004, 12, 31)),
        (2004, 263, None),
    ],
)
def test_nth_weekday_counts_monday_to_friday(year: int, n: int, expected: date | None) -> None:
    assert nth_weekday(year, n) == expected


@pytest.mark.seeds
def test_split_header_on_seed_articles() -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS}")
    volumes = set()
    for path in sorted(SEEDS.glob("*.txt")):
        header = split_header(path.read_text(encoding="utf-8"))
        first_paragraph = header.body.split("\n\n")[0]
        assert not first_paragraph.startswith(("Publication", "By ")), path.name
        assert "Volume:" not in header.body and "Issue:" not in header.body, path.name
        assert header.title is None or header.title not in first_paragraph, path.name
        if header.volume is not None:
            volumes.add(header.volume)
            doc_date, source = document_date(header, header.body, given=None, default_date=None)
            assert (doc_date.year if doc_date else None, source) == (2003 + header.volume, "header"), path.name
    assert volumes == {1, 3, 5}
