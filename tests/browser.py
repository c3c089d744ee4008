"""Headless Chromium for tests: open a page from disk in Debian's chromium (driven by Playwright) and record what it loads.

Tests that use it skip with a reason where chromium or the playwright package is absent; CI installs
chromium with apt-get and playwright with the project's test extra (no browser download).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_SCHEMES = ("file:", "data:", "blob:")
"""The only kinds of URL a self-contained page may load."""


def chromium_path() -> str:
    """The system chromium's path, or skip the test with a reason."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        pytest.skip("chromium is absent: `apt-get install -y chromium` (Debian's package) runs the browser tests")
    return path


@dataclass
class OpenPage:
    """A page open in headless chromium, with every URL it requested and every error it met.

    errors holds uncaught script errors and the console's error messages (a load that the page's
    Content-Security-Policy refused among them; the attempt is still recorded in requests).
    """

    page: Any
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def remote_requests(self) -> list[str]:
        """The requests to anything but file:, data: and blob: URLs (a self-contained page makes none)."""
        return [url for url in self.requests if not url.startswith(LOCAL_SCHEMES)]


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless chromium browser (Playwright's Browser) on the system's chromium, closed on exit."""
    executable = chromium_path()
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is absent: pip install -e '.[test]'")
    with sync_api.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def open_page(browser: Any, path: Path, *, width: int = 1280, height: int = 1000) -> Iterator[OpenPage]:
    """Open the file at path in a fresh browser context, recording its requests (websockets too) and errors."""
    context = browser.new_context(viewport={"width": width, "height": height})
    opened = OpenPage(page=context.new_page())
    context.on("request", lambda request: opened.requests.append(request.url))
    opened.page.on("websocket", lambda socket: opened.requests.append(socket.url))
    opened.page.on("pageerror", lambda error: opened.errors.append(str(error)))
    opened.page.on("console", lambda message: opened.errors.append(message.text) if message.type == "error" else None)
    try:
        opened.page.goto(Path(path).resolve().as_uri())
        yield opened
    finally:
        context.close()
