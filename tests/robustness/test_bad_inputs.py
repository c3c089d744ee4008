"""Bad inputs in a batch: each one rejected with its reason (or decoded and coded), the rest of the batch coded.

Every test runs the batch loop of `dyadflow run` (dyadflow.batches.run, coding in this process) over a folder holding the bad input and one good article, then
reads the `rejects` view and the run summary, and checks the good article was stored with its events.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import random
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from coders.ingest import document_from_text
from dyadflow import steps
from schemas.records import Document, Reject
from tests.robustness.conftest import GOOD_ARTICLE, GOOD_NAME

SECONDS = 55  # about how long this module's tests take: tests/conftest.py starts the longest first

# Seconds one pathological document may take to split and code (measured: a few seconds at most).
PATHOLOGICAL_SECONDS = 30.0

ARTICLE = (
    "Kazakhstan criticized Uzbekistan on Monday for closing the border crossing near Saryagash.\n\n"
    "Russia urged both countries to settle the dispute through talks."
)


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("article.txt", ARTICLE)
    return buffer.getvalue()


# ------------------------------------------------------------------ binary


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + random.Random(1).randbytes(4000)),
        ("archive.txt", _zip_bytes()),
        ("program.md", b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 8),
        ("controls.txt", bytes(range(1, 32)) * 200),
        ("compressed.html", gzip.compress(ARTICLE.encode() * 20, mtime=0)),
        ("bad-utf16.txt", b"\xff\xfe" + b"\x00\xd8" * 50),
    ],
)
def test_bad_inputs_binary_file_is_rejected_and_the_batch_coded(run_batch, name: str, data: bytes) -> None:
    outcome = run_batch({name: data})
    outcome.assert_rejected_exactly({(name, None, "binary")})
    outcome.assert_good_article_coded()
    assert outcome.summary.documents_new == 1


# ------------------------------------------------------------------ empty


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("empty.txt", b""),
        ("blank.txt", b" \n\t\r\n  \n"),
        ("wide-spaces.md", "\u00a0\u2003\u3000\n".encode()),
        ("invisible.txt", "\ufeff\u200b\u200d\u2060".encode()),
        ("blank-utf16.txt", "  \r\n \t".encode("utf-16")),
        ("script-only.html", b"<html><head><script>var x = 1;</script></head><body><nav>Home</nav></body></html>"),
        ("blank-lines.jsonl", b"\n \n\n"),
        ("header-only.txt", b"Publication: Eurasia Daily Monitor Volume: 3 Issue: 58\n\n"),
    ],
)
def test_bad_inputs_empty_file_is_rejected_and_the_batch_coded(run_batch, name: str, data: bytes) -> None:
    outcome = run_batch({name: data})
    outcome.assert_rejected_exactly({(name, None, "empty")})
    outcome.assert_good_article_coded()


# ------------------------------------------------------------------ encodings


# One batch of an article in each encoding: each is decoded and coded, and the batch goes on.
ENCODED = [
    (
        "cp1252",
        "Kazakhstan’s Foreign Ministry criticized Uzbekistan on Monday, calling the closure “unacceptable” — "
        "a café owner in Saryagash agreed.",
    ),
    (
        "latin-1",
        "Kazakhstan criticized Uzbekistan on Monday, calling the closure «unacceptable»; a café owner in "
        "Saryagash said the señor from Tashkent left.",
    ),
    ("utf-16", "Kazakhstan’s Foreign Ministry criticized Uzbekistan on Monday — “unacceptable,” said Ербол Сауранбаев."),
    ("utf-16-le", "Kazakhstan criticized Uzbekistan on Monday for closing the border crossing near Saryagash."),
    ("utf-32", "Kazakhstan criticized Uzbekistan on Monday, the café owners of Saryagash said."),
    ("utf-8-sig", "Kazakhstan’s Foreign Ministry criticized Uzbekistan on Monday — “unacceptable.”"),
]


def test_bad_inputs_other_encodings_are_decoded_and_coded(run_batch) -> None:
    files = {f"article-{encoding}.txt": text for encoding, text in ENCODED}
    outcome = run_batch({name: text.encode(name[len("article-") : -len(".txt")]) for name, text in files.items()})
    outcome.assert_rejected_exactly(set())
    for name, text in files.items():
        assert outcome.documents()[name] == text, name
        assert ("KAZ", "111", "UZB") in {(s[:3], code, t[:3]) for s, code, t in outcome.events_of(name)}, name
    outcome.assert_good_article_coded()


# ------------------------------------------------------------------ size


REPORT_FILLER = (
    "Markets were calm on the day, and trading volumes stayed close to the average of the previous month. "
    "Rain fell over the northern valleys while temperatures in the lowlands remained mild for the season."
)


def _long_article(chars: int, *, separator: str = "\n\n", every: int = 1) -> str:
    """A long report of about `chars` characters: the good article's body, on varying dates, in one paragraph
    of every `every`, the others about markets and weather (no actor, so the parser skips them)."""
    body = GOOD_ARTICLE.split("\n\n", 2)[2].replace("\n\n", " ").strip()
    parts, size = [], 0
    while size < chars:
        number = len(parts)
        parts.append(body.replace("January 18", f"January {1 + number % 28}") if number % every == 0 else REPORT_FILLER)
        size += len(parts[-1]) + len(separator)
    return separator.join(parts)


def _check_sentence_offsets(outcome) -> None:  # type: ignore[no-untyped-def]
    """Every stored sentence is the slice of its document's text its offsets say."""
    texts = dict(outcome.rows("select doc_id, text from documents"))
    sentences = outcome.rows("select doc_id, start_char, end_char, text from sentences")
    assert sentences and all(texts[doc_id][start:end] == text for doc_id, start, end, text in sentences)


