"""Texts that are not news prose: tables, logs and code saved as text are rejected as 'not prose'."""

from __future__ import annotations

from pathlib import Path

import pytest

from coders.ingest import read_inputs
from coders.prose import check_prose
from schemas.records import Document, Reject
from tests.conftest import shared_path

ROOT = Path(__file__).resolve().parents[2]

TABLE = "country,year,exports,imports\nUZB,2008,10.2,7.1\nKAZ,2008,71.9,38.4\nKGZ,2008,1.9,4.1\nTJK,2008,1.4,3.3\n"
LOG = (
    "2024-03-01 10:02:11 INFO worker started on port 8080\n"
    "2024-03-01 10:02:12 WARNING queue is slow: 12 jobs waiting\n"
    "2024-03-01 10:02:15 ERROR job 41 failed after 3 retries\n"
    "2024-03-01 10:02:19 INFO job 42 done in 0.4 s\n"
)
CODE = (
    "def merge(left: list[int], right: list[int]) -> list[int]:\n"
    "    out = []\n"
    "    while left and right:\n"
    "        out.append(left.pop(0) if left[0] <= right[0] else right.pop(0))\n"
    "    return out + left + right\n"
)
PROSE = (
    "Uzbek and Kazakh officials met in Tashkent on Monday to discuss water sharing on the Syr Darya.\n\n"
    "The talks, the third this year, ended without an agreement, a ministry spokesman said.\n\n"
    "Both sides said they would meet again before the spring floods.\n"
)


@pytest.mark.parametrize(("text", "kind"), [(TABLE, "a table"), (LOG, "a log"), (CODE, "code"), (PROSE, None)])
def test_check_prose_tells_tables_logs_and_code_from_prose(text: str, kind: str | None) -> None:
    assert check_prose(text).kind == kind


def test_check_prose_takes_short_texts_as_prose() -> None:
    assert check_prose("a,b,c\n1,2,3").kind is None


@pytest.mark.parametrize(("name", "text"), [("figures.txt", TABLE), ("server.txt", LOG), ("merge.md", CODE)])
def test_read_inputs_rejects_what_is_not_prose(tmp_path: Path, name: str, text: str) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    (reject,) = read_inputs([tmp_path / name])
    assert isinstance(reject, Reject) and reject.reason == "not-prose" and reject.message.startswith("not prose")


def test_read_inputs_lists_every_file_of_a_folder(tmp_path: Path) -> None:
    (tmp_path / "news.txt").write_text(PROSE, encoding="utf-8")
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4 ...")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "scan.docx").write_bytes(b"PK...")
    (tmp_path / "news.meta.json").write_text('{"date": "2010-03-01"}', encoding="utf-8")  # read with news.txt
    results = list(read_inputs([tmp_path]))
    assert [type(r).__name__ for r in results] == ["Document", "Reject", "Reject"]
    assert [(Path(r.path).name, r.reason, r.message.split(";")[0]) for r in results[1:]] == [
        ("report.pdf", "unsupported-format", "unsupported format: .pdf"),
        ("scan.docx", "unsupported-format", "unsupported format: .docx"),
    ]


@pytest.mark.parametrize("folder", ["seeds", "examples"])
def test_no_seed_or_example_article_is_rejected(folder: str) -> None:
    path = shared_path("seeds") if folder == "seeds" else ROOT / "dyadflow" / "examples"
    results = list(read_inputs([path]))
    assert results and all(isinstance(r, Document) for r in results), [r for r in results if isinstance(r, Reject)]
