"""How politely and how far the web input fetches: one set of settings, overridable from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from importlib.metadata import PackageNotFoundError, version

from schemas.errors import InputError
from schemas.records import FetchOutcome

# Outcomes that will not mend by themselves: after PERMANENT_LIMIT of them a page URL is given up.
PERMANENT_OUTCOMES = frozenset(
    {
        FetchOutcome.NOT_FOUND, FetchOutcome.GONE, FetchOutcome.HTTP_ERROR, FetchOutcome.ROBOTS,
        FetchOutcome.TOO_LARGE, FetchOutcome.REDIRECT_LOOP, FetchOutcome.TOO_MANY_REDIRECTS,
        FetchOutcome.WRONG_TYPE, FetchOutcome.NOT_A_FEED, FetchOutcome.MALFORMED_FEED,
    }
)  # fmt: skip


def default_user_agent() -> str:
    """dyadflow's User-Agent: its name and version (set DYADFLOW_USER_AGENT to add a contact address)."""
    try:
        ours = version("dyadflow")
    except PackageNotFoundError:
        ours = "dev"
    return f"dyadflow/{ours} (news event coder)"


@dataclass(frozen=True)
class WebSettings:
    """The fetcher's limits and manners; every default suits a nightly run over a few hundred feeds."""

    user_agent: str = field(default_factory=default_user_agent)
    timeout: float = 20.0
    """Seconds to connect, and between two chunks of a response."""
    retries: int = 2
    """Further tries of a request that met a 5xx or a connection error, in the same run."""
    backoff: float = 2.0
    """Seconds before the first retry; doubled before each next one."""
    delay: float = 2.0
    """Seconds between two requests to one host (a longer Crawl-delay of its robots.txt wins, up to max_crawl_delay)."""
    max_crawl_delay: float = 30.0
    max_bytes: int = 10_000_000
    """A body larger than this is aborted while it streams in (too-large)."""
    max_redirects: int = 5
    permanent_limit: int = 3
    """A page URL that failed for good (404, 410, robots, wrong type ...) this many times is not asked again."""
    transient_limit: int = 7
    """A page URL that failed for now (timeouts, 5xx, DNS ...) this many times is not asked again."""

    @classmethod
    def from_env(cls) -> WebSettings:
        """The defaults, with DYADFLOW_USER_AGENT and DYADFLOW_CRAWL_DELAY (seconds) where they are set.

        Raises:
            InputError: DYADFLOW_CRAWL_DELAY is not a number of seconds.
        """
        settings = cls()
        agent = os.environ.get("DYADFLOW_USER_AGENT", "").strip()
        if agent:
            settings = replace(settings, user_agent=agent)
        delay = os.environ.get("DYADFLOW_CRAWL_DELAY", "").strip()
        if delay:
            try:
                seconds = float(delay)
            except ValueError:
                seconds = -1.0
            if seconds < 0:
                raise InputError(f"DYADFLOW_CRAWL_DELAY={delay!r} is not a number of seconds (0 or more)")
            settings = replace(settings, delay=seconds, backoff=min(settings.backoff, max(seconds, 0.01)))
        return settings
