"""Where the web input plugs into the run: page URLs among the inputs, --feeds for run and serve, the nightly deployment."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from dyadflow.cli import app
from dyadflow.web import split_inputs


def test_split_inputs_tells_page_urls_from_files():
    paths, urls = split_inputs(["inbox", "https://news.example.org/a.html", Path("b.txt"), "-"])
    assert paths == ["inbox", Path("b.txt"), "-"] and urls == ["https://news.example.org/a.html"]


def test_nightly_deployment_carries_the_feed_list(tmp_path):
    from flows.serve import nightly_deployment, schedule

    deployment = nightly_deployment([], str(tmp_path / "wh"), schedule(None, None), feeds=str(tmp_path / "feeds.txt"))
    assert deployment.parameters["feeds"] == str(tmp_path / "feeds.txt") and deployment.parameters["inputs"] == []


def test_run_without_inputs_or_feeds_says_what_to_give(tmp_path):
    result = CliRunner().invoke(app, ["run", "--warehouse", str(tmp_path / "wh")])
    assert result.exit_code != 0 and "--feeds FILE" in str(result.exception)


def test_run_with_a_missing_feed_list_names_it(tmp_path):
    result = CliRunner().invoke(app, ["run", "--feeds", str(tmp_path / "feeds.txt"), "--warehouse", str(tmp_path / "wh")])
    assert result.exit_code != 0 and "feeds.txt" in str(result.exception) and "no such feed list" in str(result.exception)
