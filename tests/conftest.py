"""Shared fixtures: the seed corpus in ../shared, the coder loaded once, one local Prefect server for the session."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path in ../shared, or skip the test with a reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: ../shared beside the project root holds the reference material")
    return path


# How long a module's tests take, about, where no module says (its SECONDS): a slow test, and a quick one.
SLOW_TEST_SECONDS, QUICK_TEST_SECONDS = 5.0, 0.02


def module_seconds(module: object, items: list[pytest.Item]) -> float:
    """About how long a module's tests take: its own SECONDS (measured) or an estimate from its slow and quick tests."""
    declared = getattr(module, "SECONDS", None)
    if declared is not None:
        return float(declared)
    slow = sum(1 for item in items if item.get_closest_marker("slow") is not None)
    return slow * SLOW_TEST_SECONDS + (len(items) - slow) * QUICK_TEST_SECONDS


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under pytest-xdist, the longest modules first (`make test` keeps this order: --no-loadscope-reorder), so the
    workers share them out at the start and the quick ones fill in at the end; a module stays whole, so that its
    module-scoped fixtures are built once."""
    if os.environ.get("PYTEST_XDIST_WORKER"):
        by_module: dict[object, list[pytest.Item]] = {}
        for item in items:
            by_module.setdefault(getattr(item, "module", None), []).append(item)
        seconds = {module: module_seconds(module, its) for module, its in by_module.items()}
        items.sort(key=lambda item: -seconds[getattr(item, "module", None)])


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The five seed articles."""
    return shared_path("seeds")


@pytest.fixture(scope="session")
def nlp():
    """The spaCy pipeline, loaded once per test session."""
    from coders.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def coder():
    """The coder with the spaCy model and the data tables, loaded once per test session."""
    from dyadflow.steps import shared_coder

    return shared_coder()


@pytest.fixture(scope="session")
def prefect_home(tmp_path_factory) -> Iterator[Path]:
    """A PREFECT_HOME whose local Prefect server (the one `dyadflow run` starts and reuses) runs for the whole session.

    Give it to a `dyadflow` subprocess as PREFECT_HOME (without PREFECT_API_URL): it finds that server as a
    user's second run would. Under pytest-xdist the workers share one home and one server, as two users'
    runs on one machine do; the last worker to finish stops it.
    """
    from flows.local_server import busy, lease, start_server, stop_server

    base = tmp_path_factory.getbasetemp()
    home = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "prefect-home"
    try:
        with lease(home):  # the session uses it: it must not stop as idle between tests
            start_server(home)
            yield home
    finally:
        if not busy(home):  # no other worker (nor a run it started) holds a lease
            stop_server(home)


@pytest.fixture(scope="session")
def prefect_harness(prefect_home: Path) -> Iterator[str]:
    """The session's local Prefect server as this process's Prefect API, for flows run in the tests; yields its URL."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from flows.local_server import find_server

    server = find_server(prefect_home)
    assert server is not None, f"the session's Prefect server in {prefect_home} stopped"
    with temporary_settings(updates={PREFECT_API_URL: server.api_url}):
        yield server.api_url
        from prefect.logging.handlers import APILogWorker

        APILogWorker.drain_all(timeout=5)  # the flows' last log lines reach the server before it stops


def subprocess_env(prefect_home: Path, **extra: str) -> dict[str, str]:
    """The environment of a `dyadflow` subprocess that finds the session's Prefect server as a user's run would."""
    env = {key: value for key, value in os.environ.items() if key != "PREFECT_API_URL"}
    env.update(PREFECT_HOME=str(prefect_home), PREFECT_SERVER_ANALYTICS_ENABLED="false", **extra)
    return env