def _coded_copies(outcome, name: str, text: str) -> None:  # type: ignore[no-untyped-def]
    """Each copy of the good article's body in a long text was coded, the last ones included."""
    copies = text.count("Uzbekistan cut gas supplies")
    events = outcome.events_of(name)
    assert len(events) >= 2 * copies
    ((last,),) = outcome.rows(
        "select max(s.end_char) from events e join sentences s using (doc_id, sentence_index) "
        "join documents d using (doc_id) where d.path like ?", [f"%{name}"]
    )  # fmt: skip
    assert last > text.rindex("Uzbekistan cut gas supplies")  # the last copy too, however far into the text


def test_bad_inputs_long_paragraph_is_cut_into_chunks_and_coded(run_batch) -> None:
    text = _long_article(250_000, separator=" ", every=3)  # one paragraph, cut into chunks of at most 100,000 characters
    outcome = run_batch({"long.txt": text})
    outcome.assert_rejected_exactly(set())
    assert outcome.documents()["long.txt"] == text
    _coded_copies(outcome, "long.txt", text)
    _check_sentence_offsets(outcome)
    outcome.assert_good_article_coded()


@pytest.mark.slow
def test_bad_inputs_text_beyond_spacys_limit_is_coded_not_rejected(run_batch) -> None:
    text = _long_article(1_100_000, every=50)  # beyond spaCy's own limit of 1,000,000 characters
    started = time.perf_counter()
    outcome = run_batch({"huge.txt": text})
    seconds = time.perf_counter() - started
    outcome.assert_rejected_exactly(set())
    assert outcome.documents()["huge.txt"] == text
    _coded_copies(outcome, "huge.txt", text)
    _check_sentence_offsets(outcome)
    outcome.assert_good_article_coded()
    print(f"\n1.1 MB text: {outcome.summary.sentences} sentences, {outcome.summary.events} events in {seconds:.0f} s")


# ------------------------------------------------------------------ HTML


