"""The one fetcher every web request goes through: robots.txt, a delay per host, retries, size and redirect limits."""

from __future__ import annotations

import datetime as dt
import socket
import ssl
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from types import TracebackType
from urllib.parse import urljoin

import httpx

from dyadflow.web.robots import Robots
from dyadflow.web.settings import WebSettings
from dyadflow.web.urls import canonical_url, host_key
from schemas.records import FetchOutcome

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_DNS_WORDS = ("name or service not known", "nodename nor servname", "getaddrinfo", "temporary failure in name resolution",
              "no address associated", "name resolution")  # fmt: skip
_TLS_WORDS = ("ssl", "tls", "certificate", "wrong version number")


@dataclass
class Response:
    """What one fetch of a URL gave: the body when it succeeded, else the outcome and a message saying why not."""

    url: str
    outcome: FetchOutcome
    final_url: str | None = None
    status: int | None = None
    headers: httpx.Headers = field(default_factory=httpx.Headers)
    content: bytes = b""
    message: str = ""
    fetched_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))

    @property
    def ok(self) -> bool:
        """Whether a body came (2xx)."""
        return self.outcome == FetchOutcome.OK

    @property
    def content_type(self) -> str:
        """The media type of the body, lower-case, without parameters ("" if not given)."""
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


class _TooLarge(Exception):
    pass


def _transport_outcome(error: httpx.TransportError) -> tuple[FetchOutcome, str]:
    """The outcome of a request that got no response: timeout, DNS, TLS or another connection failure."""
    if isinstance(error, httpx.TimeoutException):
        return FetchOutcome.TIMEOUT, f"no answer in time ({type(error).__name__})"
    chain: list[BaseException] = []
    cause: BaseException | None = error
    while cause is not None and cause not in chain:
        chain.append(cause)
        cause = cause.__cause__ or cause.__context__
    text = " ".join(str(e).lower() for e in chain)
    if any(isinstance(e, socket.gaierror) for e in chain) or any(word in text for word in _DNS_WORDS):
        return FetchOutcome.DNS, f"the host name does not resolve ({error})"
    if any(isinstance(e, ssl.SSLError) for e in chain) or any(word in text for word in _TLS_WORDS):
        return FetchOutcome.TLS, f"the TLS handshake failed ({error})"
    return FetchOutcome.CONNECTION, f"the connection failed ({type(error).__name__}: {error})"


def status_outcome(status: int) -> FetchOutcome:
    """The outcome of an HTTP status."""
    if 200 <= status < 300:
        return FetchOutcome.OK
    if status == 304:
        return FetchOutcome.NOT_MODIFIED
    if status == 404:
        return FetchOutcome.NOT_FOUND
    if status == 410:
        return FetchOutcome.GONE
    if status >= 500 or status in (408, 429):
        return FetchOutcome.SERVER_ERROR
    return FetchOutcome.HTTP_ERROR


class Fetcher:
    """An httpx client with manners: its User-Agent, robots.txt obeyed, one request per host per delay.

    Every request of the web input (feeds, pages, robots.txt) goes through get(); `on_fetch` hears
    of each robots.txt fetched, so that the night's log holds those too.
    """

    def __init__(
        self,
        settings: WebSettings | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings or WebSettings()
        self._client = httpx.Client(
            headers={"User-Agent": self.settings.user_agent},
            timeout=httpx.Timeout(self.settings.timeout),
            follow_redirects=False,
            transport=transport,
        )
        self._sleep = sleep
        self._clock = clock
        self._last: dict[str, float] = {}
        self.robots = Robots(self)
        self.robots_fetched: list[Response] = []

    def get(self, url: str, *, headers: dict[str, str] | None = None, obey_robots: bool = True) -> Response:
        """Fetch url, following redirects up to the limit (each hop robots-checked); never raises for a bad URL."""
        seen = {url}
        current = url
        for _ in range(self.settings.max_redirects + 1):
            if obey_robots and not self.robots.allowed(current):
                return Response(url, FetchOutcome.ROBOTS, final_url=current, message=f"robots.txt of its host forbids {current}")
            response = self._get_once(current, headers)
            location = response.headers.get("location")
            if response.status not in _REDIRECTS or not location:
                response.url, response.final_url = url, current
                return response
            target = canonical_url(urljoin(current, location))
            if target in seen:
                return Response(url, FetchOutcome.REDIRECT_LOOP, final_url=target, status=response.status,
                                message=f"redirects in a loop back to {target}")  # fmt: skip
            seen.add(target)
            current = target
        return Response(url, FetchOutcome.TOO_MANY_REDIRECTS, final_url=current,
                        message=f"more than {self.settings.max_redirects} redirects")  # fmt: skip

    def _get_once(self, url: str, headers: dict[str, str] | None) -> Response:
        """One request (no redirects followed), tried again with backoff on a 5xx or a connection error."""
        response = Response(url, FetchOutcome.CONNECTION)
        for attempt in range(self.settings.retries + 1):
            if attempt:
                self._sleep(self.settings.backoff * 2 ** (attempt - 1))
            response = self._request(url, headers)
            retry = response.outcome in (FetchOutcome.CONNECTION, FetchOutcome.TIMEOUT) or (
                response.status is not None and response.status >= 500
            )
            if not retry:
                break
        return response

    def _request(self, url: str, headers: dict[str, str] | None) -> Response:
        self._wait_for_host(url)
        try:
            with self._client.stream("GET", url, headers=headers) as reply:
                status = reply.status_code
                outcome = status_outcome(status)
                if status in _REDIRECTS or outcome != FetchOutcome.OK:
                    reply.close()
                    message = "" if outcome in (FetchOutcome.OK, FetchOutcome.NOT_MODIFIED) else f"HTTP {status} {reply.reason_phrase}"
                    return Response(url, outcome, status=status, headers=reply.headers, message=message)
                declared = reply.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > self.settings.max_bytes:
                    raise _TooLarge(f"{int(declared)} bytes declared")
                content = self._read_limited(reply.iter_bytes())
                return Response(url, outcome, status=status, headers=reply.headers, content=content)
        except _TooLarge as e:
            return Response(url, FetchOutcome.TOO_LARGE, message=f"larger than the limit of {self.settings.max_bytes} bytes ({e})")
        except httpx.TransportError as e:
            outcome, message = _transport_outcome(e)
            return Response(url, outcome, message=message)
        except httpx.InvalidURL as e:
            return Response(url, FetchOutcome.HTTP_ERROR, message=f"not a URL that can be fetched ({e})")

    def _read_limited(self, chunks: Iterable[bytes]) -> bytes:
        """The body, read chunk by chunk and aborted as soon as it passes max_bytes."""
        received = bytearray()
        for chunk in chunks:
            received += chunk
            if len(received) > self.settings.max_bytes:
                raise _TooLarge(f"more than {self.settings.max_bytes} bytes received")
        return bytes(received)

    def _wait_for_host(self, url: str) -> None:
        """Sleep until the host's delay has passed since its last request; then note this one."""
        host = host_key(url)
        delay = max(self.settings.delay, min(self.robots.crawl_delay(url), self.settings.max_crawl_delay))
        last = self._last.get(host)
        if last is not None:
            wait = last + delay - self._clock()
            if wait > 0:
                self._sleep(wait)
        self._last[host] = self._clock()

    def close(self) -> None:
        """Close the connections."""
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()
