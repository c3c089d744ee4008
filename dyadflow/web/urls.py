"""URLs as the crawler compares them: one spelling per page, tracking parameters dropped."""

from __future__ import annotations

import functools
from importlib import resources
from urllib.parse import parse_qsl, quote, unquote, urlencode, urljoin, urlsplit, urlunsplit

WEB_SCHEMES = ("http", "https")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def is_web_url(text: str) -> bool:
    """Whether text is an http(s) URL with a host (an input to fetch rather than a file to read)."""
    try:
        parts = urlsplit(text.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in WEB_SCHEMES and bool(parts.hostname)


@functools.cache
def tracking_parameters() -> tuple[frozenset[str], tuple[str, ...]]:
    """The tracking parameter names of data/tracking_params.txt: exact names, and prefixes (written NAME*)."""
    text = (resources.files("dyadflow.web") / "data" / "tracking_params.txt").read_text(encoding="utf-8")
    names = [line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    exact = frozenset(n for n in names if not n.endswith("*"))
    prefixes = tuple(n[:-1] for n in names if n.endswith("*"))
    return exact, prefixes


def is_tracking_parameter(name: str) -> bool:
    """Whether a query parameter only tracks the click (utm_source, fbclid, ...)."""
    exact, prefixes = tracking_parameters()
    name = name.lower()
    return name in exact or name.startswith(prefixes)


def canonical_url(url: str, base: str | None = None) -> str:
    """The URL in one spelling: resolved against base, scheme and host lower-cased, default port, fragment and
    tracking parameters dropped, an empty path made "/", percent-escapes normalized.

    The order of the other query parameters is kept: some sites give it meaning.
    """
    if base:
        url = urljoin(base, url.strip())
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    port = parts.port
    netloc = host if port is None or port == _DEFAULT_PORTS.get(scheme) else f"{host}:{port}"
    if parts.username:
        netloc = f"{parts.username}{':' + parts.password if parts.password else ''}@{netloc}"
    path = quote(unquote(parts.path), safe="/:@!$&'()*+,;=-._~%") or "/"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not is_tracking_parameter(k)]
    return urlunsplit((scheme, netloc, path, urlencode(query, doseq=True), ""))


def host_key(url: str) -> str:
    """The scheme, host and port of a URL: robots.txt and the delay between requests are per host key."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    port = parts.port or _DEFAULT_PORTS.get(scheme)
    return f"{scheme}://{(parts.hostname or '').lower()}:{port}"


def robots_url(url: str) -> str:
    """The robots.txt URL of the host that serves url."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), "/robots.txt", "", ""))
