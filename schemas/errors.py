"""The project's exceptions: one base class, one subclass per kind of failure a user can act on."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from schemas.records import RejectReason


class DyadflowError(Exception):
    """Base class of every error dyadflow raises on purpose."""


class InputError(DyadflowError):
    """An input file or document cannot be read or coded; the message names it and the problem."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None, reason: RejectReason = "invalid") -> None:
        where = path or ""
        if path and line is not None:
            where = f"{path}:{line}"
        super().__init__(f"{where}: {message}" if where else message)
        self.path = path
        self.line = line
        self.reason = reason
        self.detail = message


class LexiconError(DyadflowError):
    """A data file of the coder (CAMEO table, actors, agents, verbs, dictionaries) is malformed."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None, field: str | None = None) -> None:
        where = f"{path}:{line}" if path and line is not None else (path or "")
        label = f" [{field}]" if field else ""
        super().__init__(f"{where}{label} {message}".strip())
        self.path = path
        self.line = line
        self.field = field


class DictionaryError(LexiconError):
    """A line of a PETRARCH-format dictionary (or validation file) cannot be read: ``file:line: message``."""

    def __init__(self, message: str, *, path: str, line: int | None = None, field: str | None = None) -> None:
        super().__init__(message, path=path, line=line, field=field)
        label = f" [{field}]" if field else ""
        self.args = (f"{path}:{line}:{label} {message}" if line is not None else f"{path}:{label} {message}",)
        self.detail = message


class WarehouseError(DyadflowError):
    """The warehouse folder cannot be read or written as asked."""


class SeriesError(DyadflowError):
    """A dyad series or panel was asked for with options that cannot work; the message says which option to change."""


class ExportError(DyadflowError):
    """An export was asked for in a way that cannot work; the message says which option or format to change."""


class OutputError(DyadflowError):
    """An output file cannot be written where or as asked; the message names the path and what to change."""


class TaskRunnerError(DyadflowError):
    """The options for parallel coding (--workers, --dask) do not fit together; the message says which to drop."""


class ServeError(DyadflowError):
    """The Prefect server for a run or the nightly deployment cannot be started or reached; the message says what to check."""
