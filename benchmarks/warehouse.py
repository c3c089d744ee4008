"""Dyad queries on big warehouses: the monthly dyad series and a panel, by the dyad index and by the scan, timed.

    .venv/bin/python benchmarks/warehouse.py                    # 10 million events, uniform and skewed
    .venv/bin/python benchmarks/warehouse.py --events 1000000 --data uniform --keep ./wh-bench

The events are made up by DuckDB (countries weighted towards Central Asia, Russia and China, agents,
CAMEO codes with their QuadClass and Goldstein weight, dates 2000-2024, five events per document,
a few outlets; skewed data puts a share of them on a few hot dyads, UZB-KAZ among them) and written in
the warehouse layout as `--runs` committed runs plus a recode run that codes 1% of the documents again,
then the same events again as `--many` runs, timed before and after `dyadflow compact`. The timed
queries are the functions behind `dyadflow dyad UZB KAZ` and `dyadflow panel ...`; each runs
`--rounds` times on a fresh read-only connection (best and first, cold, round printed), and the index
and scan tables are checked to be equal. One key=value line per data sums up the best times and the
process's peak memory (building included).
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
from warehouse.compact import compact  # noqa: E402
from warehouse.db import open_warehouse  # noqa: E402
from warehouse.dyads import dyad_panel, dyad_series, path_of  # noqa: E402
from warehouse.layout import layout  # noqa: E402
from warehouse.store import _marker_bytes, init_warehouse, write_atomic, write_run_sums  # noqa: E402

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


# The dyads that dominate skewed data (real news: a few pairs take much of the coverage), in either direction.
HOT_DYADS = [("UZB", "KAZ"), ("RUS", "UKR"), ("USA", "CHN"), ("RUS", "USA")]


def build(root: Path, n_events: int, *, runs: int = 20, recoded: float = 0.01, skew: float = 0.0, seed: int = 7) -> None:
    """Write a warehouse at root: n_events current events from `runs` runs, then a recode run.

    Each run stores its share of the documents (EVENTS_PER_DOCUMENT events each); the recode run codes
    every 1/recoded-th document again, so those documents' first events are replaced (they stay in
    all_events) and the current events number n_events. The events are a function of their number and
    the seed alone, so the same events come out whatever the number of runs. skew: the share of events
    that fall on the HOT_DYADS (0: countries drawn by their weights alone).
    """
    lay = init_warehouse(root)
    con = duckdb.connect()
    countries, codes = _weighted(COUNTRIES), _cameo()
    con.execute("CREATE TEMP TABLE country AS SELECT unnest(?) AS iso3, unnest(range(0, ?)) AS i", [countries, len(countries)])
    con.execute("CREATE TEMP TABLE agent AS SELECT unnest(?) AS agent, unnest(range(0, ?)) AS i", [AGENTS, len(AGENTS)])
    con.execute(
        "CREATE TEMP TABLE cameo AS SELECT unnest(?) AS code, unnest(?) AS quad, unnest(?) AS goldstein, unnest(range(0, ?)) AS i",
        [[c for c, _, _ in codes], [q for _, q, _ in codes], [g for _, _, g in codes], len(codes)],
    )
    hot = HOT_DYADS + [(t, s) for s, t in HOT_DYADS]
    con.execute(
        "CREATE TEMP TABLE hot AS SELECT unnest(?) AS s, unnest(?) AS t, unnest(range(0, ?)) AS i",
        [[s for s, _ in hot], [t for _, t in hot], len(hot)],
    )
    n_docs = max(1, n_events // EVENTS_PER_DOCUMENT)
    per_run = -(-n_docs // runs)
    started = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    step = max(1, round(1 / recoded)) if recoded > 0 else 0
    for r in range(runs + (1 if step else 0)):
        recode = r == runs
        run_id = f"{2024 + r // 336}{(r // 28) % 12 + 1:02d}{(r % 28) + 1:02d}T000000-bench{r:03d}"
        version = "dyadflow-bench-2" if recode else "dyadflow-bench-1"
        first, last = (0, n_docs) if recode else (r * per_run, min(n_docs, (r + 1) * per_run))
        docs = f"SELECT i AS doc FROM range({first}, {last}) r(i)" + (f" WHERE i % {step} = 0" if recode else "")
        salt = seed * 1000 + (2 if recode else 1)
        _write(
            con,
            lay.run_dir("events", run_id) / "part-00000.parquet",
            _events_sql(docs, version, len(countries), len(codes), salt, skew, len(hot)),
        )
        _write(
            con,
            lay.run_dir("codings", run_id) / "part-00000.parquet",
            f"SELECT 'doc' || doc AS doc_id, '{version}' AS coder_version, {EVENTS_PER_DOCUMENT}::BIGINT AS events FROM ({docs})",
        )
        if not recode:
            _write(con, lay.run_dir("documents", run_id) / "part-00000.parquet", _documents_sql(docs))
        when = started + dt.timedelta(days=r)
        count = con.execute(f"SELECT count(*) FROM ({docs})").fetchone()[0]  # type: ignore[index]
        record = RunRecord(
            run_id=run_id,
            kind="recode" if recode else "run",
            started_at=when,
            ended_at=when + dt.timedelta(hours=1),
            inputs_seen=count,
            documents_new=0 if recode else count,
            events=count * EVENTS_PER_DOCUMENT,
            coder_version=version,
        )
        if r == 0:
            _check_schemas(lay.root, run_id)
        write_run_sums(lay, run_id, record.kind)  # event_days, dyad_index and dyad_cells, as RunWriter.commit does
        write_atomic(lay.marker(run_id), _marker_bytes(record))
    con.close()


def _write(con: duckdb.DuckDBPyConnection, path: Path, query: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    con.execute(f"COPY ({query}) TO '{path}' (FORMAT parquet, COMPRESSION zstd)")


def _events_sql(docs: str, version: str, n_countries: int, n_codes: int, salt: int, skew: float, n_hot: int) -> str:
    """EVENTS_PER_DOCUMENT events for each document of the `docs` query, drawn from hashes of their number and salt."""

    def draw(k: int, n: int) -> str:
        return f"(hash(doc * {EVENTS_PER_DOCUMENT} + k, {salt}, {k}) % {n})::BIGINT"

    return f"""
        WITH raw AS (
            SELECT doc, k, doc * {EVENTS_PER_DOCUMENT} + k AS i,
                   {draw(1, n_countries)} AS sc, {draw(2, n_countries)} AS tc,
                   {draw(3, len(AGENTS))} AS sa, {draw(4, len(AGENTS))} AS ta,
                   {draw(5, n_codes)} AS ci, {draw(6, SPAN_DAYS + 1)}::INTEGER AS day,
                   {draw(7, 50)} = 0 AS undated,
                   CASE WHEN {draw(8, 10_000)} < {round(skew * 10_000)} THEN {draw(9, n_hot)} END AS hi
            FROM ({docs}), range({EVENTS_PER_DOCUMENT}) r(k)
        ),
        pick AS (
            SELECT raw.*, coalesce(h.s, s.iso3) AS src, coalesce(h.t, t.iso3) AS tgt
            FROM raw JOIN country s ON s.i = raw.sc JOIN country t ON t.i = raw.tc LEFT JOIN hot h ON h.i = raw.hi
        )
        SELECT
            md5(pick.i || '/{version}')[:20] AS event_id,
            'doc' || pick.doc AS doc_id,
            NULL::VARCHAR AS input_id,
            pick.k::BIGINT AS sentence_index,
            'Synthetic event ' || pick.i || '.' AS sentence,
            CASE WHEN undated THEN NULL ELSE DATE '2000-01-01' + day END AS event_date,
            CASE WHEN undated THEN 'unknown' ELSE 'text' END AS event_date_source,
            CASE WHEN undated THEN 'unknown' ELSE 'day' END AS event_date_precision,
            src || sa.agent AS source_actor, src AS source_country, src || ' officials' AS source_text,
            tgt || ta.agent AS target_actor, tgt AS target_country, tgt || ' officials' AS target_text,
            c.code AS event_code, c.code[:2] AS event_root, c.quad::BIGINT AS quad_class, c.goldstein::DOUBLE AS goldstein,
            'met' AS trigger, 'bench' AS rule, '{version}' AS coder_version,
            NULL::VARCHAR AS action_geo_name, NULL::VARCHAR AS action_geo_country, NULL::VARCHAR AS action_geo_adm1,
            NULL::DOUBLE AS action_geo_lat, NULL::DOUBLE AS action_geo_lon, NULL::BIGINT AS action_geo_type,
            NULL::BIGINT AS action_geo_feature_id, NULL::VARCHAR AS action_geo_rule
        FROM pick
        JOIN agent sa ON sa.i = pick.sa JOIN agent ta ON ta.i = pick.ta
        JOIN cameo c ON c.i = pick.ci
        ORDER BY pick.i
    """


def _documents_sql(docs: str) -> str:
    """A documents row (with one of the outlets) for each document of the `docs` query."""
    outlets = "[" + ", ".join("'" + o.replace("'", "''") + "'" for o in OUTLETS) + "]"
    return f"""
        SELECT 'doc' || doc AS doc_id, NULL::VARCHAR AS input_id, 'bench/' || doc || '.txt' AS path,
               NULL::VARCHAR AS title, NULL::VARCHAR AS byline, {outlets}[1 + (doc % {len(OUTLETS)})] AS source,
               NULL::VARCHAR AS url, NULL::VARCHAR AS dateline, NULL::DATE AS doc_date, 'unknown' AS date_source, 'en' AS language,
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


