"""The web input's crawl of a local news site: how much of a night the per-host delay costs, with hosts taken in turn.

    .venv/bin/python benchmarks/web_crawl.py                       # 4 hosts x 15 articles, 0.2 s delay
    .venv/bin/python benchmarks/web_crawl.py --hosts 6 --articles 20 --delay 0.5

Each host is a local HTTP server (127.0.0.1 on its own port, so its own robots.txt and delay) serving
one RSS feed of generated article pages. The crawl (dyadflow.web.crawl: robots.txt, feeds, pages,
trafilatura, ingest rules; no coder, no warehouse) is timed once. `delay_bound_s` is what the delay
alone costs when pages are asked host after host (hosts x articles x delay); `per_host_bound_s` the
least any polite crawl can take (articles x delay). No network beyond 127.0.0.1.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from dyadflow.web.crawl import crawl  # noqa: E402
from dyadflow.web.settings import WebSettings  # noqa: E402
from schemas.records import Document  # noqa: E402

_SENTENCES = (
    "The foreign minister of Kazakhstan met his Uzbek counterpart in Tashkent on Monday.",
    "Kyrgyzstan and Tajikistan agreed to reopen two border crossings closed since the spring.",
    "Officials said the talks covered water sharing, rail links and electricity exports.",
    "The two governments signed a memorandum on trade and promised to meet again next month.",
)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _site(folder: Path, port: int, articles: int) -> None:
    """Write one host's robots.txt, feed and article pages into folder."""
    (folder / "news").mkdir(parents=True)
    (folder / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n")
    items = []
    for n in range(articles):
        body = "".join(f"<p>{_SENTENCES[(n + i) % 4]} Story {n} of host {port}, paragraph {i}.</p>" for i in range(6))
        (folder / "news" / f"{n}.html").write_text(
            f"<!doctype html><html><head><title>Story {n}</title></head><body><nav>Home World Region</nav>"
            f"<article><h1>Story {n}</h1>{body}</article><footer>Copyright</footer></body></html>"
        )
        items.append(f"<item><title>Story {n}</title><link>http://127.0.0.1:{port}/news/{n}.html</link></item>")
    (folder / "rss.xml").write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Host {port}</title><link>http://127.0.0.1:{port}/</link>'
        f"<description>d</description>{''.join(items)}</channel></rss>"
    )


def main() -> None:
    """Serve the hosts, crawl them once, print key=value figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hosts", type=int, default=4)
    parser.add_argument("--articles", type=int, default=15, help="articles per host")
    parser.add_argument("--delay", type=float, default=0.2, help="seconds between two requests to one host")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        servers, feeds = [], []
        for h in range(args.hosts):
            server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(Path(tmp) / str(h))))
            port = server.server_address[1]
            _site(Path(tmp) / str(h), port, args.articles)
            threading.Thread(target=server.serve_forever, daemon=True).start()
            servers.append(server)
            feeds.append(f"http://127.0.0.1:{port}/rss.xml")
        feed_list = Path(tmp) / "feeds.txt"
        feed_list.write_text("\n".join(feeds) + "\n")
        list(crawl([], feed_list, settings=WebSettings(delay=args.delay)))  # warm-up: imports, language model, trafilatura
        started = time.perf_counter()
        documents = sum(isinstance(i, Document) for i in crawl([], feed_list, settings=WebSettings(delay=args.delay)))
        seconds = time.perf_counter() - started
        for server in servers:
            server.shutdown()
    pages = args.hosts * args.articles
    print(
        f"hosts={args.hosts} pages={pages} documents={documents} delay_s={args.delay} crawl_s={seconds:.2f} "
        f"pages_per_s={pages / seconds:.1f} delay_bound_s={pages * args.delay:.1f} per_host_bound_s={args.articles * args.delay:.1f}"
    )


if __name__ == "__main__":
    main()
