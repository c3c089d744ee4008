"""One loader for the coder's data tables: CSV files with ``#`` comment lines, and TOML files.

Every row or table is validated by a pydantic model, and every problem is reported as
``file:line [field] message`` (a `LexiconError`, or the subclass a caller names), so a user can go
straight to the line to mend. The readers:

- `read_text`: the UTF-8 text of a data file, or an error naming it.
- `csv_rows`: (line number, row) for each data row of a CSV; blank lines and lines starting with
  ``#`` are skipped, the header must name exactly the given columns, values are stripped.
- `read_csv`: the rows of a CSV validated as a model whose fields are the columns, with their lines.
- `validate_row`: one row validated as a model, pydantic's first complaint turned into the error.
- `read_toml`: a parsed TOML file that keeps its text, so `TomlFile.line_of` finds the line of a
  table or of a key inside a table; `TomlFile.validate` checks the whole file as a model.

A CSV row is one line: quoted fields may hold commas but not line breaks.
"""

from __future__ import annotations

import csv
import re
import tomllib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from schemas.errors import LexiconError

Model = TypeVar("Model", bound=BaseModel)

_TOML_LINE = re.compile(r"line (\d+)")


def read_text(path: Path, error: type[LexiconError] = LexiconError) -> str:
    """The UTF-8 text of a data file, or `error` naming the file and the problem."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as e:
        raise error("file not found; cannot read it", path=str(path)) from e
    except OSError as e:
        raise error(f"cannot read the file: {e.strerror or e}", path=str(path)) from e
    except UnicodeDecodeError as e:
        raise error(f"the file is not UTF-8 text (byte {e.start})", path=str(path)) from e


def _is_data(text: str) -> bool:
    return bool(text.strip()) and not text.lstrip().startswith("#")


def csv_rows(path: Path, columns: Sequence[str], error: type[LexiconError] = LexiconError) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row) of a data CSV, skipping blank and '#' lines, checking the header and field counts."""
    where = str(path)
    lines = [(n, text) for n, text in enumerate(read_text(path, error).splitlines(), start=1) if _is_data(text)]
    expected = ",".join(columns)
    if not lines:
        raise error(f"the file is empty; expected the header {expected!r}", path=where, line=1)
    first_line, header_text = lines[0]
    header = next(csv.reader([header_text]))
    if [name.strip().lstrip("\ufeff") for name in header] != list(columns):
        raise error(f"header must be {expected!r}, got {header_text.strip()!r}", path=where, line=first_line)
    for line, text in lines[1:]:
        fields = next(csv.reader([text]))
        if len(fields) != len(columns):
            raise error(f"expected {len(columns)} fields ({expected}), got {len(fields)}", path=where, line=line)
        yield line, {name: value.strip() for name, value in zip(columns, fields, strict=True)}


def validate_row(
    model: type[Model], row: dict[str, Any], path: Path | str, line: int | None, error: type[LexiconError] = LexiconError
) -> Model:
    """Validate one row as `model`, turning pydantic's first complaint into `error` at file:line [field]."""
    try:
        return model.model_validate(row)
    except ValidationError as e:
        raise _error_of(e, str(path), lambda _loc: line, error) from e


def read_csv(path: Path, model: type[Model], error: type[LexiconError] = LexiconError) -> list[tuple[int, Model]]:
    """The rows of a data CSV whose columns are the model's fields, validated, each with its line number."""
    columns = list(model.model_fields)
    return [(line, validate_row(model, row, path, line, error)) for line, row in csv_rows(path, columns, error)]


def _error_of(e: ValidationError, where: str, line_at: Any, error: type[LexiconError]) -> LexiconError:
    """The first complaint of a pydantic error as `error`, the field named by its location."""
    first = e.errors()[0]
    loc = tuple(first["loc"])
    field = ".".join(str(part) for part in loc) if loc else None
    message = first["msg"].removeprefix("Value error, ")
    if first["type"] != "missing":
        given = repr(first["input"])
        message += f", got {given if len(given) <= 80 else given[:77] + '...'}"
    return error(message, path=where, line=line_at(loc), field=field)


@dataclass(frozen=True)
class TomlFile:
    """A parsed TOML data file with its text, to point errors at lines."""

    path: Path
    data: dict[str, Any]
    text: str

    def line_of(self, key: str, table: str | None = None) -> int | None:
        """The line of a [table] header (no table given) or of a key inside [table]."""
        inside = False
        key_line = re.compile(rf"\s*[\"']?{re.escape(key)}[\"']?\s*=")
        for number, line in enumerate(self.text.splitlines(), start=1):
            header = re.match(r"\s*\[([^\]]+)\]", line)
            if header:
                name = header.group(1).strip()
                if table is None and name == key:
                    return number
                inside = name == table
            elif inside and key_line.match(line):
                return number
        return None

    def line_at(self, loc: Sequence[Any]) -> int | None:
        """The line of a pydantic error location: a key inside a table, else the table, else None."""
        names = [str(part) for part in loc if isinstance(part, str)]
        if len(names) >= 2:
            found = self.line_of(names[1], names[0])
            if found is not None:
                return found
        return self.line_of(names[0]) if names else None

    def validate(self, model: type[Model], error: type[LexiconError] = LexiconError) -> Model:
        """The whole file validated as `model`, the first problem reported at its table's or key's line."""
        try:
            return model.model_validate(self.data)
        except ValidationError as e:
            raise _error_of(e, str(self.path), self.line_at, error) from e


def read_toml(path: Path, error: type[LexiconError] = LexiconError) -> TomlFile:
    """Parse a TOML data file, or `error` naming the file and, when TOML says it, the line."""
    text = read_text(path, error)
    try:
        return TomlFile(path, tomllib.loads(text), text)
    except tomllib.TOMLDecodeError as e:
        found = _TOML_LINE.search(str(e))
        raise error(f"not valid TOML: {e}", path=str(path), line=int(found.group(1)) if found else None) from e
