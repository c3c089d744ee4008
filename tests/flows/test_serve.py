"""Nightly operation: the schedule, the served deployment, the child Prefect server, failures that do not stop a night."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest

from coders.coder import CodedDocument
from dyadflow import batches, steps
from schemas.records import Document

SECONDS = 40  # about how long this module's tests take: tests/conftest.py starts the longest first

EXAMPLES = Path(str(resources.files("dyadflow") / "examples"))
DYADFLOW = Path(sys.executable).parent / "dyadflow"


# --- the schedule, the deployment and the task runner: no server needed ---


@pytest.mark.parametrize(
    ("cron", "interval", "expected"),
    [
        (None, None, {"cron": "0 2 * * *"}),
        ("30 3 * * 1-5", None, {"cron": "30 3 * * 1-5"}),
        (None, 10, {"interval": dt.timedelta(seconds=10)}),
        (None, 0.5, {"interval": dt.timedelta(seconds=0.5)}),
    ],
)
def test_schedule_reads_cron_or_interval(cron, interval, expected):
    from flows.serve import schedule

    when = schedule(cron, interval)
    for key, value in expected.items():
        assert getattr(when, key) == value


@pytest.mark.parametrize(
    ("cron", "interval", "timezone", "message"),
    [
        ("0 2 * * *", 60, "UTC", "not both"),
        (None, 0, "UTC", "positive"),
        ("every night", None, "UTC", "bad --cron"),
        ("0 2 * * *", None, "Mars/Olympus", "bad --cron"),
    ],
)
def test_schedule_rejects_what_cannot_run(cron, interval, timezone, message):
    from flows.serve import ServeError, schedule

    with pytest.raises(ServeError, match=message):
        schedule(cron, interval, timezone)


def test_nightly_deployment_carries_inbox_warehouse_and_schedule(tmp_path):
    from flows.serve import nightly_deployment, schedule

    deployment = nightly_deployment(
        [str(tmp_path / "inbox")],
        str(tmp_path / "wh"),
        schedule("0 2 * * *", None, "Asia/Tashkent"),
        default_date=dt.date(2008, 2, 11),
        workers=2,
    )
    assert deployment.name == "nightly"
    assert deployment.entrypoint == "flows.serve.nightly_flow"
    assert deployment.parameters == {
        "inputs": [str(tmp_path / "inbox")],
        "warehouse": str(tmp_path / "wh"),
        "wait": 3600.0,
        "workers": 2,
        "dask": None,
        "default_date": "2008-02-11",
    }
    (only,) = deployment.schedules
    assert only.schedule.cron == "0 2 * * *" and only.schedule.timezone == "Asia/Tashkent"


@pytest.mark.parametrize(
    ("workers", "dask", "runner"),
    [(1, None, "ThreadPoolTaskRunner"), (2, None, "DaskTaskRunner"), (1, "tcp://scheduler:8786", "DaskTaskRunner")],
)
def test_task_runner_follows_workers_and_dask(workers, dask, runner):
    from flows.run_flow import make_task_runner

    assert type(make_task_runner(workers, dask)).__name__ == runner


def test_dask_runner_takes_the_clusters_address_or_starts_one_of_n_workers():
    from flows.run_flow import make_task_runner

    assert make_task_runner(1, "tcp://scheduler:8786").address == "tcp://scheduler:8786"  # type: ignore[attr-defined]
    local = make_task_runner(2, None)
    assert local.address is None and local.cluster_kwargs["n_workers"] == 2  # type: ignore[attr-defined]


@pytest.mark.parametrize(("workers", "dask", "message"), [(0, None, "1 or more"), (2, "tcp://scheduler:8786", "not both")])
def test_task_runner_refuses_options_that_do_not_fit(workers, dask, message):
    from flows.run_flow import make_task_runner
    from schemas.errors import TaskRunnerError

    with pytest.raises(TaskRunnerError, match=message):
        make_task_runner(workers, dask)


def test_prefect_yaml_deploys_the_nightly_flow_with_its_parameters():
    import inspect

    import yaml

    from flows.serve import nightly_flow

    config = yaml.safe_load((Path(__file__).resolve().parents[2] / "prefect.yaml").read_text())
    (deployment,) = config["deployments"]
    module, _, name = deployment["entrypoint"].rpartition(".")
    assert (module, name) == ("flows.serve", "nightly_flow")
    assert set(deployment["parameters"]) <= set(inspect.signature(nightly_flow.fn).parameters)
    assert deployment["schedules"] == [{"cron": "0 2 * * *", "timezone": "UTC"}]


# --- a failing document ---


def _document(text: str) -> Document:
    return Document(doc_id=f"id-{text}", path=f"{text}.txt", text=text)


class _FlakyCoder:
    """Codes nothing, and fails on any batch that holds a document saying BOOM."""

    version = "flaky"

    def code(self, documents, **kwargs):
        documents = list(documents)
        if any("BOOM" in d.text for d in documents):
            raise RuntimeError("parser exploded")
        return iter([CodedDocument(document=d, sentences=[], events=[]) for d in documents])


def test_code_documents_rejects_only_the_document_that_fails():
    coded, failed = steps.code_documents([_document("fine"), _document("BOOM"), _document("also fine")], _FlakyCoder())
    assert [c.document.path for c in coded] == ["fine.txt", "also fine.txt"]
    assert [(r.path, r.reason) for r in failed] == [("BOOM.txt", "coder-error")]
    assert "parser exploded" in failed[0].message and "next run" in failed[0].message


def test_plain_run_rejects_only_the_document_the_coder_fails_on(tmp_path):
    inbox = tmp_path / "in"
    inbox.mkdir()
    for name in ("fine", "BOOM", "also fine"):
        (inbox / f"{name}.txt").write_text(f"{name} said the minister in a statement on Monday.", encoding="utf-8")
    summary = batches.run([inbox], tmp_path / "wh", coder=_FlakyCoder())  # type: ignore[arg-type]
    assert (summary.inputs_seen, summary.documents_new, summary.rejected) == (3, 2, 1)
    assert [(Path(r.path).name, r.reason) for r in summary.rejects] == [("BOOM.txt", "coder-error")]
    assert summary.record is not None and summary.record.rejected == 1


def test_a_night_with_an_empty_inbox_commits_a_run_with_nothing_new(tmp_path):
    inbox = tmp_path / "in"
    inbox.mkdir()
    summary = batches.run([inbox], tmp_path / "wh", coder=_FlakyCoder())  # type: ignore[arg-type]
    assert (summary.inputs_seen, summary.documents_new, summary.rejected) == (0, 0, 0)
    assert summary.record is not None and summary.record.status == "committed" and summary.record.events == 0


# --- the child Prefect server, without starting one ---


def test_start_server_refuses_a_port_in_use(tmp_path):
    from flows.serve import ServeError, start_server

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        with pytest.raises(ServeError, match="in use"):
            start_server(tmp_path / "prefect", busy.getsockname()[1])


def test_prefect_api_refuses_an_api_url_that_does_not_answer(tmp_path):
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from flows.serve import ServeError, free_port, prefect_api

    url = f"http://127.0.0.1:{free_port()}/api"
    with (
        temporary_settings(updates={PREFECT_API_URL: url}),
        pytest.raises(ServeError, match="does not answer"),
        prefect_api(tmp_path / "prefect"),
    ):
        pass


# --- slow: flows, the CLI and a served deployment with its own Prefect server ---


class _BoomCoder:
    """The real coder, failing on documents that mention a sandstorm (to stand for a coder bug)."""

    def __init__(self, coder):
        self.coder = coder
        self.version = coder.version

    def code(self, documents, **kwargs):
        documents = list(documents)
        if any("sandstorm" in d.text for d in documents):
            raise ValueError("no rule for sandstorms")
        return self.coder.code(documents, **kwargs)


@pytest.mark.slow
def test_flow_night_goes_on_when_a_document_fails(prefect_harness, coder, tmp_path, monkeypatch):
    from flows.run_flow import run_flow
    from warehouse.db import open_warehouse

    inbox = tmp_path / "inbox"
    shutil.copytree(EXAMPLES, inbox)
    (inbox / "storm.txt").write_text("A sandstorm closed the road from Tashkent to Almaty on Monday.\n")
    monkeypatch.setattr(steps, "shared_coder", lambda: _BoomCoder(coder))
    state = run_flow([str(inbox)], str(tmp_path / "wh"), return_state=True)
    result = state.result()
    assert state.is_completed() and "1 rejected" in state.message
    assert (result["documents_new"], result["rejected"]) == (6, 1)
    assert [(r["path"], r["reason"]) for r in result["rejects"]] == [(str(inbox / "storm.txt"), "coder-error")]
    monkeypatch.undo()
    again = run_flow([str(inbox)], str(tmp_path / "wh"))
    assert (again["documents_new"], again["documents_skipped"], again["rejected"]) == (1, 6, 0)
    con = open_warehouse(tmp_path / "wh")
    try:
        assert con.execute("select count(*) from documents").fetchone()[0] == 7
    finally:
        con.close()


def _committed_runs(warehouse: Path) -> list[dict]:
    runs = []
    for marker in sorted((warehouse / "_runs").glob("*.json")):
        record = json.loads(marker.read_text())
        if record["kind"] == "run" and record["status"] == "committed":
            runs.append(record)
    return sorted(runs, key=lambda r: r["started_at"])


def _wait_for(condition, timeout: float, what: str, log: list[str]) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"{what} did not happen within {timeout:.0f} s; serve's last output:\n" + "\n".join(log[-30:]))
        time.sleep(0.5)


def _drop(src: Path, inbox: Path) -> None:
    """Drop a file into the inbox the way a feed should: written under a hidden name, then renamed."""
    hidden = inbox / f".{src.name}.part"
    shutil.copyfile(src, hidden)
    hidden.rename(inbox / src.name)


def _migrated_home(prefect_home: Path, home: Path) -> Path:
    """A PREFECT_HOME whose database is a copy of the session server's: a server started there skips building its tables."""
    import sqlite3

    home.mkdir()
    source, copy = sqlite3.connect(prefect_home / "prefect.db"), sqlite3.connect(home / "prefect.db")
    try:
        source.backup(copy)  # a consistent copy while the session's server writes to it
    finally:
        source.close()
        copy.close()
    return home


