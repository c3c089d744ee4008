"""Giving a stored document its date: one recode run that stores the date and codes the document again.

The warehouse is append-only, so the document row is not rewritten: the run adds a row to the
`doc_dates` table (the new date, and the one it replaces), and the `documents` view reads a document's
doc_date from its newest such row. In the same run the document is coded again with that date; its new
events and coding become current when the run commits, and the old ones stay in `all_events`. Nothing
stored is lost (the first date is kept in doc_dates.previous_date) or doubled (one document row, one
current coding). A run killed on the way leaves nothing visible.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from coders.coder import Coder
from dyadflow.batches import RunSummary, recode
from schemas.errors import InputError
from warehouse.db import memory_connection

# A doc_id given in part must be at least this long, and name one document.
MIN_ID_PREFIX = 6

_FIND_SQL = """
SELECT DISTINCT doc_id, path FROM documents
WHERE doc_id = $doc OR (length($doc) >= $min_prefix AND starts_with(doc_id, lower($doc)))
   OR path = $doc OR path = $resolved OR split_part(path, ':', 1) IN ($doc, $resolved)
ORDER BY doc_id
"""


def find_document(warehouse: str | Path, doc: str) -> str:
    """The doc_id of the stored document doc names: its doc_id (or a unique start of it) or the path it was read from."""
    resolved = str(Path(doc).expanduser().resolve())
    con = memory_connection(warehouse)
    try:
        rows = con.execute(_FIND_SQL, {"doc": doc, "resolved": resolved, "min_prefix": MIN_ID_PREFIX}).fetchall()
    finally:
        con.close()
    ids = sorted({doc_id for doc_id, _ in rows})
    if not ids:
        raise InputError(
            "no stored document has this doc_id or was read from this path; "
            'list them with `dyadflow sql "select doc_id, path, doc_date from documents"`',
            path=doc,
            reason="unknown-document",
        )
    if len(ids) > 1:
        raise InputError(
            f"names {len(ids)} documents ({', '.join(i[:12] for i in ids[:5])}): give a full doc_id", path=doc, reason="ambiguous"
        )
    return ids[0]


def redate(warehouse: str | Path, doc: str, date: dt.date, *, coder: Coder | None = None, wait: float = 0.0) -> RunSummary:
    """Give the stored document doc (a doc_id or the path it was read from) the date and code it again, in one recode run.

    The run is the one batch loop's recode (dyadflow.batches.recode with dates), in this process.

    Raises InputError when doc names no stored document or several, or when the coder fails on it
    (the document then keeps its date and events: the run commits no date and no event for it).
    """
    doc_id = find_document(warehouse, doc)
    summary = recode(warehouse, dates={doc_id: date}, coder=coder, wait=wait)
    if summary.rejects:
        raise InputError(f"not redated: {summary.rejects[0].message}", path=summary.rejects[0].path, reason="coder-error")
    return summary
