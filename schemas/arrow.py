"""Arrow schemas of the stored records, derived from the pydantic models in schemas.records."""

from __future__ import annotations

import datetime as dt
import types
import typing
from functools import cache
from typing import Any, Literal, get_args, get_origin

import pyarrow as pa
from pydantic import BaseModel

_SCALARS: dict[Any, pa.DataType] = {
    str: pa.string(),
    int: pa.int64(),
    float: pa.float64(),
    bool: pa.bool_(),
    bytes: pa.binary(),
    dt.date: pa.date32(),
    dt.datetime: pa.timestamp("us", tz="UTC"),
}


def _arrow_type(annotation: Any) -> tuple[pa.DataType, bool]:
    """Map a field annotation to (Arrow type, nullable)."""
    origin = get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        inner, _ = _arrow_type(args[0])
        return inner, True
    if origin is Literal:
        return _arrow_type(type(get_args(annotation)[0]))[0], False
    if annotation in _SCALARS:  # before the int test: bool is an int subclass
        return _SCALARS[annotation], False
    if isinstance(annotation, type) and issubclass(annotation, str) and annotation is not str:
        return pa.string(), False  # a StrEnum
    if isinstance(annotation, type) and issubclass(annotation, int):
        return pa.int64(), False
    raise TypeError(f"no Arrow type for {annotation!r}")


@cache
def arrow_schema(model: type[BaseModel]) -> pa.Schema:
    """The Arrow schema of a record model, one field per model field, in declaration order."""
    fields = []
    for name, info in model.model_fields.items():
        arrow_type, nullable = _arrow_type(info.annotation)
        fields.append(pa.field(name, arrow_type, nullable=nullable))
    return pa.schema(fields)


def to_table(model: type[BaseModel], rows: list[BaseModel]) -> pa.Table:
    """An Arrow table of records of one model, typed by its schema."""
    schema = arrow_schema(model)
    columns = {name: [getattr(r, name) for r in rows] for name in schema.names}
    return pa.table(columns, schema=schema)


def empty_table(schema: pa.Schema) -> pa.Table:
    """A table of no rows with this schema (Schema.empty_table imports pandas, most of a second, for nothing)."""
    return pa.Table.from_batches([], schema=schema)
