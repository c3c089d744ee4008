"""Canonical URLs: one spelling per page, tracking parameters dropped."""

from __future__ import annotations

import pytest

from dyadflow.web.urls import canonical_url, host_key, is_web_url, robots_url


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("https://Example.COM/news/a.html?utm_source=rss&utm_medium=feed", "https://example.com/news/a.html"),
        ("https://example.com/a?id=7&fbclid=XYZ&gclid=1", "https://example.com/a?id=7"),
        ("https://example.com/a?b=2&a=1", "https://example.com/a?b=2&a=1"),
        ("http://example.com:80/a#comments", "http://example.com/a"),
        ("https://example.com:8443/a", "https://example.com:8443/a"),
        ("https://example.com", "https://example.com/"),
        ("https://example.com/caf%c3%a9", "https://example.com/caf%C3%A9"),
        ("https://example.com/a?utm_campaign=x&mc_eid=1", "https://example.com/a"),
    ],
)
def test_canonical_url_drops_tracking_and_normalizes(url, canonical):
    assert canonical_url(url) == canonical


def test_canonical_url_resolves_a_relative_link():
    assert canonical_url("../b.html?utm_source=x", base="https://example.com/news/a.html") == "https://example.com/b.html"


@pytest.mark.parametrize(
    ("text", "web"), [("https://a.kz/x", True), ("http://a.kz", True), ("a.txt", False), ("ftp://a.kz/x", False), ("-", False)]
)
def test_is_web_url_tells_urls_from_paths(text, web):
    assert is_web_url(text) is web


def test_robots_and_host_key_are_per_host():
    assert robots_url("https://A.kz:443/news/1.html?x=1") == "https://a.kz:443/robots.txt"
    assert host_key("https://a.kz/x") == host_key("https://A.KZ:443/y") != host_key("http://a.kz/x")
