"""Reading inputs into Documents, and rejecting what cannot be coded."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest

from coders.ingest import SUPPORTED_SUFFIXES, discover, document_from_text, make_doc_id, read_input, read_inputs
from schemas.errors import InputError
from schemas.records import Document, Reject

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"
SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"

ENGLISH = (
    "Kazakhstan and Uzbekistan signed an agreement on water sharing in Tashkent on Tuesday, "
    "officials said, after two days of talks between the presidents of the two countries."
)
RUSSIAN = (
    "Президент Узбекистана прибыл в Москву с официальным визитом. Он встретился с президентом России "
    "и обсудил вопросы двустороннего сотрудничества в области безопасности, экономики и энергетики. "
    "Стороны подписали несколько соглашений."
)


def read_one(path: Path, **kwargs: object) -> Document | Reject:
    (result,) = read_input(path, **kwargs)  # type: ignore[arg-type]
    return result


def written(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        ("noise.txt", bytes(range(1, 256)) * 4, "binary"),
        ("empty.txt", b"", "empty"),
        ("blank.txt", b" \n\t\r\n  \n", "empty"),
        ("header-only.txt", b"Publication: Eurasia Daily Monitor Volume: 3 Issue: 77\n\n", "empty"),
        ("russian.txt", RUSSIAN.encode("cp1251"), "not-english"),
        ("russian-utf8.txt", RUSSIAN.encode("utf-8"), "not-english"),
        ("lines.jsonl", b"\n\n", "empty"),
    ],
)
def test_read_input_rejects_with_reason(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    result = read_one(written(tmp_path, name, data))
    assert isinstance(result, Reject)
    assert (result.path, result.reason) == (str(tmp_path / name), reason)
    assert result.message


def test_read_input_rejects_file_deleted_after_discovery(tmp_path: Path) -> None:
    written(tmp_path, "gone.txt", ENGLISH)
    (found,) = discover([tmp_path])
    Path(found).unlink()
    result = read_one(Path(found))
    assert isinstance(result, Reject) and result.reason == "unreadable"


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("latin-1", ENGLISH + " The café in Almaty was closed; the señor left."),
        ("cp1252", ENGLISH + " “Talks were useful,” the minister said — then he left."),
        ("utf-16", ENGLISH),
        ("utf-8-sig", ENGLISH),
        ("utf-32", ENGLISH),
    ],
)
def test_read_input_decodes_other_encodings(tmp_path: Path, encoding: str, text: str) -> None:
    result = read_one(written(tmp_path, "article.txt", text.encode(encoding)))
    assert isinstance(result, Document)
    assert (result.text, result.language) == (text, "en")


def test_read_input_jsonl_keeps_good_lines_and_rejects_the_bad_one() -> None:
    results = list(read_input(DATA / "wire.jsonl"))
    assert [type(r).__name__ for r in results] == ["Document", "Reject", "Document"]
    first, bad, third = results
    assert (first.path, first.input_id, first.doc_date, first.date_source, first.source) == (
        f"{DATA / 'wire.jsonl'}:1",
        "a1",
        date(2010, 1, 2),
        "given",
        "Example Wire",
    )
    assert (bad.path, bad.line, bad.reason) == (str(DATA / "wire.jsonl"), 2, "bad-json")
    assert (third.path, third.input_id, third.url) == (f"{DATA / 'wire.jsonl'}:3", "a3", "https://example.org/a3")


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('["a list"]', "bad-json"),
        ('{"title": "no text"}', "bad-json"),
        ('{"text": "   "}', "bad-json"),
        ('{"text": 42}', "bad-json"),
        ('{"text": "Russia protested.", "title": ["x"]}', "bad-json"),
        ('{"text": "Russia protested.", "date": "last spring"}', "bad-date"),
    ],
)
def test_read_input_jsonl_line_rejects(tmp_path: Path, line: str, reason: str) -> None:
    path = written(tmp_path, "batch.jsonl", '{"text": "Russia protested."}\n' + line + "\n")
    first, second = read_input(path)
    assert isinstance(first, Document)
    assert isinstance(second, Reject) and (second.line, second.reason) == (2, reason)


def test_read_input_html_page_gives_text_and_metadata() -> None:
    result = read_one(DATA / "page.html")
    assert isinstance(result, Document)
    assert result.title == "Georgia and Armenia sign transit accord"
    assert (result.doc_date, result.date_source) == (date(2011, 3, 9), "given")
    assert (result.source, result.byline, result.url) == ("Example News", "Nino Beridze", "https://news.example.org/2011/03/transit")
    assert result.text.split("\n\n") == [
        "Georgia and Armenia signed an agreement on rail transit in Tbilisi on Tuesday, officials of both governments said.",
        "The accord lowers tariffs on freight crossing the border and sets up a joint commission.",
        "Tariffs fall by a fifth.",
        "The commission meets twice a year.",
    ]


def test_read_input_sniffs_html_in_a_text_file(tmp_path: Path) -> None:
    html = f"<!doctype html><html><head><title>Water talks</title></head><body><p>{ENGLISH}</p></body></html>"
    result = read_one(written(tmp_path, "saved.txt", html))
    assert isinstance(result, Document) and (result.title, result.text) == ("Water talks", ENGLISH)


def test_read_input_markdown_front_matter_is_metadata() -> None:
    result = read_one(DATA / "article.md")
    assert isinstance(result, Document)
    assert (result.input_id, result.title, result.source, result.url) == (
        "wire-0042",
        "Ministers meet in Astana",
        "Example Wire",
        "https://example.org/astana",
    )
    assert (result.doc_date, result.date_source) == (date(2009, 5, 14), "given")
    assert result.text == (
        "The foreign ministers of Kazakhstan and Kyrgyzstan met in Astana on Thursday to discuss water sharing "
        "along the Syr Darya.\n\nThe talks were constructive, a spokesman said."
    )


def test_read_input_sidecar_metadata_wins_over_the_header() -> None:
    result = read_one(DATA / "dispatch.txt", default_date=date(2020, 1, 1))
    assert isinstance(result, Document)
    assert (result.input_id, result.title, result.doc_date, result.date_source) == (
        "dispatch-7",
        "Tashkent recalls envoy",
        date(2012, 6, 18),
        "given",
    )


def test_read_input_rejects_a_broken_sidecar(tmp_path: Path) -> None:
    path = written(tmp_path, "story.txt", ENGLISH)
    written(tmp_path, "story.meta.json", "{not json")
    result = read_one(path)
    assert isinstance(result, Reject) and result.reason == "bad-json" and "story.meta.json" in result.message


def test_read_input_edm_header_dates_the_document() -> None:
    result = read_one(DATA / "edm_issue.txt", default_date=date(2020, 1, 1))
    assert isinstance(result, Document)
    assert (result.title, result.source) == ("Ankara and Baku Deepen Defense Ties", "Eurasia Daily Monitor")
    assert (result.doc_date, result.date_source) == (date(2008, 2, 22), "header")
    assert result.text.startswith("Turkey’s defense minister met")


@pytest.mark.parametrize(
    ("data", "expected_paths"),
    [
        (ENGLISH.encode(), ["-"]),
        (b'{"text": "Russia protested."}\n{"text": "China replied."}\n', ["-:1", "-:2"]),
    ],
)
def test_read_input_from_stdin(data: bytes, expected_paths: list[str]) -> None:
    results = list(read_input("-", stdin=io.BytesIO(data)))
    assert [r.path for r in results if isinstance(r, Document)] == expected_paths


@pytest.mark.parametrize(
    ("text", "default", "expected"),
    [
        ("Russia protested on February 6, 2008.", date(2009, 1, 1), (date(2009, 1, 1), "given")),
        ("Russia protested on February 6, 2008.", None, (date(2008, 2, 6), "inferred")),
        ("Date: 2007-05-01\n\nRussia protested.", date(2009, 1, 1), (date(2007, 5, 1), "header")),
        ("Russia protested.", None, (None, "unknown")),
    ],
)
def test_document_from_text_default_date_applies_without_a_date_of_its_own(
    text: str, default: date | None, expected: tuple[date | None, str]
) -> None:
    document = document_from_text(text, path="x.txt", default_date=default)
    assert (document.doc_date, document.date_source) == expected


def test_document_from_text_strips_invisible_characters() -> None:
    document = document_from_text("Rus\u200bsia\u202e protested\r\nloudly.\ufeff", path="x.txt")
    assert document.text == "Russia protested loudly."


@pytest.mark.parametrize(
    "variant",
    [
        "Russia   and China\nsigned a treaty.\n\nIt covers ‘trade’ — and energy.",
        "russia and china signed a treaty. it covers 'trade' - and energy.",
        "Title Line\n\nRussia and China signed a treaty.\r\n\r\nIt covers ‘trade’ – and energy.",
    ],
)
def test_make_doc_id_ignores_whitespace_quotes_dashes_and_case(variant: str) -> None:
    reference = make_doc_id("Russia and China signed a treaty. It covers 'trade' - and energy.")
    assert make_doc_id(document_from_text(variant, path="x").text) == reference
    assert len(reference) == 20


def test_read_inputs_same_article_in_two_files_has_one_doc_id(tmp_path: Path) -> None:
    written(tmp_path, "a.txt", ENGLISH)
    written(tmp_path, "b.txt", "  " + ENGLISH.replace(" ", "\n", 3).replace(", ", ",   ") + "\n\n\n")
    first, second = read_inputs([tmp_path])
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.doc_id == second.doc_id


def test_discover_walks_directories_sorted_skipping_hidden_and_unsupported(tmp_path: Path) -> None:
    for name in ["b.txt", "a/z.md", "a/y.html", "c.jsonl", "notes.csv", ".hidden.txt", ".git/x.txt", "d.meta.json"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        written(tmp_path, name, ENGLISH)
    found = [Path(p).relative_to(tmp_path).as_posix() for p in discover([tmp_path])]
    assert found == ["a/y.html", "a/z.md", "b.txt", "c.jsonl"]


def test_discover_yields_explicit_files_and_stdin(tmp_path: Path) -> None:
    notes = written(tmp_path, "notes.csv", ENGLISH)
    assert list(discover([notes, "-"])) == [notes, "-"]
    assert isinstance(read_one(notes), Document)


def test_discover_missing_path_raises(tmp_path: Path) -> None:
    with pytest.raises(InputError) as raised:
        list(discover([tmp_path / "nowhere"]))
    assert raised.value.reason == "missing"


def test_read_inputs_turns_a_missing_path_into_a_reject_and_goes_on(tmp_path: Path) -> None:
    good = written(tmp_path, "good.txt", ENGLISH)
    results = list(read_inputs([tmp_path / "nowhere", good]))
    assert [(type(r).__name__, getattr(r, "reason", None)) for r in results] == [("Reject", "missing"), ("Document", None)]


def test_supported_suffixes() -> None:
    assert {".txt", ".md", ".html", ".htm", ".jsonl"} == SUPPORTED_SUFFIXES


@pytest.mark.seeds
def test_read_inputs_on_seed_articles() -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS}")
    results = list(read_inputs([SEEDS]))
    assert all(isinstance(r, Document) for r in results)
    assert len(results) == 5
    assert len({r.doc_id for r in results}) == 5
    for document in results:
        assert isinstance(document, Document) and document.language == "en"
        assert "Publication:" not in document.text
        if document.source == "Eurasia Daily Monitor":
            assert document.date_source == "header"
    years = sorted(d.doc_date.year for d in results if isinstance(d, Document) and d.doc_date)
    assert years == [2004, 2004, 2006, 2008]


def test_read_input_jsonl_paths_name_their_lines(tmp_path: Path) -> None:
    lines = [json.dumps({"id": i, "text": f"Russia protested for the {i}th time."}) for i in range(1, 4)]
    path = written(tmp_path, "many.jsonl", "\n".join(lines))
    assert [(d.path, d.input_id) for d in read_input(path)] == [(f"{path}:{i}", str(i)) for i in range(1, 4)]
