"""A real HTTP/1.1 server on loopback that serves article pages and injects faults by path.

Each :class:`FaultServer` is one "host" (its own address and port). It records every request
(path, start and end times, headers) and the highest number of requests in flight at once, so
tests can check retries, Retry-After and politeness from the server's side.

Paths (``<n>`` is any token, so hundreds of distinct URLs can be made):

  /a/<n>          an article page (distinct title per path), with an ETag; honours If-None-Match
  /r429/<n>       first request: 429 with Retry-After (``retry_after`` seconds), then the article
  /b503/<n>       first ``burst`` requests: 503, then the article
  /e503/<n>       always 503
  /slow/<n>       waits ``slow`` seconds before answering (longer than the client's timeout)
  /slow1/<n>      slow on the first request only, then the article
  /reset/<n>      sends half the body, then resets the connection (always)
  /reset1/<n>     resets on the first request only, then the article
  /trunc/<n>      Content-Length larger than the body, then closes (always)
  /loop/<n>       redirect loop (/loop/<n> -> /loop/<n>/x -> /loop/<n>)
  /redir/<n>      one redirect to /a/<n>
  /private/<n>    an article, but robots.txt disallows /private/
  /pdf/<n>        application/pdf
  /big/<n>        an HTML body of ``big`` bytes
  /gone/<n>       404
  /list/<n>       an HTML page that is not an article
  /robots.txt     ``robots`` text (404 when None)
"""

from __future__ import annotations

import hashlib
import select
import socket
import struct
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "interbellumnews"

