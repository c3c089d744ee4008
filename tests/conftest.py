"""Shared fixtures: the seed corpus in ../shared, the coder loaded once, one Prefect test harness."""

from __future__ import annotations

import os
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
    from dyadflow.pipeline import shared_coder

    return shared_coder()


@pytest.fixture(scope="session")
def prefect_harness():
    """A temporary Prefect API for the whole session (starting one costs seconds)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield
