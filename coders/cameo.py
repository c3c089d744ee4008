"""The CAMEO event table: every code of the codebook with its name, Goldstein weight and QuadClass.

The table is data (``coders/data/cameo.csv``, columns ``code,name,goldstein``), read once on first
use and validated row by row. Codes are strings that keep their leading zero (``"042"``).
Goldstein weights are GDELT's published CAMEO-to-Goldstein values; the codes that table lacks
(155, 176, 1834, 1951, 1952) carry their parent's weight.

QuadClass rule ``"gdelt-1"``, by the code's two-digit root:
roots 01-05 are verbal cooperation (1), 06-08 material cooperation (2),
09-13 verbal conflict (3) and 14-20 material conflict (4).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import TextIO

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from schemas.errors import LexiconError
from schemas.records import QuadClass

QUAD_CLASS_RULE = "gdelt-1"

CAMEO_CSV = Path(__file__).resolve().parent / "data" / "cameo.csv"

_COLUMNS = ["code", "name", "goldstein"]
_CODE = re.compile(r"\d{2,4}")
_ROOTS = range(1, 21)
ROOTS = tuple(f"{n:02d}" for n in _ROOTS)


def _quad_class_of_root(root: str) -> QuadClass:
    """QuadClass of a two-digit root under rule gdelt-1."""
    number = int(root)
    if 1 <= number <= 5:
        return QuadClass.VERBAL_COOPERATION
    if 6 <= number <= 8:
        return QuadClass.MATERIAL_COOPERATION
    if 9 <= number <= 13:
        return QuadClass.VERBAL_CONFLICT
    if 14 <= number <= 20:
        return QuadClass.MATERIAL_CONFLICT
    raise ValueError(f"CAMEO root must be 01-20, got {root!r}")


class CameoCode(BaseModel):
    """One CAMEO event code: its code string, name and Goldstein weight."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    code: str = Field(description="2-4 digits with the leading zero, e.g. '042'")
    name: str = Field(min_length=1, description="sentence-case name, e.g. 'Make a visit'")
    goldstein: float = Field(ge=-10.0, le=10.0, description="CAMEO-to-Goldstein weight")

    @field_validator("code", mode="before")
    @classmethod
    def _code_is_cameo(cls, value: object) -> object:
        # Checked before stripping: " 42" or "42" (a spreadsheet ate the zero) must fail, not pass.
        if not isinstance(value, str) or not _CODE.fullmatch(value):
            raise ValueError("code must be 2 to 4 digits with its leading zero, e.g. '042'")
        if int(value[:2]) not in _ROOTS:
            padded = "0" + value
            lost_zero = len(value) < 4 and int(padded[:2]) in _ROOTS
            hint = f"; if the leading zero was lost, write {padded!r}" if lost_zero else ""
            raise ValueError(f"the root (first two digits) must be 01 to 20{hint}")
        return value

    @property
    def root(self) -> str:
        """The two-digit root, e.g. '04' for '042'."""
        return self.code[:2]

    @property
    def quad_class(self) -> int:
        """The QuadClass (1-4) of the code's root under rule gdelt-1."""
        return _quad_class_of_root(self.root)


def load_cameo_table(path: Path) -> dict[str, CameoCode]:
    """Read and validate a CAMEO table CSV; raise LexiconError naming file:line on the first bad row."""
    where = str(path)
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            rows = list(_read_rows(handle, where))
    except OSError as e:
        raise LexiconError(f"cannot read the CAMEO table: {e.strerror or e}", path=where) from e
    except UnicodeDecodeError as e:
        raise LexiconError("the CAMEO table is not UTF-8 text", path=where) from e

    table: dict[str, CameoCode] = {}
    line_of: dict[str, int] = {}
    for line, row in rows:
        entry = _validate_row(row, where, line)
        if entry.code in table:
            raise LexiconError(
                f"duplicate code {entry.code!r}, first given on line {line_of[entry.code]}",
                path=where,
                line=line,
                field="code",
            )
        table[entry.code] = entry
        line_of[entry.code] = line
    if not table:
        raise LexiconError("the CAMEO table has no codes", path=where)
    for code in table:
        parent = code[:-1]
        if len(code) > 2 and parent not in table:
            raise LexiconError(
                f"code {code!r} has no parent: {parent!r} is not in the table",
                path=where,
                line=line_of[code],
                field="code",
            )
    return table


def _read_rows(handle: TextIO, where: str) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row dict) for each data row, checking the header and field counts."""
    reader = csv.reader(handle)
    header = next(reader, None)
    if header is None:
        raise LexiconError("the CAMEO table is empty; expected the header 'code,name,goldstein'", path=where, line=1)
    if [name.strip().lstrip("\ufeff") for name in header] != _COLUMNS:
        raise LexiconError(f"header must be 'code,name,goldstein', got {','.join(header)!r}", path=where, line=1)
    for fields in reader:
        line = reader.line_num
        if not fields:
            continue
        if len(fields) != len(_COLUMNS):
            raise LexiconError(f"expected 3 fields (code,name,goldstein), got {len(fields)}", path=where, line=line)
        yield line, dict(zip(_COLUMNS, fields, strict=True))


def _validate_row(row: dict[str, str], where: str, line: int) -> CameoCode:
    """Validate one row, turning pydantic's first complaint into a LexiconError."""
    try:
        return CameoCode.model_validate(row)
    except ValidationError as e:
        error = e.errors()[0]
        field = str(error["loc"][0]) if error["loc"] else None
        message = error["msg"].removeprefix("Value error, ")
        raise LexiconError(f"{message}, got {error['input']!r}", path=where, line=line, field=field) from e


@cache
def cameo_table() -> dict[str, CameoCode]:
    """The packaged CAMEO table, code -> entry, read and validated on first use."""
    return load_cameo_table(CAMEO_CSV)


def lookup(code: str) -> CameoCode:
    """The table entry of a CAMEO code given exactly, leading zero included."""
    table = cameo_table()
    entry = table.get(code)
    if entry is not None:
        return entry
    hint = ""
    if isinstance(code, str) and code.isdigit() and len(code) < 4 and "0" + code in table:
        hint = f"; CAMEO codes keep their leading zero: did you mean {'0' + code!r}?"
    raise LexiconError(f"unknown CAMEO code {code!r}{hint}", path=str(CAMEO_CSV))


def quad_class(code: str) -> int:
    """The QuadClass (1-4) of a known CAMEO code under rule gdelt-1."""
    return lookup(code).quad_class


def check_code(value: str) -> str:
    """A CAMEO code of the project's table: 2-4 digits with the leading zero, root 01-20; ValueError otherwise."""
    if not _CODE.fullmatch(value):
        raise ValueError("code must be 2 to 4 digits with its leading zero, e.g. '042'")
    if value[:2] not in ROOTS:
        raise ValueError("the root (first two digits) must be 01 to 20")
    if value not in cameo_table():
        raise ValueError("not a code of the CAMEO table (coders/data/cameo.csv)")
    return value
