"""The local Prefect server of `dyadflow run` and `recode`: started once, found again by later runs, stopped when idle.

Without PREFECT_API_URL, Prefect would start a temporary server for every run (seconds each time, and on
a fresh PREFECT_HOME it gives up after 20 s while it builds its database). Instead the first run starts
this module as a detached process serving Prefect's API on 127.0.0.1 (no UI), and waits for it as long
as it takes. Its address is kept in PREFECT_HOME:

    dyadflow-server.json      {"pid", "port", "api_url"} of the running server
    dyadflow-server.leases/   one empty file per process using it, named by its pid
    dyadflow-server.log       the server's own log

Later runs find the server there. It stops itself once no live process has held a lease for
DYADFLOW_PREFECT_IDLE_SECONDS (default 600); a run killed with kill -9 leaves a lease whose pid is dead,
which does not count.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from schemas.errors import ServeError

HOST = "127.0.0.1"
STATE_FILE, LEASES, LOG_FILE, LOCK_FILE = "dyadflow-server.json", "dyadflow-server.leases", "dyadflow-server.log", "dyadflow-server.lock"
IDLE_SECONDS = float(os.environ.get("DYADFLOW_PREFECT_IDLE_SECONDS", "600"))
STARTUP_TIMEOUT = 600.0
"""Seconds a run waits for the server to answer: a fresh PREFECT_HOME builds its database first, slowly on a busy machine."""
_WATCH_EVERY = 0.5
_SHUTDOWN_GRACE = 2.0


@dataclass(frozen=True)
class LocalServer:
    """A running local server: its process id and API address."""

    pid: int
    port: int
    api_url: str


def healthy(api_url: str, timeout: float = 2.0) -> bool:
    """Whether the Prefect API at api_url answers its health check."""
    try:
        with urllib.request.urlopen(api_url.rstrip("/") + "/health", timeout=timeout) as response:
            return bool(response.status == 200)
    except (OSError, urllib.error.URLError, ValueError):
        return False


def _alive(pid: int) -> bool:
    try:  # a server this process started and that has exited is reaped here, not counted alive as a zombie
        if os.waitpid(pid, os.WNOHANG)[0] == pid:
            return False
    except ChildProcessError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def read_state(home: Path) -> LocalServer | None:
    """The server PREFECT_HOME's state file names, if its process is alive (answering or not yet)."""
    try:
        data = json.loads((home / STATE_FILE).read_text())
        server = LocalServer(pid=int(data["pid"]), port=int(data["port"]), api_url=str(data["api_url"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return server if _alive(server.pid) and _serves(server.pid) else None


def _serves(pid: int) -> bool:
    """Whether the process pid runs this module (not another program that got the pid of a server long gone)."""
    try:
        return b"flows.local_server" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:  # no /proc (not Linux): trust the pid
        return not Path("/proc/self").exists()


def find_server(home: Path) -> LocalServer | None:
    """The local server of PREFECT_HOME if it runs and answers."""
    server = read_state(home)
    return server if server is not None and healthy(server.api_url) else None


def start_server(home: Path, timeout: float = STARTUP_TIMEOUT, on_start: Callable[[Path], None] | None = None) -> LocalServer:
    """The local server of PREFECT_HOME home: the running one, or a new one once it answers (on_start is told first).

    Raises:
        ServeError: the server stopped at start, or did not answer within timeout seconds.
    """
    home.mkdir(parents=True, exist_ok=True)
    if (found := find_server(home)) is not None:
        return found
    deadline = time.monotonic() + timeout
    try:
        with FileLock(str(home / LOCK_FILE), timeout=timeout):  # one starter at a time; the others find its server
            if (found := find_server(home)) is not None:
                return found
            if on_start is not None:
                on_start(home)
            server = read_state(home)  # alive but not answering yet: a starter killed while waiting left it
            if server is None:
                process = _spawn(home)
                server = _wait_for_state(home, process, deadline)
            while not healthy(server.api_url):
                if not _alive(server.pid):
                    raise ServeError(
                        f"the local Prefect server stopped at start; its log {home / LOG_FILE} ends: {log_tail(home / LOG_FILE)}"
                    )
                if time.monotonic() > deadline:
                    raise ServeError(f"the local Prefect server did not answer within {timeout:.0f} s; see {home / LOG_FILE}, "
                                     "or set PREFECT_API_URL to a Prefect server you run")  # fmt: skip
                time.sleep(0.2)
            return server
    except Timeout:
        raise ServeError(f"another dyadflow process has been starting the Prefect server in {home} for {timeout:.0f} s; "
                         f"see {home / LOG_FILE}") from None  # fmt: skip


def _spawn(home: Path) -> subprocess.Popen[bytes]:
    (home / STATE_FILE).unlink(missing_ok=True)
    env = {key: value for key, value in os.environ.items() if key != "PREFECT_API_URL"}
    env.update(PREFECT_HOME=str(home), PREFECT_SERVER_ANALYTICS_ENABLED="false", PREFECT_UI_ENABLED="false")
    with open(home / LOG_FILE, "ab") as log:
        return subprocess.Popen(
            [sys.executable, "-m", "flows.local_server", str(home)],
            env=env,
            cwd=Path(__file__).resolve().parents[1],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # outlives the run that started it, and a kill of that run's process group
        )


def _wait_for_state(home: Path, process: subprocess.Popen[bytes], deadline: float) -> LocalServer:
    while (server := read_state(home)) is None:
        if process.poll() is not None:
            raise ServeError(f"the local Prefect server stopped at start (exit {process.returncode}); "
                             f"its log {home / LOG_FILE} ends: {log_tail(home / LOG_FILE)}")  # fmt: skip
        if time.monotonic() > deadline:
            raise ServeError(f"the local Prefect server did not start; see {home / LOG_FILE}")
        time.sleep(0.1)
    return server


def log_tail(log: Path, lines: int = 5) -> str:
    """The last lines of a log file, joined on one line for an error message."""
    try:
        return " | ".join(log.read_text(errors="replace").strip().splitlines()[-lines:])
    except OSError:
        return ""


def stop_server(home: Path, timeout: float = 5.0) -> bool:
    """Stop the local server of PREFECT_HOME home now, if one runs; whether one was stopped."""
    server = read_state(home)
    (home / STATE_FILE).unlink(missing_ok=True)
    if server is None:
        return False
    try:
        os.kill(server.pid, signal.SIGTERM)
    except ProcessLookupError:
        return False
    deadline = time.monotonic() + timeout
    while _alive(server.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    if _alive(server.pid):
        os.kill(server.pid, signal.SIGKILL)
    return True


@contextmanager
def lease(home: Path) -> Iterator[None]:
    """Mark this process as using the local server of home, so that it does not stop as idle meanwhile."""
    folder = home / LEASES
    folder.mkdir(parents=True, exist_ok=True)
    mine = folder / str(os.getpid())
    mine.touch()
    try:
        yield
    finally:
        mine.unlink(missing_ok=True)


def busy(home: Path) -> bool:
    """Whether a live process holds a lease; leases of dead processes are removed."""
    held = False
    for path in (home / LEASES).glob("*"):
        if path.name.isdigit() and _alive(int(path.name)):
            held = True
        else:
            path.unlink(missing_ok=True)
    return held


def serve_forever(home: Path, idle: float = IDLE_SECONDS) -> None:
    """Serve Prefect's API on a free port of 127.0.0.1 until idle for `idle` seconds, stopped, or replaced."""
    import uvicorn
    from prefect.server.api.server import create_app

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((HOST, 0))
    port = int(sock.getsockname()[1])
    me = LocalServer(pid=os.getpid(), port=port, api_url=f"http://{HOST}:{port}/api")
    state = home / STATE_FILE
    tmp = state.with_suffix(".tmp")
    tmp.write_text(json.dumps(me.__dict__))
    os.replace(tmp, state)
    app = create_app(ephemeral=True, final=True)  # the services a run needs, none of the scheduler's
    server = uvicorn.Server(uvicorn.Config(app, host=HOST, port=port, log_level="warning", lifespan="on", timeout_graceful_shutdown=2))

    def watch() -> None:
        last_busy = time.monotonic()
        while not server.should_exit:
            time.sleep(_WATCH_EVERY)
            if read_state(home) != me:  # stopped (state removed) or replaced
                server.should_exit = True
            elif busy(home):
                last_busy = time.monotonic()
            elif time.monotonic() - last_busy > idle:
                print(f"idle for {idle:.0f} s: stopping", flush=True)
                server.should_exit = True
        time.sleep(_SHUTDOWN_GRACE)  # told to stop (idle, stop_server, SIGTERM): a shutdown that hangs is cut short
        if read_state(home) == me:
            state.unlink(missing_ok=True)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()
    try:
        server.run(sockets=[sock])
    finally:
        if read_state(home) == me:
            state.unlink(missing_ok=True)


@contextmanager
def run_api(on_start: Callable[[Path], None] | None = None) -> Iterator[str]:
    """The Prefect API a run in this process talks to: PREFECT_API_URL when set, else the local server of PREFECT_HOME.

    The local server is found, or started (on_start is told), and leased for the duration.
    """
    from prefect.settings import PREFECT_API_URL, get_current_settings, temporary_settings

    settings = get_current_settings()
    if settings.api.url:
        yield str(settings.api.url)
        return
    home = Path(settings.home).expanduser()
    with lease(home):
        server = start_server(home, on_start=on_start)
        previous = os.environ.get("PREFECT_API_URL")
        os.environ["PREFECT_API_URL"] = server.api_url  # for worker processes (Dask) this run starts
        try:
            with temporary_settings(updates={PREFECT_API_URL: server.api_url}):
                yield server.api_url
        finally:
            if previous is None:
                os.environ.pop("PREFECT_API_URL", None)
            else:
                os.environ["PREFECT_API_URL"] = previous


if __name__ == "__main__":
    serve_forever(Path(sys.argv[1]))
