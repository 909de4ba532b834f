"""Shared fixtures: a raw-socket HTTP server for faults, a refused port, and a CLI runner.

``httpserver`` (pytest-httpserver) covers ordinary responses; ``raw_server`` is for what it
cannot do: slow or trickling bodies, resets mid-body, bodies without Content-Length, lying
headers. Both listen on 127.0.0.1 only.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


@dataclass
class RawRequest:
    method: str
    path: str
    headers: dict[str, str]  # lower-case names
    received_at: float


RawHandler = Callable[[socket.socket, RawRequest], None]


def send_response(
    conn: socket.socket,
    status: int = 200,
    body: bytes = b"",
    headers: dict[str, str] | None = None,
    *,
    reason: str = "OK",
    content_length: bool = True,
) -> None:
    """Write a whole HTTP/1.1 response (Connection: close) on ``conn``."""
    head = [f"HTTP/1.1 {status} {reason}"]
    hdrs = {"Content-Type": "text/html; charset=utf-8", "Connection": "close"}
    hdrs.update(headers or {})
    if content_length:
        hdrs.setdefault("Content-Length", str(len(body)))
    head += [f"{k}: {v}" for k, v in hdrs.items()]
    conn.sendall(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body)


@dataclass
class RawServer:
    """A tiny threaded HTTP server whose routes write raw bytes on the socket."""

    routes: dict[str, RawHandler] = field(default_factory=dict)
    requests: list[RawRequest] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._sock = socket.create_server(("127.0.0.1", 0))
        self._sock.settimeout(0.2)
        self.port = self._sock.getsockname()[1]
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def route(self, path: str, handler: RawHandler) -> str:
        self.routes[path] = handler
        return self.url(path)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self._sock.close()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except (TimeoutError, OSError):
                continue
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn: socket.socket) -> None:
        try:
            conn.settimeout(10)
            data = b""
            while b"\r\n\r\n" not in data:
                chunk = conn.recv(65536)
                if not chunk:
                    return
                data += chunk
            head = data.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
            method, target, _ = head[0].split(" ", 2)
            headers = {}
            for line in head[1:]:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
            request = RawRequest(method, target, headers, time.monotonic())
            with self._lock:
                self.requests.append(request)
            handler = self.routes.get(target.split("?", 1)[0])
            if handler is None:
                send_response(conn, 404, b"<html><body>not found</body></html>", reason="Not Found")
            else:
                handler(conn, request)
        except OSError:
            pass  # the client went away (timeouts, size caps): expected in fault tests
        finally:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
            conn.close()


@pytest.fixture
def raw_server() -> Iterator[RawServer]:
    server = RawServer()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture
def refused_url() -> str:
    """An http URL on 127.0.0.1 where nothing listens (connection refused)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/story"


@dataclass
class CLIResult:
    returncode: int
    stdout: str
    stderr: str
    elapsed: float

    @property
    def stderr_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.strip()]


def run_scrape(
    *args: str, cwd: Path | None = None, stdin: str | None = None, timeout: float = 60
) -> CLIResult:
    """Run ``python -m scraper ARGS`` as a subprocess (the real entry point, real stdio)."""
    env = dict(os.environ)
    env.pop("PYTHONWARNINGS", None)
    env["PYTHONIOENCODING"] = "utf-8"
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "scraper", *args],
        cwd=cwd or ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=timeout,
    )
    return CLIResult(proc.returncode, proc.stdout, proc.stderr, time.monotonic() - started)


@pytest.fixture
def scrape_cli() -> Callable[..., CLIResult]:
    return run_scrape
