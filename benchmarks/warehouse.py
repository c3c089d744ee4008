"""Dyad queries on a big warehouse: millions of synthetic events, the monthly dyad series and a panel timed.

    .venv/bin/python benchmarks/warehouse.py                    # 10 million events in a temp dir
    .venv/bin/python benchmarks/warehouse.py --events 1000000 --keep ./wh-bench

The events are made up by DuckDB (countries weighted towards Central Asia, Russia and China, agents,
CAMEO codes with their QuadClass and Goldstein weight, dates 2000-2024, five events per document,
a few outlets) and written in the warehouse layout as `--runs` committed runs plus a recode run that
codes 1% of the documents again; the timed queries are the
functions behind `dyadflow dyad UZB KAZ` and `dyadflow panel ...`, over the same views and macros. Each query runs
`--rounds` times on a fresh read-only connection; the best and the first (cold) round are printed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Run as a script, this file's folder comes first on sys.path, and this file's name would hide the
# warehouse package: put the project root first instead.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(ROOT))

from collections.abc import Callable  # noqa: E402

import duckdb  # noqa: E402
import pyarrow as pa  # noqa: E402

from schemas.arrow import arrow_schema  # noqa: E402
from schemas.records import Coding, Document, Event, RunRecord  # noqa: E402
from warehouse.db import open_warehouse  # noqa: E402
from warehouse.dyads import dyad_panel, dyad_series  # noqa: E402
from warehouse.layout import layout  # noqa: E402
from warehouse.store import _marker_bytes, init_warehouse, write_atomic, write_event_days  # noqa: E402

EVENTS_PER_DOCUMENT = 5
# Country codes and how often they act: Central Asia, its neighbours and a long tail.
COUNTRIES = {
    "UZB": 8, "KAZ": 8, "KGZ": 5, "TJK": 5, "TKM": 3, "RUS": 12, "CHN": 10, "USA": 10, "AFG": 5, "IRN": 4,
    "TUR": 4, "IND": 3, "PAK": 3, "DEU": 2, "FRA": 2, "GBR": 2, "JPN": 2, "KOR": 1, "UKR": 3, "BLR": 1,
    "AZE": 1, "ARM": 1, "GEO": 1, "MNG": 1, "SAU": 1,
}  # fmt: skip
AGENTS = ["GOV", "GOV", "GOV", "MIL", "COP", "BUS", "CVL", "MED", "LEG", ""]
OUTLETS = ["Eurasia Daily Monitor", "RFE/RL", "Interfax", "Xinhua", "TASS", "Reuters", "AKIpress", "Trend"]
PANEL = ["UZB", "KAZ", "KGZ", "TJK", "TKM", "RUS", "CHN"]
SPAN_DAYS = (dt.date(2024, 12, 31) - dt.date(2000, 1, 1)).days


def _cameo() -> list[tuple[str, int, float]]:
    """(code, QuadClass, Goldstein) of every CAMEO code the coder knows."""
    from coders.cameo import cameo_table

    return [(e.code, e.quad_class, e.goldstein) for e in cameo_table().values()]


def _weighted(values: dict[str, int]) -> list[str]:
    return [code for code, weight in values.items() for _ in range(weight)]


def build(root: Path, n_events: int, *, runs: int = 20, recoded: float = 0.01, seed: int = 7) -> None:
    """Write a warehouse at root: n_events current events from `runs` runs, then a recode run.

    Each run stores its share of the documents (EVENTS_PER_DOCUMENT events each); the recode run codes
    every 1/recoded-th document again, so those documents' first events are replaced (they stay in
    all_events) and the current events number n_events.
    """
    lay = init_warehouse(root)
    con = duckdb.connect()
    con.execute(f"SELECT setseed({1 / (seed + 1)})")
    countries, codes = _weighted(COUNTRIES), _cameo()
    con.execute("CREATE TEMP TABLE country AS SELECT unnest(?) AS iso3, unnest(range(1, ? + 1)) AS i", [countries, len(countries)])
    con.execute("CREATE TEMP TABLE agent AS SELECT unnest(?) AS agent, unnest(range(1, ? + 1)) AS i", [AGENTS, len(AGENTS)])
    con.execute(
        "CREATE TEMP TABLE cameo AS SELECT unnest(?) AS code, unnest(?) AS quad, unnest(?) AS goldstein, unnest(range(1, ? + 1)) AS i",
        [[c for c, _, _ in codes], [q for _, q, _ in codes], [g for _, _, g in codes], len(codes)],
    )
    n_docs = max(1, n_events // EVENTS_PER_DOCUMENT)
    per_run = -(-n_docs // runs)
    started = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    step = max(1, round(1 / recoded)) if recoded > 0 else 0
    for r in range(runs + (1 if step else 0)):
        recode = r == runs
        run_id = f"2024{(r // 28) + 1:02d}{(r % 28) + 1:02d}T000000-bench{r:03d}"
        version = "dyadflow-bench-2" if recode else "dyadflow-bench-1"
        first, last = (0, n_docs) if recode else (r * per_run, min(n_docs, (r + 1) * per_run))
        docs = f"SELECT i AS doc FROM range({first}, {last}) r(i)" + (f" WHERE i % {step} = 0" if recode else "")
        _write(con, lay.run_dir("events", run_id) / "part-00000.parquet", _events_sql(docs, version, len(countries), len(codes), r))
        _write(con, lay.run_dir("codings", run_id) / "part-00000.parquet",
               f"SELECT 'doc' || doc AS doc_id, '{version}' AS coder_version, {EVENTS_PER_DOCUMENT}::BIGINT AS events FROM ({docs})")
        if not recode:
            _write(con, lay.run_dir("documents", run_id) / "part-00000.parquet", _documents_sql(docs))
        when = started + dt.timedelta(days=r)
        count = con.execute(f"SELECT count(*) FROM ({docs})").fetchone()[0]  # type: ignore[index]
        record = RunRecord(run_id=run_id, kind="recode" if recode else "run", started_at=when, ended_at=when + dt.timedelta(hours=1),
                           inputs_seen=count, documents_new=0 if recode else count, events=count * EVENTS_PER_DOCUMENT,
                           coder_version=version)
        if r == 0:
            _check_schemas(lay.root, run_id)
        write_event_days(lay, run_id, record.kind)  # as RunWriter.commit does
        write_atomic(lay.marker(run_id), _marker_bytes(record))
    con.close()


def _write(con: duckdb.DuckDBPyConnection, path: Path, query: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    con.execute(f"COPY ({query}) TO '{path}' (FORMAT parquet, COMPRESSION zstd)")


def _events_sql(docs: str, version: str, n_countries: int, n_codes: int, run: int) -> str:
    """EVENTS_PER_DOCUMENT random events for each document of the `docs` query."""
    return f"""
        WITH raw AS (
            SELECT doc, k, doc * {EVENTS_PER_DOCUMENT} + k AS i,
                   1 + floor(random() * {n_countries})::BIGINT AS sc,
                   1 + floor(random() * {n_countries})::BIGINT AS tc,
                   1 + floor(random() * {len(AGENTS)})::BIGINT AS sa,
                   1 + floor(random() * {len(AGENTS)})::BIGINT AS ta,
                   1 + floor(random() * {n_codes})::BIGINT AS ci,
                   floor(random() * {SPAN_DAYS + 1})::INTEGER AS day,
                   random() < 0.02 AS undated
            FROM ({docs}), range({EVENTS_PER_DOCUMENT}) r(k)
        )
        SELECT
            md5(raw.i || '/{run}')[:20] AS event_id,
            'doc' || raw.doc AS doc_id,
            NULL::VARCHAR AS input_id,
            raw.k::BIGINT AS sentence_index,
            'Synthetic event ' || raw.i || '.' AS sentence,
            CASE WHEN undated THEN NULL ELSE DATE '2000-01-01' + day END AS event_date,
            CASE WHEN undated THEN 'unknown' ELSE 'text' END AS event_date_source,
            CASE WHEN undated THEN 'unknown' ELSE 'day' END AS event_date_precision,
            s.iso3 || sa.agent AS source_actor, s.iso3 AS source_country, s.iso3 || ' officials' AS source_text,
            t.iso3 || ta.agent AS target_actor, t.iso3 AS target_country, t.iso3 || ' officials' AS target_text,
            c.code AS event_code, c.code[:2] AS event_root, c.quad::BIGINT AS quad_class, c.goldstein::DOUBLE AS goldstein,
            'met' AS trigger, 'bench' AS rule, '{version}' AS coder_version
        FROM raw
        JOIN country s ON s.i = raw.sc JOIN country t ON t.i = raw.tc
        JOIN agent sa ON sa.i = raw.sa JOIN agent ta ON ta.i = raw.ta
        JOIN cameo c ON c.i = raw.ci
        ORDER BY raw.i
    """


def _documents_sql(docs: str) -> str:
    """A documents row (with one of the outlets) for each document of the `docs` query."""
    outlets = "[" + ", ".join("'" + o.replace("'", "''") + "'" for o in OUTLETS) + "]"
    return f"""
        SELECT 'doc' || doc AS doc_id, NULL::VARCHAR AS input_id, 'bench/' || doc || '.txt' AS path,
               NULL::VARCHAR AS title, NULL::VARCHAR AS byline, {outlets}[1 + (doc % {len(OUTLETS)})] AS source,
               NULL::VARCHAR AS url, NULL::DATE AS doc_date, 'unknown' AS date_source, 'en' AS language,
               'Synthetic document.' AS text
        FROM ({docs})
    """


def _check_schemas(root: Path, run_id: str) -> None:
    """The synthetic parts have the columns and types of the pipeline's own (else the views would differ)."""
    import pyarrow.parquet as pq

    lay = layout(root)
    for table, model in (("events", Event), ("documents", Document), ("codings", Coding)):
        part = next(lay.run_dir(table, run_id).glob("*.parquet"))
        written = pq.read_schema(part)
        wanted = arrow_schema(model)
        got = {f.name: f.type for f in written}
        for field in wanted:
            if got.get(field.name) != field.type:
                raise SystemExit(f"synthetic {table}.{field.name} is {got.get(field.name)}, the pipeline writes {field.type}")


