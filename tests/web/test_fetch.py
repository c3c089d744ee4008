"""The fetcher against a local HTTP server: its User-Agent, robots.txt, retries, limits and failures by name."""

from __future__ import annotations

import socket
import time

import httpx
import pytest
from werkzeug import Response as WerkzeugResponse

from dyadflow.web.fetch import Fetcher
from dyadflow.web.settings import WebSettings, default_user_agent
from schemas.records import FetchOutcome

FAST = WebSettings(delay=0.0, backoff=0.01, timeout=2.0)


def _paths(httpserver) -> list[str]:
    return [request.path for request, _ in httpserver.log]


@pytest.fixture
def allow_all(httpserver):
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nDisallow:\n", content_type="text/plain")
    return httpserver


def test_fetch_names_dyadflow_and_its_version_in_every_request(allow_all):
    allow_all.expect_request("/a.html").respond_with_data("<html><body>hi</body></html>", content_type="text/html")
    with Fetcher(FAST) as fetcher:
        response = fetcher.get(allow_all.url_for("/a.html"))
    assert response.ok and response.content.startswith(b"<html>")
    agents = {request.headers["User-Agent"] for request, _ in allow_all.log}
    assert agents == {default_user_agent()} and default_user_agent().startswith("dyadflow/")


def test_fetch_user_agent_can_be_overridden(monkeypatch):
    monkeypatch.setenv("DYADFLOW_USER_AGENT", "dyadflow/0.1 (research; contact@example.org)")
    assert WebSettings.from_env().user_agent == "dyadflow/0.1 (research; contact@example.org)"


def test_fetch_obeys_robots_and_never_requests_a_forbidden_page(httpserver):
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nDisallow: /private/\n")
    httpserver.expect_request("/private/x.html").respond_with_data("secret")
    with Fetcher(FAST) as fetcher:
        response = fetcher.get(httpserver.url_for("/private/x.html"))
        again = fetcher.get(httpserver.url_for("/private/y.html"))
    assert response.outcome == again.outcome == FetchOutcome.ROBOTS
    assert _paths(httpserver) == ["/robots.txt"]  # robots.txt read once for the host, the page never asked


@pytest.mark.parametrize(("status", "allowed"), [(404, True), (503, False)])
def test_fetch_robots_unavailable_allows_unreachable_forbids(httpserver, status, allowed):
    httpserver.expect_request("/robots.txt").respond_with_data("", status=status)
    httpserver.expect_request("/a.html").respond_with_data("<html></html>", content_type="text/html")
    with Fetcher(FAST) as fetcher:
        response = fetcher.get(httpserver.url_for("/a.html"))
    assert response.ok is allowed
    assert ("/a.html" in _paths(httpserver)) is allowed


def test_fetch_retries_a_server_error_with_backoff(allow_all):
    answers = iter([WerkzeugResponse("busy", status=503), WerkzeugResponse("<html>ok</html>", content_type="text/html")])
    allow_all.expect_request("/flaky.html").respond_with_handler(lambda request: next(answers))
    slept: list[float] = []
    with Fetcher(FAST, sleep=lambda s: slept.append(s)) as fetcher:
        response = fetcher.get(allow_all.url_for("/flaky.html"))
    assert response.ok and _paths(allow_all).count("/flaky.html") == 2
    assert FAST.backoff in slept


def test_fetch_waits_the_delay_between_two_requests_to_one_host(allow_all):
    allow_all.expect_request("/a.html").respond_with_data("<html></html>", content_type="text/html")
    slept: list[float] = []
    with Fetcher(WebSettings(delay=5.0), sleep=lambda s: slept.append(s)) as fetcher:
        fetcher.get(allow_all.url_for("/a.html"))
        fetcher.get(allow_all.url_for("/a.html"))
    assert len(slept) == 2 and all(4.0 < s <= 5.0 for s in slept)  # after robots.txt, and after the first page


