"""The local Prefect server of `dyadflow run`: found again by later runs, its state and leases kept honest."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from flows.local_server import LEASES, STATE_FILE, busy, find_server, lease, read_state, start_server


def _dead_pid() -> int:
    """The pid of a process that has exited."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_state_file_naming_a_dead_or_foreign_process_is_no_server(tmp_path: Path) -> None:
    (tmp_path / STATE_FILE).write_text(json.dumps({"pid": _dead_pid(), "port": 1, "api_url": "http://127.0.0.1:1/api"}))
    assert read_state(tmp_path) is None
    # a live process that is not a dyadflow server (a pid reused after a reboot) is not one either
    (tmp_path / STATE_FILE).write_text(json.dumps({"pid": os.getppid(), "port": 1, "api_url": "http://127.0.0.1:1/api"}))
    assert read_state(tmp_path) is None
    (tmp_path / STATE_FILE).write_text("{not json")
    assert read_state(tmp_path) is None


def test_leases_of_dead_processes_do_not_keep_the_server_busy(tmp_path: Path) -> None:
    (tmp_path / LEASES).mkdir()
    (tmp_path / LEASES / str(_dead_pid())).touch()  # a run killed with kill -9 left its lease
    assert not busy(tmp_path)
    assert list((tmp_path / LEASES).iterdir()) == []
    with lease(tmp_path):
        assert busy(tmp_path)
    assert not busy(tmp_path)


@pytest.mark.slow
def test_a_later_run_finds_the_server_the_first_one_started(prefect_home: Path) -> None:
    first = find_server(prefect_home)
    assert first is not None
    assert start_server(prefect_home, timeout=60) == first
    assert first.api_url.startswith("http://127.0.0.1:")