def timed(root: Path, query: Callable[[duckdb.DuckDBPyConnection], pa.Table], rounds: int) -> tuple[float, float, pa.Table]:
    """(first, best) seconds of a query on fresh read-only connections, and its last result."""
    times, table = [], pa.table({})
    for _ in range(rounds):
        con = open_warehouse(root)
        start = time.perf_counter()
        table = query(con)
        times.append(time.perf_counter() - start)
        con.close()
    return times[0], min(times), table


def _series(method: str) -> Callable[[duckdb.DuckDBPyConnection], pa.Table]:
    return lambda con: dyad_series(con, ["UZB"], ["KAZ"], freq="month", method=method)  # type: ignore[arg-type]


def _panel(method: str) -> Callable[[duckdb.DuckDBPyConnection], pa.Table]:
    return lambda con: dyad_panel(con, PANEL, freq="month", method=method)  # type: ignore[arg-type]


def _describe(root: Path, built: float) -> None:
    con = open_warehouse(root)
    n_events, n_all = con.execute("SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM all_events)").fetchone()  # type: ignore[misc]
    n_runs = con.execute("SELECT count(*) FROM runs").fetchone()[0]  # type: ignore[index]
    n_cells = con.execute("SELECT count(*) FROM dyad_index").fetchone()[0]  # type: ignore[index]
    n_country = con.execute("SELECT count(*) FROM dyad_cells").fetchone()[0]  # type: ignore[index]
    threads = con.execute("SELECT current_setting('threads')").fetchone()[0]  # type: ignore[index]
    con.close()
    files = list(Path(root).rglob("*.parquet"))
    size = sum(f.stat().st_size for f in files) / 1e6
    print(
        f"  {n_events:,} current events ({n_all:,} with replaced codings, {n_cells:,} index cells, {n_country:,} country cells) from {n_runs} runs, "
        f"{len(files)} Parquet files, {size:,.0f} MB, built in {built:.1f} s; DuckDB {duckdb.__version__}, {threads} threads"
    )


