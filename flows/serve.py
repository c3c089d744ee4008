"""The nightly deployment: the pipeline flow on a schedule, and the Prefect server that schedules it.

A temporary Prefect server cannot schedule runs, so serving needs a real one: the server at
PREFECT_API_URL when it is set, otherwise `prefect server start` on 127.0.0.1 as a child process
with its own PREFECT_HOME, stopped when serving ends.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from prefect import flow
from prefect.deployments.runner import RunnerDeployment
from prefect.schedules import Cron, Interval, Schedule
from prefect.settings import PREFECT_API_URL, get_current_settings, temporary_settings
from prefect.states import Completed, State
from prefect.types.entrypoint import EntrypointType

from flows.defaults import DEFAULT_PORT, NIGHTLY_CRON
from flows.pipeline import make_task_runner, parallel_options, pipeline_flow
from schemas.errors import DyadflowError
from warehouse.report import write_reports

HOST = "127.0.0.1"
DEPLOYMENT_NAME = "nightly"
STARTUP_TIMEOUT = 120.0
STOP_TIMEOUT = 20.0
LOCK_WAIT = 3600.0
"""Seconds a scheduled run waits for another run on the same warehouse before it gives up."""


class ServeError(DyadflowError):
    """The Prefect server for the nightly deployment cannot be started or reached."""


@dataclass(frozen=True)
class PrefectServer:
    """The Prefect API the deployment lives on; process is set when dyadflow started the server itself."""

    api_url: str
    process: subprocess.Popen[bytes] | None = None

    @property
    def ui_url(self) -> str:
        """The address of the Prefect UI for this API."""
        return self.api_url.rstrip("/").removesuffix("/api")


@flow(name="dyadflow-nightly", log_prints=False)
def nightly_flow(
    inputs: list[str],
    warehouse: str,
    default_date: dt.date | None = None,
    wait: float = LOCK_WAIT,
    workers: int = 1,
    dask: str | None = None,
    reports: list[str] | None = None,
    feeds: str | None = None,
) -> State[Any]:
    """One scheduled run: the pipeline flow over the inbox (and the feeds listed in `feeds`), coding on the task runner, then the reports' pages."""
    state = pipeline_flow.with_options(task_runner=make_task_runner(workers, dask))(
        inputs, warehouse, default_date=default_date, wait=wait, return_state=True, feeds=feeds or None,
        **parallel_options(workers, dask),
    )
    if not state.is_completed():
        return state
    write_reports(warehouse, reports or [])  # WH/reports/<A>_<B>.html of each pair A:B, replaced atomically
    return Completed(message=state.message, data=state.result())


def schedule(cron: str | None = None, interval: float | None = None, timezone: str = "UTC") -> Schedule:
    """A cron schedule (in timezone) or an interval in seconds; the nightly cron when neither is given."""
    if cron and interval:
        raise ServeError("give --cron or --interval, not both")
    if interval is not None:
        if interval <= 0:
            raise ServeError(f"--interval must be a positive number of seconds, not {interval}")
        return Interval(dt.timedelta(seconds=interval), timezone=timezone)
    try:
        from prefect.client.schemas.schedules import CronSchedule

        CronSchedule(cron=cron or NIGHTLY_CRON, timezone=timezone)
    except ValueError as e:
        raise ServeError(f"bad --cron {cron!r} or --timezone {timezone!r}: {e}") from e
    return Cron(cron or NIGHTLY_CRON, timezone=timezone)


def nightly_deployment(
    inputs: list[str],
    warehouse: str,
    when: Schedule,
    *,
    name: str = DEPLOYMENT_NAME,
    default_date: dt.date | None = None,
    wait: float = LOCK_WAIT,
    workers: int = 1,
    dask: str | None = None,
    reports: list[str] | None = None,
    feeds: str | None = None,
) -> RunnerDeployment:
    """The deployment of the nightly flow: its schedule and the parameters every scheduled run gets."""
    make_task_runner(workers, dask)  # fail now, not at two in the morning
    parameters: dict[str, Any] = {"inputs": inputs, "warehouse": warehouse, "wait": wait, "workers": workers, "dask": dask}
    if reports:
        parameters["reports"] = list(reports)
    if feeds:
        parameters["feeds"] = feeds
    if default_date is not None:
        parameters["default_date"] = default_date.isoformat()
    return nightly_flow.to_deployment(
        name,
        schedule=when,
        parameters=parameters,
        description=f"Code new documents in {', '.join([*inputs, *([feeds] if feeds else [])])} into the warehouse {warehouse}.",
        tags=["dyadflow"],
        entrypoint_type=EntrypointType.MODULE_PATH,
    )


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def port_in_use(port: int) -> bool:
    """Whether something already listens on 127.0.0.1:port."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.settimeout(1.0)
        return s.connect_ex((HOST, port)) == 0


def healthy(api_url: str, timeout: float = 2.0) -> bool:
    """Whether the Prefect API at api_url answers its health check."""
    try:
        with urllib.request.urlopen(api_url.rstrip("/") + "/health", timeout=timeout) as response:
            return bool(response.status == 200)
    except (OSError, urllib.error.URLError, ValueError):
        return False


def _die_with_parent() -> None:
    """In the child, before exec: on Linux, be sent SIGTERM if the serving process dies (even by kill -9)."""
    import ctypes

    pr_set_pdeathsig = 1
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


def _tail(log: Path, lines: int = 5) -> str:
    try:
        return " | ".join(log.read_text(errors="replace").strip().splitlines()[-lines:])
    except OSError:
        return ""


def stop_server(process: subprocess.Popen[bytes], timeout: float = STOP_TIMEOUT) -> None:
    """Stop a server started by start_server: SIGTERM to its process group, SIGKILL if it lingers."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout)
    else:
        process.wait()