def timed(root: Path, query: Callable[[duckdb.DuckDBPyConnection], pa.Table], rounds: int) -> tuple[float, float, int]:
    """(first, best) seconds of a query on fresh read-only connections, and its row count."""
    times, rows = [], 0
    for _ in range(rounds):
        con = open_warehouse(root)
        start = time.perf_counter()
        rows = query(con).num_rows
        times.append(time.perf_counter() - start)
        con.close()
    return times[0], min(times), rows


def main(argv: list[str] | None = None) -> None:
    """Build the synthetic warehouse, time the dyad series and the panel, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=10_000_000, help="synthetic events (default 10,000,000)")
    parser.add_argument("--runs", type=int, default=20, help="runs the events come in (default 20)")
    parser.add_argument("--recoded", type=float, default=0.01, help="share of documents a last recode run codes again (default 0.01)")
    parser.add_argument("--rounds", type=int, default=3, help="times each query runs (default 3)")
    parser.add_argument("--keep", type=Path, help="build the warehouse here and keep it (default: a temp dir, removed)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="dyadflow-wh-bench-") as tmp:
        root = args.keep or Path(tmp) / "wh"
        start = time.perf_counter()
        if not layout(root).runs_dir.is_dir() or len(list(layout(root).runs_dir.glob("*.json"))) <= 1:
            build(root, args.events, runs=args.runs, recoded=args.recoded)
        built = time.perf_counter() - start
        con = open_warehouse(root)
        n_events, n_all = con.execute("SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM all_events)").fetchone()  # type: ignore[misc]
        n_runs = con.execute("SELECT count(*) FROM runs").fetchone()[0]  # type: ignore[index]
        threads = con.execute("SELECT current_setting('threads')").fetchone()[0]  # type: ignore[index]
        con.close()
        size = sum(f.stat().st_size for f in Path(root).rglob("*.parquet")) / 1e6
        print(f"warehouse {n_events:,} current events ({n_all:,} with replaced codings) from {n_runs} runs, {size:,.0f} MB of Parquet, built in {built:.1f} s; "
              f"DuckDB {duckdb.__version__}, {threads} threads, load average {os.getloadavg()[0]:.2f}")
        checks: list[tuple[str, Callable[[duckdb.DuckDBPyConnection], pa.Table], float]] = [
            ("dyad UZB KAZ --freq month", lambda con: dyad_series(con, ["UZB"], ["KAZ"], freq="month"), 1.0),
            (f"panel {' '.join(PANEL)} --freq month", lambda con: dyad_panel(con, PANEL, freq="month"), 5.0),
        ]
        verdicts = []
        for label, query, target in checks:
            first, best, rows = timed(root, query, args.rounds)
            ok = best < target
            verdicts.append(ok)
            print(f"{label:<44} {rows:6,} rows  first {first:6.2f} s  best {best:6.2f} s  target < {target:.0f} s  {'ok' if ok else 'MISSED'}")
        print(f"memory  peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB (this process)")
        print("targets " + ("met" if all(verdicts) else "missed"))


if __name__ == "__main__":
    main()