PAGE = """<!DOCTYPE html>
<html><head>
<title>Border closed | Steppe News</title>
<meta property="og:site_name" content="Steppe News">
<meta property="article:published_time" content="2013-04-02T08:00:00Z">
<style>p { color: red; }</style>
<script>var tracking = "Russia criticized Ukraine";</script>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Border closed</h1>
<p>Kazakhstan criticized Uzbekistan on Monday for closing the border crossing near Saryagash &amp; Zhibek Zholy.</p>
<p>Russia urged both countries to settle the dispute through <b>talks</b>.
</article>
<footer>© Steppe News. Subscribe now!</footer>
</body></html>
"""


def test_bad_inputs_html_page_is_read_as_its_article_text(run_batch) -> None:
    outcome = run_batch({"page.html": PAGE})
    outcome.assert_rejected_exactly(set())
    assert outcome.documents()["page.html"] == (
        "Kazakhstan criticized Uzbekistan on Monday for closing the border crossing near Saryagash & Zhibek Zholy.\n\n"
        "Russia urged both countries to settle the dispute through talks."
    )
    ((title, source, doc_date),) = outcome.rows("select title, source, doc_date::VARCHAR from documents where path like '%page.html'")
    assert (title, source, doc_date) == ("Border closed", "Steppe News", "2013-04-02")
    assert ("KAZ", "111", "UZB") in {(s[:3], code, t[:3]) for s, code, t in outcome.events_of("page.html")}
    outcome.assert_good_article_coded()


# ------------------------------------------------------------------ JSONL


def test_bad_inputs_jsonl_bad_lines_are_rejected_by_line_number_and_good_lines_kept(run_batch) -> None:
    lines = [
        '{"id": "w1", "date": "2013-04-01", "text": "Kazakhstan criticized Uzbekistan for closing the border."}',
        '{"id": "w2", "text": "Russia urged',  # cut off mid-line
        '["a", "list"]',
        "",
        '{"id": "w4", "title": "no text"}',
        '{"id": "w5", "text": 42}',
        '{"id": "w6", "text": "Russia urged talks.", "date": "some day last spring"}',
        "not json at all",
        '{"id": "w8", "date": "2013-04-03", "text": "Russia urged Kazakhstan and Uzbekistan to settle the dispute through talks."}',
    ]
    outcome = run_batch({"wire.jsonl": "\n".join(lines) + "\n"})
    outcome.assert_rejected_exactly(
        {
            ("wire.jsonl", 2, "bad-json"),
            ("wire.jsonl", 3, "bad-json"),
            ("wire.jsonl", 5, "bad-json"),
            ("wire.jsonl", 6, "bad-json"),
            ("wire.jsonl", 7, "bad-date"),
            ("wire.jsonl", 8, "bad-json"),
        }
    )
    assert {"wire.jsonl:1", "wire.jsonl:9"} <= set(outcome.documents())
    assert outcome.events_of("wire.jsonl:1") and outcome.events_of("wire.jsonl:9")
    assert outcome.summary.documents_new == 3
    outcome.assert_good_article_coded()


# ------------------------------------------------------------------ duplicates


def test_bad_inputs_same_article_under_two_names_is_one_document(run_batch) -> None:
    retyped = GOOD_ARTICLE.replace("  ", " ").replace("\n\n", "\n\n\n").replace("Uzbek border", "Uzbek  border") + "\n\n"
    json_line = '{"text": ' + json.dumps(GOOD_ARTICLE) + "}\n"
    outcome = run_batch({"copy/same.txt": GOOD_ARTICLE, "copy/retyped.md": retyped, "wire.jsonl": json_line})
    outcome.assert_rejected_exactly(set())
    summary = outcome.summary
    assert (summary.inputs_seen, summary.documents_new, summary.documents_skipped) == (4, 1, 3)
    assert outcome.rows("select count(*), count(distinct doc_id) from documents") == [(1, 1)]
    (events,) = outcome.rows("select count(*) from events")[0]
    assert events == summary.events and outcome.rows("select count(distinct event_id) from events") == [(events,)]