SYNTHETIC = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | Test News</title>
<link rel="canonical" href="{url}">
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="Test News">
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
<main><article>
<h1>{title}</h1>
<p class="byline">By Jane Roe</p>
<p>The first paragraph of the story {n} says what happened, where, and when it happened, with
enough words to look like an article to any extractor that counts words in paragraphs.</p>
<p>A second paragraph adds the context: who said what, and why it matters to the readers of
this test page, which exists to be fetched many times by the batch engine.</p>
<h2>What comes next</h2>
<p>A third paragraph closes the story with a look ahead, again long enough to be kept as body
text rather than dropped as page furniture by the generic extraction layer.</p>
</article></main>
<footer><p>Copyright Test News</p></footer>
</body></html>
"""

NOT_ARTICLE = """<!doctype html><html><head><title>Section</title></head><body>
<nav><a href="/a/1">One</a> <a href="/a/2">Two</a></nav></body></html>"""

ROBOTS = "User-agent: *\nDisallow: /private/\n"


def sample_bodies() -> list[str]:
    """The article samples when they exist (real pages of the site), else an empty list."""
    if not SAMPLES.is_dir():
        return []
    out = []
    for p in sorted(SAMPLES.glob("*.html")):
        text = p.read_text("utf-8", "replace")
        if "not-found" in p.name or "section" in p.name or "404" in p.name:
            continue
        out.append(text)
    return out


@dataclass
class Req:
    path: str
    start: float
    end: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)
    status: int = 0


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128
    owner: FaultServer

    def handle_error(self, request: Any, client_address: Any) -> None:  # resets are on purpose
        pass


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        owner = self.server.owner
        req = Req(
            self.path, time.monotonic(), headers={k.lower(): v for k, v in self.headers.items()}
        )
        with owner.lock:
            owner.requests.append(req)
            owner.counts[self.path] += 1
            owner.seen[self.path] += 1
            nth = owner.seen[self.path]  # fault schedules survive reset_log()
            owner.active += 1
            owner.in_flight.add(id(req))
            owner.by_id[id(req)] = req
            if owner.active > owner.max_active:
                owner.max_active = owner.active
                owner.peak = [owner.by_id[i] for i in owner.in_flight]
        try:
            req.status = owner.dispatch(self, nth)
        finally:
            with owner.lock:
                owner.active -= 1
                owner.in_flight.discard(id(req))
                req.end = time.monotonic()

    # -- helpers used by dispatch ------------------------------------------------------
    def send(
        self,
        status: int,
        body: bytes,
        ctype: str = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
    ) -> int:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)
        return status

    def reset(self, body: bytes) -> int:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body[: len(body) // 2])
        self.wfile.flush()
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True
        return -1

    def truncate(self, body: bytes) -> int:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body) + 5000))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()
        self.close_connection = True
        return -2


class FaultServer:
    def __init__(
        self,
        bind: str = "127.0.0.1",
        name: str | None = None,
        *,
        robots: str | None = ROBOTS,
        retry_after: str = "1",
        burst: int = 2,
        slow: float = 2.0,
        big: int = 3_000_000,
        latency: float = 0.0,
        bodies: list[str] | None = None,
    ) -> None:
        self.bind = bind
        self.name = name or bind
        self.robots = robots
        self.retry_after = retry_after
        self.burst = burst
        self.slow = slow
        self.big = big
        self.latency = latency
        self.bodies = bodies if bodies is not None else sample_bodies()
        self.lock = threading.Lock()
        self.requests: list[Req] = []
        self.counts: Counter[str] = Counter()  # requests per path since reset_log()
        self.seen: Counter[str] = Counter()  # requests per path since start
        self.active = 0
        self.max_active = 0
        self.in_flight: set[int] = set()
        self.by_id: dict[int, Req] = {}
        self.peak: list[Req] = []  # the requests in flight when max_active was reached
        self._server = _Server((bind, 0), _Handler)
        self._server.owner = self
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    # -- life cycle --------------------------------------------------------------------
    def __enter__(self) -> FaultServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._server.shutdown()
        self._server.server_close()

    @property
    def base(self) -> str:
        return f"http://{self.name}:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def reset_log(self) -> None:
        with self.lock:
            self.requests.clear()
            self.counts.clear()
            self.max_active = 0

    def starts(self, prefix: str = "/") -> list[float]:
        return sorted(r.start for r in self.requests if r.path.startswith(prefix))

    def max_overlap(self, slack: float = 0.0) -> int:
        """Most requests in flight at once, each counted until ``slack`` s before its end.

        When a client gives up on a request (timeout, body too large) it frees its slot at once,
        but the server notices only when it next reads or writes; ``slack`` absorbs that lag.
        """
        events: list[tuple[float, int]] = []
        for r in self.requests:
            end = max(r.start, r.end - slack)
            if end > r.start:
                events += [(r.start, 1), (end, -1)]
        events.sort(key=lambda e: (e[0], e[1]))
        best = cur = 0
        for _, delta in events:
            cur += delta
            best = max(best, cur)
        return best

    def requests_for(self, path: str) -> list[Req]:
        return [r for r in self.requests if r.path == path]

    # -- content -----------------------------------------------------------------------
    def article(self, path: str) -> bytes:
        n = path.rstrip("/").rsplit("/", 1)[-1]
        title = f"Story {n} on {path.split('/')[1]}"
        if self.bodies:
            body = self.bodies[int(hashlib.md5(path.encode()).hexdigest(), 16) % len(self.bodies)]
            # Distinct pages: the same sample with the path in a comment.
            return (body + f"\n<!-- {path} -->\n").encode("utf-8")
        return SYNTHETIC.format(title=title, n=n, url=self.url(path)).encode("utf-8")

    @staticmethod
    def _wait_or_client_gone(h: _Handler, seconds: float) -> bool:
        """Sleep up to ``seconds``; True as soon as the client closes the connection."""
        deadline = time.monotonic() + seconds
        conn = h.connection
        while (left := deadline - time.monotonic()) > 0:
            readable, _, _ = select.select([conn], [], [], min(left, 0.02))
            if readable:
                try:
                    if conn.recv(1, socket.MSG_PEEK) == b"":
                        h.close_connection = True
                        return True
                except OSError:
                    h.close_connection = True
                    return True
                time.sleep(min(left, 0.02))  # pipelined data; keep waiting
        return False

    def dispatch(self, h: _Handler, nth: int) -> int:
        path = h.path.split("?", 1)[0]
        if self.latency:
            time.sleep(self.latency)
        if path == "/robots.txt":
            if self.robots is None:
                return h.send(404, b"not found", "text/plain")
            return h.send(200, self.robots.encode(), "text/plain")
        kind = path.split("/")[1] if path.count("/") >= 2 else ""
        body = self.article(path) if kind else b""
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if kind in ("a", "private"):
            if h.headers.get("If-None-Match") == etag:
                h.send_response(304)
                h.send_header("ETag", etag)
                h.send_header("Content-Length", "0")
                h.end_headers()
                return 304
            return h.send(200, body, headers={"ETag": etag})
        if kind == "r429":
            if nth == 1:
                return h.send(429, b"slow down", "text/plain", {"Retry-After": self.retry_after})
            return h.send(200, body)
        if kind == "b503":
            if nth <= self.burst:
                return h.send(503, b"busy", "text/plain")
            return h.send(200, body)
        if kind == "e503":
            return h.send(503, b"busy", "text/plain")
        if kind == "slow" or (kind == "slow1" and nth == 1):
            if self._wait_or_client_gone(h, self.slow):
                return -3  # the client gave up (timeout): the request is over for both sides
            try:
                return h.send(200, body)
            except OSError:
                return -3
        if kind == "slow1":
            return h.send(200, body)
        if kind == "reset" or (kind == "reset1" and nth == 1):
            return h.reset(body)
        if kind == "reset1":
            return h.send(200, body)
        if kind == "trunc":
            return h.truncate(body)
        if kind == "loop":
            target = path[: -len("/x")] if path.endswith("/x") else path + "/x"
            h.send_response(302)
            h.send_header("Location", target)
            h.send_header("Content-Length", "0")
            h.end_headers()
            return 302
        if kind == "redir":
            h.send_response(301)
            h.send_header("Location", "/a/" + path.split("/", 2)[2])
            h.send_header("Content-Length", "0")
            h.end_headers()
            return 301
        if kind == "pdf":
            return h.send(200, b"%PDF-1.4\n" + b"0" * 2000, "application/pdf")
        if kind == "big":
            chunk = b"<p>" + b"x" * 1000 + b"</p>\n"
            blob = b"<!doctype html><html><body>" + chunk * (self.big // len(chunk) + 1)
            return h.send(200, blob)
        if kind == "list":
            return h.send(200, NOT_ARTICLE.encode())
        return h.send(404, b"<html><body>Not found</body></html>")