def start_server(home: Path, port: int = DEFAULT_PORT, timeout: float = STARTUP_TIMEOUT) -> PrefectServer:
    """Start `prefect server start` on 127.0.0.1:port (0: any free port) with PREFECT_HOME home; return once healthy.

    Raises:
        ServeError: the port is taken, or the server did not become healthy within timeout seconds.
    """
    if port == 0:
        port = free_port()
    elif port_in_use(port):
        raise ServeError(
            f"port {port} on {HOST} is in use: pass --port with a free port, or set PREFECT_API_URL=http://{HOST}:{port}/api "
            "to use the Prefect server that may run there"
        )
    home.mkdir(parents=True, exist_ok=True)
    log = home / "server.log"
    env = {key: value for key, value in os.environ.items() if key != "PREFECT_API_URL"}
    env.update({"PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"})
    with open(log, "ab") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "prefect", "server", "start", "--host", HOST, "--port", str(port)],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # Ctrl-C reaches dyadflow, which then stops the server in order
            preexec_fn=_die_with_parent if sys.platform == "linux" else None,
        )
    server = PrefectServer(api_url=f"http://{HOST}:{port}/api", process=process)
    deadline = time.monotonic() + timeout
    while not healthy(server.api_url):
        if process.poll() is not None:
            raise ServeError(f"the Prefect server stopped at start (exit {process.returncode}); its log {log} ends: {_tail(log)}")
        if time.monotonic() > deadline:
            stop_server(process)
            raise ServeError(f"the Prefect server did not answer on {server.api_url} within {timeout:.0f} s; see {log}")
        time.sleep(0.5)
    return server


@contextmanager
def prefect_api(home: Path, port: int = DEFAULT_PORT, timeout: float = STARTUP_TIMEOUT) -> Iterator[PrefectServer]:
    """The Prefect server to serve on: the one at PREFECT_API_URL, or a child server that is stopped on exit."""
    url = get_current_settings().api.url
    if url:
        if not healthy(url, timeout=10.0):
            raise ServeError(f"PREFECT_API_URL={url} does not answer; start that server (`prefect server start`) or unset it")
        yield PrefectServer(api_url=url)
        return
    server = start_server(home, port, timeout)
    assert server.process is not None
    previous = os.environ.get("PREFECT_API_URL")
    os.environ["PREFECT_API_URL"] = server.api_url  # for the flow-run processes the runner starts
    try:
        with temporary_settings(updates={PREFECT_API_URL: server.api_url}):
            yield server
    finally:
        if previous is None:
            os.environ.pop("PREFECT_API_URL", None)
        else:
            os.environ["PREFECT_API_URL"] = previous
        stop_server(server.process)


def serve_nightly(
    deployment: RunnerDeployment,
    home: Path,
    *,
    port: int = DEFAULT_PORT,
    on_ready: Callable[[PrefectServer], None] | None = None,
) -> None:
    """Register the deployment and execute its scheduled runs, one at a time, until stopped (Ctrl-C or SIGTERM).

    Runs are executed in child processes (one at a time: a run that is due while another is running
    waits its turn); when serving stops, the deployment's schedule is paused and a server dyadflow
    started is stopped.
    """
    from prefect import serve

    with prefect_api(home, port) as server:
        if on_ready is not None:
            on_ready(server)
        try:
            serve(deployment, limit=1, print_starting_message=False)
        except SystemExit as e:  # Prefect's runner answers SIGTERM with sys.exit(0) after a graceful shutdown
            if e.code not in (0, None):
                raise