def measure(root: Path, label: str, queries: dict[str, Callable[[duckdb.DuckDBPyConnection], pa.Table]], rounds: int) -> dict[str, float]:
    """Time each query (best of rounds), check that the paths give the same tables, print a line each."""
    best: dict[str, float] = {}
    results: dict[str, pa.Table] = {}
    for key, query in queries.items():
        first, best[key], results[key] = timed(root, query, rounds)
        path = path_of(results[key])
        print(
            f"  {label:<10} {key:<22} {results[key].num_rows:6,} rows  first {first:7.3f} s  best {best[key]:7.3f} s  "
            f"path {path.method + (' (country cells)' if 'dyad_cells' in path.reason else '') if path else '?'}  load {os.getloadavg()[0]:.1f}"
        )
    tables = {k: v.to_pylist() for k, v in results.items()}
    for fast, slow in (("series_s", "scan_series_s"), ("panel_s", "scan_panel_s")):
        if fast in tables and slow in tables and tables[fast] != tables[slow]:
            raise SystemExit(f"{label}: {fast} and {slow} differ: the index path is wrong")
    return best


def run_data(tmp: Path, name: str, args: argparse.Namespace, skew: float) -> dict[str, float]:
    """All figures for one kind of data: ~20 runs (index and scan), 365 runs before and after compaction."""
    print(f"{name} data (skew {skew}):")
    figures: dict[str, float] = {}
    root = (args.keep or tmp) / f"wh-{name}"
    start = time.perf_counter()
    if not layout(root).runs_dir.is_dir():
        build(root, args.events, runs=args.runs, recoded=args.recoded, skew=skew)
    _describe(root, time.perf_counter() - start)
    figures |= measure(
        root,
        f"{args.runs} runs",
        {"series_s": _series("index"), "scan_series_s": _series("scan"), "panel_s": _panel("index"), "scan_panel_s": _panel("scan")},
        args.rounds,
    )
    if args.many:
        many = (args.keep or tmp) / f"wh-{name}-{args.many}"
        start = time.perf_counter()
        if not layout(many).runs_dir.is_dir():
            build(many, args.events, runs=args.many, recoded=args.recoded, skew=skew)
        _describe(many, time.perf_counter() - start)
        before = measure(many, f"{args.many} runs", {"series_s": _series("index"), "scan_series_s": _series("scan")}, args.rounds)
        figures[f"runs{args.many}_series_s"], figures[f"runs{args.many}_scan_series_s"] = before["series_s"], before["scan_series_s"]
        summary = compact(many)
        print(f"  {summary.line()}")
        figures["compact_s"] = summary.seconds
        after = measure(
            many, "compacted", {"series_s": _series("index"), "scan_series_s": _series("scan"), "panel_s": _panel("index")}, args.rounds
        )
        figures["compacted_series_s"], figures["compacted_scan_series_s"] = after["series_s"], after["scan_series_s"]
        figures["compacted_panel_s"] = after["panel_s"]
    return figures


