"""The nightly deployment: the pipeline flow on a schedule, and the Prefect server that schedules it.

A temporary Prefect server cannot schedule runs, so serving needs a real one: the server at
PREFECT_API_URL when it is set, otherwise `prefect server start` on 127.0.0.1 as a child process
with its own PREFECT_HOME, stopped when serving ends.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import os
import signal
import socket
import subprocess
import sys
import threading
import time
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
from flows.local_server import healthy, log_tail
from flows.run_flow import make_task_runner, parallel_options, run_flow
from schemas.errors import ServeError
from warehouse.compact import compact_if_due, compaction_interval

HOST = "127.0.0.1"
DEPLOYMENT_NAME = "nightly"
STARTUP_TIMEOUT = 120.0
STOP_TIMEOUT = 5.0
"""Seconds the Prefect server dyadflow started gets to stop on SIGTERM before it is killed."""
STOP_GRACE = 10.0
"""Seconds serving gets, once told to stop, to cancel a flow run in flight and pause its schedule."""
LOCK_WAIT = 3600.0
"""Seconds a scheduled run waits for another run on the same warehouse before it gives up."""


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
    compact: str | None = None,
) -> State[Any]:
    """One scheduled run: the run flow over the inbox (and the feeds listed in `feeds`), coding on the task runner, then the reports' pages."""
    state = run_flow.with_options(task_runner=make_task_runner(workers, dask))(
        inputs,
        warehouse,
        default_date=default_date,
        wait=wait,
        return_state=True,
        feeds=feeds or None,
        **parallel_options(workers, dask),
    )
    if not state.is_completed():
        return state
    if compact:  # daily, weekly or monthly: merge the runs' parts when the last compaction is that old
        compact_if_due(warehouse, compact, wait=wait)
    if reports:  # WH/reports/<A>_<B>.html of each pair A:B, replaced atomically
        from warehouse.report import write_reports  # pandas: only a night with --report pays for its import

        write_reports(warehouse, reports)
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
    compact: str | None = None,
) -> RunnerDeployment:
    """The deployment of the nightly flow: its schedule and the parameters every scheduled run gets."""
    make_task_runner(workers, dask)  # fail now, not at two in the morning
    parameters: dict[str, Any] = {"inputs": inputs, "warehouse": warehouse, "wait": wait, "workers": workers, "dask": dask}
    if reports:
        parameters["reports"] = list(reports)
    if feeds:
        parameters["feeds"] = feeds
    if compact:
        compaction_interval(compact)  # fail now on a bad interval
        parameters["compact"] = compact
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


def _die_with_parent() -> None:
    """In the child, before exec: on Linux, be sent SIGTERM if the serving process dies (even by kill -9)."""
    import ctypes

    pr_set_pdeathsig = 1
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


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
            raise ServeError(f"the Prefect server stopped at start (exit {process.returncode}); its log {log} ends: {log_tail(log)}")
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
    waits its turn). When serving stops, within STOP_GRACE seconds, a flow run in flight is cancelled
    (marked so on the server; what it wrote stays uncommitted, invisible, and is removed by the next
    run), the deployment's schedule is paused, and a server dyadflow started is stopped.
    """
    from prefect.runner import Runner

    with prefect_api(home, port) as server:
        if on_ready is not None:
            on_ready(server)
        runner = Runner(pause_on_shutdown=True, limit=1)
        runner.add_deployment(deployment)
        serve_until_stopped(runner)


def serve_until_stopped(runner: Any, grace: float = STOP_GRACE) -> None:
    """Run a Prefect runner in a thread until SIGINT or SIGTERM, then give it `grace` seconds to cancel runs and stop.

    The signals are this function's own (Prefect's runner would otherwise take SIGTERM, and Ctrl-C would
    wait on whatever it waits on): the main thread only waits for one, so stopping never hangs.
    """
    import asyncio

    stop = threading.Event()
    loops: list[asyncio.AbstractEventLoop] = []
    failures: list[BaseException] = []

    async def start() -> None:
        loops.append(asyncio.get_running_loop())
        await runner.start()

    def serve() -> None:
        try:
            asyncio.run(start())
        except BaseException as e:  # told to the main thread, which raises it
            failures.append(e)
        finally:
            stop.set()

    previous = {sig: signal.signal(sig, lambda *_: stop.set()) for sig in (signal.SIGINT, signal.SIGTERM)}
    context = contextvars.copy_context()  # the thread sees this one's Prefect settings (the API it serves on)
    thread = threading.Thread(target=context.run, args=(serve,), name="dyadflow-serve", daemon=True)
    thread.start()
    try:
        while not stop.wait(0.5):
            pass
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if thread.is_alive() and loops:
        with contextlib.suppress(Exception):  # stopping goes on: the server is stopped next whatever happened here
            asyncio.run_coroutine_threadsafe(runner.astop(), loops[0]).result(grace)
        thread.join(grace)
    if failures and not isinstance(failures[0], (KeyboardInterrupt, SystemExit, asyncio.CancelledError)):
        raise ServeError(f"serving stopped on an error: {type(failures[0]).__name__}: {failures[0]}") from failures[0]
