"""robots.txt, fetched through dyadflow's own fetcher once per host and run, and obeyed (RFC 9309)."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.robotparser import RobotFileParser

from dyadflow.web.urls import host_key, robots_url

if TYPE_CHECKING:
    from dyadflow.web.fetch import Fetcher

# RFC 9309: a robots.txt that is unavailable (4xx) allows everything; one that cannot be reached (5xx,
# no connection) forbids everything until it can be read.
_ALLOW_ALL = "User-agent: *\nAllow: /\n"
_DISALLOW_ALL = "User-agent: *\nDisallow: /\n"
MAX_ROBOTS_BYTES = 500_000


class Robots:
    """The robots.txt rules of each host met in this run, read with the fetcher that asks for pages."""

    def __init__(self, fetcher: Fetcher) -> None:
        self._fetcher = fetcher
        self._rules: dict[str, RobotFileParser] = {}

    def allowed(self, url: str) -> bool:
        """Whether robots.txt of url's host lets dyadflow's User-Agent fetch url (robots.txt read on first use)."""
        rules = self._rules.get(host_key(url))
        if rules is None:
            rules = self._load(url)
        return rules.can_fetch(self._fetcher.settings.user_agent, url)

    def crawl_delay(self, url: str) -> float:
        """The Crawl-delay robots.txt of url's host asks of dyadflow, in seconds (0 when none, or not read yet)."""
        rules = self._rules.get(host_key(url))
        if rules is None:
            return 0.0
        delay = rules.crawl_delay(self._fetcher.settings.user_agent)
        return float(delay) if delay else 0.0

    def _load(self, url: str) -> RobotFileParser:
        response = self._fetcher.get(robots_url(url), obey_robots=False)
        self._fetcher.robots_fetched.append(response)
        if response.ok:
            text = response.content[:MAX_ROBOTS_BYTES].decode("utf-8", errors="replace")
        elif response.status is not None and 400 <= response.status < 500:
            text = _ALLOW_ALL
        else:
            text = _DISALLOW_ALL
            response.message = (response.message + "; " if response.message else "") + (
                "robots.txt could not be read, so nothing of this host is fetched in this run"
            )
        rules = RobotFileParser()
        rules.parse(text.splitlines())
        self._rules[host_key(url)] = rules
        return rules
