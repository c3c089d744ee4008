"""On random warehouses, runs, recodes and compactions, the dyad index (its country cells too) and the scan give the same series and panels."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.warehouse.wh_builders import document, event, write_recode, write_run
from warehouse.compact import compact
from warehouse.db import open_warehouse
from warehouse.dyads import dyad_panel, dyad_series, path_of, period_start

SECONDS = 20  # about how long this module's tests take: tests/conftest.py starts the longest first

ACTORS = ["UZB", "UZBGOV", "UZBMIL", "KAZ", "KAZGOV", "KGZCOP", "RUS", "IGOUNO", "REBUZB"]
CODES = [("042", 1, 1.9), ("057", 1, 8.0), ("061", 2, 6.4), ("111", 3, -2.0), ("173", 4, -5.0), ("190", 4, -10.0)]
QUERY_CODES = ["UZB", "KAZ", "KGZ", "RUS", "IGO", "REB", "UZBGOV", "UZBMIL", "KAZGOV", "IGOUNO"]
START = dt.date(2020, 1, 1)


@st.composite
def events_of(draw, doc_id: str, version: str) -> list:
    """0 to 4 random events of a document; some undated, some with a country other than their actor's letters (mixed)."""
    out = []
    for n in range(draw(st.integers(0, 4))):
        source, target = draw(st.sampled_from(ACTORS)), draw(st.sampled_from(ACTORS))
        code, quad, goldstein = draw(st.sampled_from(CODES))
        day = draw(st.none() | st.integers(0, 400).map(lambda d: START + dt.timedelta(days=d)))
        e = event(doc_id, n, day, source, target, version, code, quad, goldstein)
        if draw(st.integers(0, 9)) == 0:  # an actor read in another country than its code's letters
            e.source_country = draw(st.sampled_from(["KAZ", "UZB", None]))
        out.append(e)
    return out


@st.composite
def history(draw) -> list[tuple[str, object]]:
    """A random sequence of steps: runs of new documents, recodes of stored ones, compactions."""
    steps, stored, version = [], [], 1
    for step in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(["run", "run", "recode", "compact"])) if stored else "run"
        if kind == "run":
            docs = []
            for d in range(draw(st.integers(0, 3))):
                doc_id = f"s{step}d{d}"
                docs.append((document(doc_id, draw(st.sampled_from([None, "Outlet A", "Outlet B"]))), draw(events_of(doc_id, "v1"))))
                stored.append(doc_id)
            steps.append(("run", docs))
        elif kind == "recode":
            version += 1
            chosen = draw(st.lists(st.sampled_from(stored), min_size=1, max_size=3, unique=True))
            steps.append(("recode", ([(doc_id, draw(events_of(doc_id, f"v{version}"))) for doc_id in chosen], f"v{version}")))
        else:
            steps.append(("compact", None))
    return steps


def _play(root: Path, steps) -> None:
    for kind, arg in steps:
        if kind == "run":
            write_run(root, arg)
        elif kind == "recode":
            write_recode(root, *arg)
        else:
            compact(root)


# Each example writes a warehouse of a few runs (about a second each): few examples, and no shrinking,
# which would replay hundreds of them (the failing example is printed whole).
@settings(
    max_examples=int(os.environ.get("DYADFLOW_PROPERTY_EXAMPLES", "12")),
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    steps=history(),
    a=st.sampled_from(QUERY_CODES),
    b=st.sampled_from(QUERY_CODES),
    freq=st.sampled_from(["day", "week", "month", "quarter", "year"]),
    directed=st.booleans(),
    window=st.none() | st.tuples(st.integers(0, 200), st.integers(0, 300), st.booleans()),
)
def test_index_and_scan_give_identical_series_and_panels(steps, a, b, freq, directed, window):
    start = end = None
    if window is not None:
        start, end = START + dt.timedelta(days=window[0]), START + dt.timedelta(days=window[0] + window[1])
        if window[2]:  # from the first day of a period: the country cells can answer it
            start = period_start(start, freq)
    with tempfile.TemporaryDirectory(prefix="dyadflow-prop-") as tmp:
        root = Path(tmp) / "wh"
        _play(root, steps)
        con = open_warehouse(root)
        try:
            options = {"freq": freq, "directed": directed, "start": start, "end": end}
            index = dyad_series(con, [a], [b], method="auto", **options)
            assert path_of(index).method == "index"
            cells = len(a) == len(b) == 3 and (start is None or start == period_start(start, freq))
            assert ("dyad_cells" in path_of(index).reason) == cells
            assert index.to_pylist() == dyad_series(con, [a], [b], method="scan", **options).to_pylist()
            panel = [c for c in dict.fromkeys([a, b, "UZB", "KAZ"])]
            assert (
                dyad_panel(con, panel, method="index", **options).to_pylist()
                == dyad_panel(con, panel, method="scan", **options).to_pylist()
            )
        finally:
            con.close()
