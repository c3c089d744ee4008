"""The one loader of data tables: rows validated by pydantic models, problems reported as file:line [field]."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict, Field

from coders.datafiles import csv_rows, read_csv, read_text, read_toml
from schemas.errors import LexiconError


class Capital(BaseModel):
    model_config = ConfigDict(extra="forbid")

    iso3: str = Field(pattern=r"^[A-Z]{3}$")
    city: str = Field(min_length=1)


class Words(BaseModel):
    model_config = ConfigDict(extra="forbid")

    lemmas: list[str] = Field(min_length=1)


class Tables(BaseModel):
    model_config = ConfigDict(extra="forbid")

    intent: Words


def test_a_csv_is_read_with_its_comment_lines_and_blank_lines_skipped(tmp_path: Path) -> None:
    path = tmp_path / "capitals.csv"
    path.write_text("# capitals\niso3,city\n\nUZB, Tashkent\n# Kazakhstan\nKAZ,Astana\n", encoding="utf-8")
    rows = read_csv(path, Capital)
    assert [(line, row.iso3, row.city) for line, row in rows] == [(4, "UZB", "Tashkent"), (6, "KAZ", "Astana")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("iso3\nUZB\n", r"capitals\.csv:1 header must be 'iso3,city'"),
        ("iso3,city\nUZB,Tashkent,x\n", r"capitals\.csv:2 expected 2 fields"),
        ("iso3,city\nuzb,Tashkent\n", r"capitals\.csv:2 \[iso3\] String should match pattern"),
        ("# nothing\n", r"capitals\.csv:1 the file is empty"),
    ],
)
def test_a_bad_csv_is_reported_at_its_file_line_and_field(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "capitals.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LexiconError, match=expected):
        read_csv(path, Capital)


def test_csv_rows_checks_the_header_before_any_row(tmp_path: Path) -> None:
    path = tmp_path / "capitals.csv"
    path.write_text("city,iso3\nTashkent,UZB\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="header must be"):
        list(csv_rows(path, ["iso3", "city"]))


def test_a_toml_file_is_validated_and_a_problem_points_at_its_key(tmp_path: Path) -> None:
    path = tmp_path / "modality.toml"
    path.write_text("# words\n[intent]\nlemmas = ['plan']\n", encoding="utf-8")
    assert read_toml(path).validate(Tables).intent.lemmas == ["plan"]
    path.write_text("# words\n[intent]\nlemmas = []\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"modality\.toml:3 \[intent\.lemmas\] List should have at least 1 item"):
        read_toml(path).validate(Tables)


def test_a_toml_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "modality.toml"
    path.write_text("[intent]\nlemmas = \n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"modality\.toml:2 not valid TOML"):
        read_toml(path)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match=r"absent\.csv file not found"):
        read_text(tmp_path / "absent.csv")
