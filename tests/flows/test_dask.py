"""Coding spread over Dask workers writes the same warehouse as coding in one process.

`--workers 2` starts a local Dask cluster of two worker processes; `--dask ADDRESS` hands the same task
runner a running cluster's address instead (tests/flows/test_serve.py checks which runner each option makes).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from warehouse.db import open_warehouse
from warehouse.layout import TABLES

SECONDS = 15  # about how long this module's tests take: tests/conftest.py starts the longest first

EXAMPLES = Path(str(resources.files("dyadflow") / "examples"))
EDITIONS = ("Morning edition.", "Noon edition.", "Evening edition.")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The four example articles in three editions (a different last line each): 12 documents, two batches of 8."""
    folder = tmp_path_factory.mktemp("corpus")
    for number, edition in enumerate(EDITIONS):
        for article in sorted(EXAMPLES.glob("*.txt")) + sorted(EXAMPLES.glob("*.md")):
            (folder / f"{number}-{article.name}").write_text(article.read_text() + f"\n\n{edition}\n")
    return folder


@pytest.fixture(scope="module")
def single_process(coder, corpus, tmp_path_factory) -> Path:
    """The corpus coded in this process by the batch loop the flow runs (the flow itself: tests/flows/test_run_flow.py)."""
    from dyadflow.batches import run

    warehouse = tmp_path_factory.mktemp("single")
    run([corpus], warehouse, coder=coder)
    return warehouse


def _contents(warehouse: Path) -> dict[str, list[tuple]]:
    """Every stored row of every table, without the run id, in a fixed order."""
    con = open_warehouse(warehouse)
    try:
        return {table: con.execute(f"select * exclude (run_id) from {table} order by all").fetchall() for table in TABLES}
    finally:
        con.close()


@pytest.mark.slow
def test_dask_local_workers_write_the_same_warehouse_as_one_process(prefect_harness, corpus, single_process, tmp_path):
    from flows.run_flow import run_pipeline

    result = run_pipeline([str(corpus)], str(tmp_path), workers=2)
    assert result["documents_new"] == len(list(corpus.iterdir())) == 12 and result["events"] > 0
    expected, got = _contents(single_process), _contents(tmp_path)
    assert {table: len(rows) for table, rows in got.items()} == {table: len(rows) for table, rows in expected.items()}
    assert got == expected  # (a second run skipping known documents is tested without Dask)


@pytest.mark.parametrize(
    ("batch_sizes", "part_sizes"),
    [
        ([8, 8, 8, 8, 8, 8, 8, 8, 8], [64, 8]),  # coded on workers in batches of 8, written in parts of 64
        ([64, 64, 10], [64, 64, 10]),
        ([0, 3, 0], [3]),  # batches of rejects or skipped documents only join the next part
        ([], []),
    ],
)
def test_gathered_joins_coded_batches_in_order(batch_sizes, part_sizes):
    from dyadflow.batches import gathered

    names = iter(range(1000))
    results = [([f"doc-{next(names)}" for _ in range(size)], [], number) for number, size in enumerate(batch_sizes)]
    parts = list(gathered(results, 64))  # type: ignore[arg-type]
    assert [len(coded) for coded, _, _ in parts] == part_sizes
    assert [doc for coded, _, _ in parts for doc in coded] == [f"doc-{n}" for n in range(sum(batch_sizes))]
    assert [extra for _, _, extras in parts for extra in extras] == list(range(len(batch_sizes)))