@pytest.mark.parametrize(
    ("path", "outcome"),
    [("/loop-a", FetchOutcome.REDIRECT_LOOP), ("/hop/0", FetchOutcome.TOO_MANY_REDIRECTS), ("/gone", FetchOutcome.GONE)],
)
def test_fetch_redirects_are_limited_and_loops_detected(allow_all, path, outcome):
    allow_all.expect_request("/loop-a").respond_with_data("", status=302, headers={"Location": "/loop-b"})
    allow_all.expect_request("/loop-b").respond_with_data("", status=301, headers={"Location": "/loop-a?utm_source=x"})
    for hop in range(10):
        allow_all.expect_request(f"/hop/{hop}").respond_with_data("", status=307, headers={"Location": f"/hop/{hop + 1}"})
    allow_all.expect_request("/gone").respond_with_data("", status=410)
    with Fetcher(FAST) as fetcher:
        response = fetcher.get(allow_all.url_for(path))
    assert response.outcome == outcome and response.message


def test_fetch_follows_a_redirect_and_says_where_it_led(allow_all):
    allow_all.expect_request("/old").respond_with_data("", status=301, headers={"Location": "/new"})
    allow_all.expect_request("/new").respond_with_data("<html></html>", content_type="text/html")
    with Fetcher(FAST) as fetcher:
        response = fetcher.get(allow_all.url_for("/old"))
    assert response.ok and response.url.endswith("/old") and response.final_url.endswith("/new")


def test_fetch_aborts_an_oversized_body_while_it_streams(allow_all):
    sent: list[int] = []

    def endless(request):
        def chunks():
            for _ in range(1000):
                sent.append(1)
                yield b"x" * 10_000

        return WerkzeugResponse(chunks(), content_type="text/html")  # no Content-Length: streamed

    allow_all.expect_request("/huge.html").respond_with_handler(endless)
    allow_all.expect_request("/declared.html").respond_with_data(b"y" * 50_000, content_type="text/html")
    with Fetcher(WebSettings(delay=0.0, max_bytes=40_000)) as fetcher:
        huge = fetcher.get(allow_all.url_for("/huge.html"))
        declared = fetcher.get(allow_all.url_for("/declared.html"))
    assert huge.outcome == declared.outcome == FetchOutcome.TOO_LARGE
    assert huge.content == b"" and len(sent) < 1000


def test_fetch_timeout_is_a_timeout(allow_all):
    def slow(request):
        time.sleep(0.6)
        return WerkzeugResponse("<html></html>", content_type="text/html")

    allow_all.expect_request("/slow.html").respond_with_handler(slow)
    with Fetcher(WebSettings(delay=0.0, timeout=0.2, retries=0)) as fetcher:
        fetcher.get(allow_all.url_for("/robots.txt"), obey_robots=False)
        response = fetcher.get(allow_all.url_for("/slow.html"))
    assert response.outcome == FetchOutcome.TIMEOUT


def test_fetch_tls_failure_is_named(allow_all):
    url = allow_all.url_for("/a.html").replace("http://", "https://")
    with Fetcher(WebSettings(delay=0.0, retries=0)) as fetcher:
        response = fetcher.get(url, obey_robots=False)
    assert response.outcome == FetchOutcome.TLS, response.message


def test_fetch_dns_and_connection_failures_are_named():
    def no_such_host(request):
        raise httpx.ConnectError("[Errno -2] Name or service not known", request=request) from socket.gaierror(
            -2, "Name or service not known"
        )

    def refused(request):
        raise httpx.ConnectError("[Errno 111] Connection refused", request=request)

    for handler, outcome in ((no_such_host, FetchOutcome.DNS), (refused, FetchOutcome.CONNECTION)):
        with Fetcher(FAST, transport=httpx.MockTransport(handler), sleep=lambda s: None) as fetcher:
            response = fetcher.get("https://news.example.invalid/a.html", obey_robots=False)
        assert response.outcome == outcome, response.message
