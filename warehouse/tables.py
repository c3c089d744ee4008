"""Writing a table to a file whose extension picks the format, atomically: CSV, TSV, Parquet, Stata, JSON, JSONL."""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.parquet as pq

from schemas.errors import OutputError

if TYPE_CHECKING:
    import pandas as pd

TABLE_SUFFIXES = (".csv", ".tsv", ".parquet", ".dta", ".json", ".jsonl")
_STATA_LABEL_MAX = 80
_STATA_STR_MAX = 2045  # longer strings must be stored as strL


def check_output_path(path: Path, suffixes: tuple[str, ...] = TABLE_SUFFIXES) -> Path:
    """The path if its folder exists and its extension is one of suffixes; else an OutputError."""
    path = Path(path)
    if path.suffix.lower() not in suffixes:
        raise OutputError(f"{path}: unknown output format {path.suffix or '(no extension)'!r}, use one of {', '.join(suffixes)}")
    if not path.parent.is_dir():
        raise OutputError(f"{path}: folder {path.parent} does not exist, create it first")
    if path.is_dir():
        raise OutputError(f"{path} is a folder, give a file name")
    return path


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary path beside path that replaces it when the block succeeds and is removed when it fails."""
    path = Path(path)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=f".tmp{path.suffix}", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def json_value(value: Any) -> Any:
    """A value JSON can hold: ISO dates and times, null for NaN, floats for decimals."""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, Mapping):
        return {k: json_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_value(v) for v in value]
    return value


def json_line(record: Mapping[str, Any]) -> str:
    """One record as a line of JSON (no newline), dates in ISO format."""
    return json.dumps(json_value(record), ensure_ascii=False, allow_nan=False)


def write_table(table: pa.Table | pd.DataFrame, path: Path, *, labels: Mapping[str, str] | None = None) -> Path:
    """Write table to path in the format its extension names, atomically; labels describe columns (Stata, Parquet)."""
    path = check_output_path(Path(path))
    if not isinstance(table, pa.Table):  # a pandas DataFrame
        table = pa.Table.from_pandas(table, preserve_index=False)
    labels = {name: (labels or {}).get(name) or name for name in table.column_names}
    writer = _WRITERS[path.suffix.lower()]
    try:
        with atomic_path(path) as tmp:
            writer(table, tmp, labels)
    except OSError as e:
        raise OutputError(f"{path}: cannot write ({e.strerror or e})") from e
    return path


def _text_field(value: Any) -> str:
    """One CSV field: text quoted, a float always with its decimal point (1.0, not 1), dates ISO, null empty."""
    if value is None:
        return ""
    if isinstance(value, str):
        return '"' + value.replace('"', '""') + '"'
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else ""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value)


def write_delimited(table: pa.Table, out: IO[str], delimiter: str = ",") -> None:
    """Write a table as CSV (or another delimiter) with a header; a float column reads back as floats in every row."""
    out.write(delimiter.join(_text_field(name) for name in table.column_names) + "\n")
    for batch in table.to_batches():
        for row in zip(*(column.to_pylist() for column in batch.columns), strict=True):
            out.write(delimiter.join(_text_field(value) for value in row) + "\n")


def _write_csv(table: pa.Table, tmp: Path, labels: Mapping[str, str]) -> None:
    with tmp.open("w", encoding="utf-8", newline="") as f:
        write_delimited(table, f)


def _write_tsv(table: pa.Table, tmp: Path, labels: Mapping[str, str]) -> None:
    with tmp.open("w", encoding="utf-8", newline="") as f:
        write_delimited(table, f, "\t")


def _write_parquet(table: pa.Table, tmp: Path, labels: Mapping[str, str]) -> None:
    fields = [f.with_metadata({**(f.metadata or {}), b"description": labels[f.name].encode()}) for f in table.schema]
    pq.write_table(table.cast(pa.schema(fields, metadata=table.schema.metadata)), tmp, compression="zstd")


def _write_json(table: pa.Table, tmp: Path, labels: Mapping[str, str]) -> None:
    with tmp.open("w", encoding="utf-8") as f:
        json.dump(json_value(table.to_pylist()), f, ensure_ascii=False, allow_nan=False, indent=1)
        f.write("\n")


def _write_jsonl(table: pa.Table, tmp: Path, labels: Mapping[str, str]) -> None:
    with tmp.open("w", encoding="utf-8") as f:
        for batch in table.to_batches():
            for record in batch.to_pylist():
                f.write(json_line(record) + "\n")


def _write_stata(table: pa.Table, tmp: Path, labels: Mapping[str, str]) -> None:
    import pandas as pd  # Stata files are written by pandas; only they pay for its import

    frame = pd.DataFrame(index=range(table.num_rows))
    convert_dates: dict[str, str] = {}
    long_strings: list[str] = []
    for field, column in zip(table.schema, table.columns, strict=True):
        kind = field.type
        if pa.types.is_date(kind):
            frame[field.name] = pd.to_datetime(column.to_pandas(date_as_object=True))
            convert_dates[field.name] = "td"
        elif pa.types.is_timestamp(kind):
            values = column.to_pandas()
            frame[field.name] = values.dt.tz_convert("UTC").dt.tz_localize(None) if kind.tz else values
            convert_dates[field.name] = "tc"
        elif pa.types.is_boolean(kind):
            frame[field.name] = column.to_pandas().astype("float64" if column.null_count else "int8")
        elif pa.types.is_string(kind) or pa.types.is_large_string(kind) or pa.types.is_dictionary(kind) or pa.types.is_null(kind):
            frame[field.name] = pd.Series(column.to_pylist(), dtype=object).fillna("")
            if (frame[field.name].str.len() > _STATA_STR_MAX).any():
                long_strings.append(field.name)
        elif pa.types.is_integer(kind) and column.null_count:
            frame[field.name] = column.to_pandas().astype("float64")
        else:
            frame[field.name] = column.to_pandas()
    frame.to_stata(
        tmp,
        version=118,
        write_index=False,
        convert_dates=convert_dates,
        convert_strl=long_strings,
        variable_labels={name: label[:_STATA_LABEL_MAX] for name, label in labels.items()},
    )


_WRITERS = {
    ".csv": _write_csv,
    ".tsv": _write_tsv,
    ".parquet": _write_parquet,
    ".dta": _write_stata,
    ".json": _write_json,
    ".jsonl": _write_jsonl,
}