def main(argv: list[str] | None = None) -> None:
    """Build the synthetic warehouses, time the dyad series and the panel by both paths, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=10_000_000, help="synthetic events (default 10,000,000)")
    parser.add_argument("--runs", type=int, default=20, help="runs the events come in (default 20)")
    parser.add_argument("--many", type=int, default=365, help="runs of the second warehouse, timed before and after compaction (0: none)")
    parser.add_argument("--recoded", type=float, default=0.01, help="share of documents a last recode run codes again (default 0.01)")
    parser.add_argument("--skew", type=float, default=0.4, help="share of events on a few hot dyads in the skewed data (default 0.4)")
    parser.add_argument("--data", choices=["uniform", "skewed", "both"], default="both", help="which data to build (default both)")
    parser.add_argument("--rounds", type=int, default=3, help="times each query runs (default 3)")
    parser.add_argument("--keep", type=Path, help="build the warehouses in this folder and keep them (default: a temp dir, removed)")
    args = parser.parse_args(argv)

    print(f"{args.events:,} events, load average {os.getloadavg()[0]:.2f} (other processes inflate the times)")
    lines = []
    with tempfile.TemporaryDirectory(prefix="dyadflow-wh-bench-") as tmp:
        for name, skew in (("uniform", 0.0), ("skewed", args.skew)):
            if args.data in (name, "both"):
                figures = run_data(Path(tmp), name, args, skew)
                peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                lines.append(f"data={name} " + " ".join(f"{k}={v:.3f}" for k, v in figures.items()) + f" peak_mb={peak:.0f}")
    verdicts = []
    for line in lines:
        f = dict(item.split("=") for item in line.split())
        series, panel = float(f["series_s"]), float(f["panel_s"])
        ok = series < 0.1 and panel < 0.5
        if "compacted_series_s" in f:
            ok = ok and (float(f["compacted_series_s"]) <= 1.1 * series or float(f["compacted_series_s"]) < 0.1)
        verdicts.append(ok)
        print(line)
    print(
        "targets "
        + ("met" if all(verdicts) else "missed")
        + " (series < 0.1 s, panel < 0.5 s, compacted series <= 1.1 x series or < 0.1 s)"
    )


if __name__ == "__main__":
    main()