def test_bad_inputs_second_run_of_the_same_batch_adds_nothing(run_batch) -> None:
    first = run_batch({"other.txt": ARTICLE})
    second = run_batch({})
    assert (second.summary.documents_new, second.summary.documents_skipped, second.summary.events) == (0, 2, 0)
    assert second.rows("select count(*), count(distinct doc_id) from documents") == [(2, 2)]
    assert second.rows("select count(*) from events") == [(first.summary.events,)]


# ------------------------------------------------------------------ files that go away


def test_bad_inputs_file_that_disappears_or_turns_unreadable_mid_run_is_rejected(run_batch, monkeypatch) -> None:
    read_inputs = steps.read_inputs

    def sabotaged(paths, **kwargs) -> Iterator[Document | Reject]:  # type: ignore[no-untyped-def]
        """The real reader; once it has listed the folder and read the first file, three files change under it."""
        for number, item in enumerate(read_inputs(paths, **kwargs)):
            if number == 0:
                folder = Path(paths[0])
                (folder / "b-gone.txt").unlink()
                (folder / "c-fifo.txt").unlink()
                os.mkfifo(folder / "c-fifo.txt")  # reading a pipe would wait for a writer forever
                (folder / "d-folder.txt").unlink()
                (folder / "d-folder.txt").mkdir()
            yield item

    monkeypatch.setattr(steps, "read_inputs", sabotaged)
    files = {"a-first.txt": ARTICLE, "b-gone.txt": "Russia criticized Ukraine.", "c-fifo.txt": "Iran criticized Iraq.",
             "d-folder.txt": "China criticized Japan.", "e-last.txt": "Kazakhstan urged Kyrgyzstan to reopen the border."}  # fmt: skip
    outcome = run_batch(files)
    outcome.assert_rejected_exactly({("b-gone.txt", None, "unreadable"), ("c-fifo.txt", None, "unreadable"),
                                     ("d-folder.txt", None, "unreadable")})  # fmt: skip
    assert {"a-first.txt", "e-last.txt", GOOD_NAME} == set(outcome.documents())
    outcome.assert_good_article_coded()