@pytest.fixture
def served(tmp_path, prefect_home) -> Iterator[tuple[subprocess.Popen[str], list[str], Path, Path]]:
    """`dyadflow serve` on a 5-second interval over an inbox with one file, starting its own Prefect server; always stopped.

    Its server's home starts with a copy of the session server's database (half the start-up time);
    the session's own server (tests/conftest.py) is the first start on an empty home.
    """
    inbox, warehouse = tmp_path / "inbox", tmp_path / "wh"
    server_home = _migrated_home(prefect_home, tmp_path / "server-home")
    inbox.mkdir()
    _drop(EXAMPLES / "03_moscow_visit.txt", inbox)  # the first tick has something to code (an empty night: see above)
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env.update(
        PREFECT_HOME=str(tmp_path / "client-home"),
        PREFECT_RUNNER_POLL_FREQUENCY="2",
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        PREFECT_UI_ENABLED="false",
    )  # the server starts faster without building its UI; serving is the same
    command = [str(DYADFLOW), "serve", "--input", str(inbox), "--warehouse", str(warehouse), "--interval", "5", "--port", "0"]
    process = subprocess.Popen(
        [*command, "--prefect-home", str(server_home)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    log: list[str] = []
    reader = threading.Thread(target=lambda: log.extend(line.rstrip() for line in process.stdout), daemon=True)  # type: ignore[union-attr]
    reader.start()
    try:
        yield process, log, inbox, warehouse
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(10)
        reader.join(10)


@pytest.mark.slow
def test_serve_codes_each_dropped_file_once_on_successive_ticks(served):
    from flows.serve import healthy
    from warehouse.db import open_warehouse

    process, log, inbox, warehouse = served  # the first file was dropped before serve started
    _wait_for(lambda: any("Prefect UI: http://127.0.0.1:" in line for line in log), 150, "the Prefect server's start", log)
    ui = next(line for line in log if "Prefect UI:" in line).split()[2]
    _wait_for(lambda: any(r["documents_new"] for r in _committed_runs(warehouse)), 90, "the tick that codes the first file", log)
    _drop(EXAMPLES / "04_sanctions.txt", inbox)
    _wait_for(lambda: sum(r["documents_new"] for r in _committed_runs(warehouse)) >= 2, 90, "the tick that codes the second file", log)

    runs = _committed_runs(warehouse)  # a night with nothing new: test_a_night_with_an_empty_inbox_commits_a_run_with_nothing_new
    coding = [i for i, r in enumerate(runs) if r["documents_new"]]
    assert [runs[i]["documents_new"] for i in coding] == [1, 1]
    assert runs[coding[1]]["documents_skipped"] == 1  # the second tick saw the first file and skipped it
    assert all(r["documents_new"] == 0 and r["documents_skipped"] == 2 and r["events"] == 0 for r in runs[coding[1] + 1 :])
    con = open_warehouse(warehouse)
    try:
        coded = con.execute("select d.path, count(*) from codings c join documents d using (doc_id) group by all order by 1").fetchall()
        events = con.execute("select count(*) from events").fetchone()[0]
    finally:
        con.close()
    assert coded == [(str(inbox / "03_moscow_visit.txt"), 1), (str(inbox / "04_sanctions.txt"), 1)]
    assert events == sum(r["events"] for r in runs) > 0
    print(f"ticks: {len(runs)}; seconds per tick: {[round(_seconds(r), 2) for r in runs]}")

    stopping = time.monotonic()
    process.send_signal(signal.SIGINT)
    assert process.wait(30) == 0  # 10 s for the runner, 5 s for the server, whatever the load
    print(f"serve stopped {time.monotonic() - stopping:.1f} s after SIGINT")
    assert not healthy(ui + "/api"), "the Prefect server dyadflow started is still running after serve stopped"


def _seconds(run: dict) -> float:
    return (dt.datetime.fromisoformat(run["ended_at"]) - dt.datetime.fromisoformat(run["started_at"])).total_seconds()


def test_nightly_deployment_compacts_on_its_own_schedule(tmp_path):
    from flows.serve import nightly_deployment, schedule
    from schemas.errors import WarehouseError

    deployment = nightly_deployment([str(tmp_path / "inbox")], str(tmp_path / "wh"), schedule(None, 60, "UTC"), compact="weekly")
    assert deployment.parameters["compact"] == "weekly"
    with pytest.raises(WarehouseError, match="'hourly' is not one of daily, weekly, monthly"):
        nightly_deployment([str(tmp_path / "inbox")], str(tmp_path / "wh"), schedule(None, 60, "UTC"), compact="hourly")