def test_bad_inputs_dangling_link_and_special_file_are_rejected(run_batch, tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    (inputs / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(inputs / "pipe.txt")
    (inputs / "device.txt").symlink_to("/dev/zero")  # endless bytes: must not be read
    outcome = run_batch({})
    outcome.assert_rejected_exactly({("dangling.txt", None, "unreadable"), ("pipe.txt", None, "unreadable"),
                                     ("device.txt", None, "unreadable")})  # fmt: skip
    outcome.assert_good_article_coded()


# ------------------------------------------------------------------ other languages


# One batch of articles in other languages (and one JSON Lines record): each is rejected, the batch goes on.
OTHER_LANGUAGES = [
    (
        "german.txt",
        "Die Regierung in Berlin hat am Montag die Entscheidung Moskaus scharf kritisiert und weitere Gespräche "
        "mit der Ukraine über die Gasversorgung angekündigt. Der Außenminister sagte, man werde die Sanktionen "
        "nicht aufheben.".encode(),
    ),
    (
        "french.txt",
        "Le gouvernement français a vivement critiqué mardi la décision de Moscou et a annoncé de nouvelles "
        "négociations avec l'Ukraine sur l'approvisionnement en gaz.".encode("latin-1"),
    ),
    (
        "russian.txt",
        "Президент Узбекистана прибыл в Москву с официальным визитом и провёл переговоры с президентом России "
        "о сотрудничестве в области энергетики и безопасности.".encode("cp1251"),
    ),
    ("russian-repeated.txt", ("Россия раскритиковала Украину за решение о газе. " * 10).encode("koi8_r")),
    ("russian-headline.txt", "Россия критикует Украину".encode()),
    ("japanese.txt", "ロシア政府は月曜日、ウクライナの決定を厳しく批判し、ガス供給に関する新たな協議を発表した。".encode("shift_jis")),
    ("chinese.txt", "俄罗斯政府周一严厉批评了乌克兰的决定，并宣布就天然气供应问题举行新的谈判。".encode()),
    ("arabic.txt", "انتقدت الحكومة الروسية يوم الاثنين قرار أوكرانيا بشدة وأعلنت عن محادثات جديدة بشأن إمدادات الغاز.".encode()),
    ("wire.jsonl", '{"text": "Россия раскритиковала Украину за решение о газе."}\n'.encode()),
]


def test_bad_inputs_non_english_texts_are_rejected_not_coded(run_batch) -> None:
    outcome = run_batch(dict(OTHER_LANGUAGES))
    outcome.assert_rejected_exactly({(name, 1 if name.endswith(".jsonl") else None, "not-english") for name, _ in OTHER_LANGUAGES})
    assert all("another language" in message for message in outcome.reject_messages())
    assert set(outcome.documents()) == {GOOD_NAME}
    outcome.assert_good_article_coded()


def test_bad_inputs_english_quoting_another_language_is_coded(run_batch) -> None:
    text = ("Russia criticized Ukraine on Monday. The Russian Foreign Ministry called the decision «недружественный шаг», "
            "an unfriendly step, and urged Kyiv to return to talks.")  # fmt: skip
    outcome = run_batch({"quote.txt": text})
    outcome.assert_rejected_exactly(set())
    assert outcome.events_of("quote.txt")


# ------------------------------------------------------------------ pathological text


def _punctuation_run(chars: int) -> str:
    rnd = random.Random(3)
    return "".join(rnd.choice("!?.,;:)('\"-") for _ in range(chars))


PATHOLOGICAL = {
    "one-sentence-5000-words": " ".join(["Uzbekistan", "criticized", "Kazakhstan", "and"] * 1250) + ".",
    "20000-repeated-tokens": " ".join(["the"] * 20_000),
    "100000-repeated-letters": "a" * 100_000,
    "50000-punctuation-marks": "Russia criticized Ukraine. " + _punctuation_run(50_000) + " Ukraine criticized Russia.",
    "exclamation-marks": "Russia criticized Ukraine! " + "!" * 50_000,
    "long-url": "Russia criticized Ukraine, see https://example.org/" + "/".join(["a%20b"] * 3000) + " for the text.",
    "5000-dates-without-a-full-stop": "On January 5, 2012 " * 5000,
    "events-and-dates-without-a-full-stop": "Russia criticized Ukraine on January 5, 2012 " * 1000,
    "zero-width-and-bidi": ("Russia\u200b criticized\u200f \u202eUkraine\u202c on\u2066 Monday\u2069. " * 500),
}


@pytest.mark.parametrize("name", list(PATHOLOGICAL))
def test_bad_inputs_pathological_text_is_coded_in_bounded_time(run_batch, name: str) -> None:
    started = time.perf_counter()
    outcome = run_batch({f"{name}.txt": PATHOLOGICAL[name]})
    seconds = time.perf_counter() - started
    print(f"\n{name}: {len(PATHOLOGICAL[name]):,} characters coded in {seconds:.2f} s")
    assert seconds < PATHOLOGICAL_SECONDS
    outcome.assert_rejected_exactly(set())
    assert f"{name}.txt" in outcome.documents()
    _check_sentence_offsets(outcome)
    outcome.assert_good_article_coded()


def test_bad_inputs_invisible_characters_do_not_change_the_events(run_batch, coder) -> None:
    outcome = run_batch({"invisible.txt": PATHOLOGICAL["zero-width-and-bidi"]})
    clean = next(coder.code([document_from_text("Russia criticized Ukraine on Monday. " * 500, path="clean")]))
    assert set(outcome.events_of("invisible.txt")) == {(e.source_actor, e.event_code, e.target_actor) for e in clean.events}
    assert ("RUS", "111", "UKR") in set(outcome.events_of("invisible.txt"))
    assert not any(ch in outcome.documents()["invisible.txt"] for ch in "\u200b\u200f\u202e\u202c\u2066\u2069")
